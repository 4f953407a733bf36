import { httpAction } from './http.js';
import { resolvePath } from './path.js';
import type { AnalysisContext, FileAction, HttpAction } from './types.js';

/** `nomos http` as given on the command line, before anything is read or sent. */
export interface HttpRequestInput {
  /** `[METHOD] URL`: one or two words. */
  words: string[];
  /** `-H 'Name: value'`, in order. */
  headers: string[];
  /** `-d DATA` (curl: a form body unless a content type says otherwise). */
  data?: string;
  /** `--json-body DATA`: a JSON body, checked to parse. */
  jsonBody?: string;
  /** `--data-binary @file` or `@-` (stdin). */
  dataBinary?: string;
}

/** Where the request body comes from when it is not in the action itself. */
export type BodySource = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'file'; path: string } | { kind: 'stdin' };

/** The actions a `nomos http` call is decided on, and how to get its body. */
export interface HttpRequestPlan {
  http: HttpAction;
  /** A body read from a file is a file read, decided like any other. */
  reads: FileAction[];
  body: BodySource;
}

/** A problem with the command line; the CLI turns it into a usage error. */
export class HttpRequestError extends Error {}

const VIA = ['nomos http'];

/** Turns `nomos http` arguments into the HttpAction rules see (plus a file read for `@file` bodies). Pure. */
export function planHttpRequest(input: HttpRequestInput, ctx: Pick<AnalysisContext, 'cwd' | 'home'>): HttpRequestPlan {
  const [method, rawUrl] = splitWords(input.words);
  const headers = parseHeaders(input.headers);
  const { body, parsed, reads } = planBody(input, headers, ctx);
  const action = httpAction(method ?? (body.kind === 'none' ? 'GET' : 'POST'), rawUrl, VIA, headers, parsed);
  if (!action) throw new HttpRequestError(`invalid URL "${rawUrl}"`);
  if (action.scheme !== 'http' && action.scheme !== 'https') throw new HttpRequestError(`unsupported scheme "${action.scheme}": nomos http sends http and https only`);
  moveCredentials(action);
  checkHostHeader(action);
  return { http: action, reads, body };
}

function splitWords(words: string[]): [string | undefined, string] {
  if (words.length === 1) return [undefined, words[0]!];
  if (words.length === 2 && /^[A-Za-z]+$/.test(words[0]!)) return [words[0]!.toUpperCase(), words[1]!];
  throw new HttpRequestError('expected [METHOD] URL, e.g. nomos http POST https://api.example.com/items');
}

/** Header names are case-insensitive: lower-cased, so rules and redaction see one spelling. */
export function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpRequestError(`invalid header "${line}": use -H 'Name: value'`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function planBody(input: HttpRequestInput, headers: Record<string, string>, ctx: Pick<AnalysisContext, 'cwd' | 'home'>) {
  const given = [input.data, input.jsonBody, input.dataBinary].filter((x) => x !== undefined);
  if (given.length > 1) throw new HttpRequestError('give one body: -d, --json-body or --data-binary');
  if (input.jsonBody !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers.accept ??= 'application/json';
    return { body: { kind: 'text', text: input.jsonBody } as BodySource, parsed: parseJson(input.jsonBody), reads: [] };
  }
  if (input.data !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return { body: { kind: 'text', text: input.data } as BodySource, parsed: parseText(input.data, headers['content-type']), reads: [] };
  }
  if (input.dataBinary !== undefined) return planBinary(input.dataBinary, headers, ctx);
  return { body: { kind: 'none' } as BodySource, parsed: undefined, reads: [] };
}

/** `@file` is read by nomos, so the read is decided too: `--data-binary @~/.ssh/id_rsa` meets the ssh rule. */
function planBinary(value: string, headers: Record<string, string>, ctx: Pick<AnalysisContext, 'cwd' | 'home'>) {
  headers['content-type'] ??= 'application/octet-stream';
  if (!value.startsWith('@')) return { body: { kind: 'text', text: value } as BodySource, parsed: undefined, reads: [] };
  if (value === '@-') return { body: { kind: 'stdin' } as BodySource, parsed: undefined, reads: [] };
  const path = resolvePath(value.slice(1), ctx);
  const read: FileAction = { kind: 'file', op: 'read', path, via: VIA };
  return { body: { kind: 'file', path } as BodySource, parsed: undefined, reads: [read] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpRequestError(`--json-body is not valid JSON: ${(e as Error).message}`);
  }
}

/** The body as rule conditions see it: JSON parsed, a form as an object of fields, else the text. */
function parseText(text: string, contentType = ''): unknown {
  if (/json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType)) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

/** `https://user:token@host` becomes an Authorization header, so the URL (which is logged) carries no secret. */
function moveCredentials(action: HttpAction): void {
  const url = new URL(action.url);
  if (!url.username && !url.password) return;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  action.headers.authorization ??= `Basic ${Buffer.from(pair).toString('base64')}`;
  url.username = '';
  url.password = '';
  action.url = url.href;
}

/** A Host header naming another host would reach a server the rules never saw (virtual hosting). */
function checkHostHeader(action: HttpAction): void {
  const conflict = hostHeaderConflict(action);
  if (conflict) throw new HttpRequestError(conflict);
}

/** Why the action's Host header (its headers lower-cased) names another host than its URL, if it does. */
export function hostHeaderConflict(action: HttpAction): string | undefined {
  const host = action.headers.host;
  if (host === undefined) return undefined;
  const expected = [action.host, `${action.host}:${action.port}`];
  return expected.includes(host.toLowerCase().replace(/\.$/, '')) ? undefined : `the Host header "${host}" differs from the URL's host ${action.host}; put the host in the URL`;
}

/**
 * Headers given as an object (hook json, serve, MCP, the library) with lower-cased names, as
 * `nomos http -H` gives them: rules and the Host check see one spelling (`Host` is `host`).
 * Two spellings of one name with different values are refused: which one is sent is not known.
 */
export function lowerHeaders(headers: Record<string, string>): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.trim().toLowerCase();
    if (key in out && out[key] !== value) return `the header ${key} is given twice with different values`;
    out[key] = value;
  }
  return out;
}

/** An HttpAction as the audit log may keep it: the body is never logged, only whether there was one. */
export function withoutBody<T>(action: T): T {
  if (!action || typeof action !== 'object' || (action as { kind?: string }).kind !== 'http' || !('body' in action)) return action;
  const { body: _body, ...rest } = action as T & { body: unknown };
  return { ...rest, body_omitted: true } as T;
}
