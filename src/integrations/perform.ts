import { closeSync, fstatSync, readFileSync, writeFileSync } from 'node:fs';
import type { Action, FileAction, HttpAction } from '../action/types.js';
import { monotonicMs } from '../builtins.js';
import { openChecked } from '../execute/fs/content.js';
import { formatEntries, listChecked } from '../execute/fs/inspect.js';
import { resolveRealPath } from '../execute/fs/resolve.js';
import type { RunOutcome } from '../execute/run.js';
import type { ToolRequest } from './wire.js';

/** How a performed request ended, with its output captured (front ends hand it back to the agent). */
export interface Performed extends RunOutcome {
  stdout: string;
  stderr: string;
  /** HTTP status, for http requests. */
  status?: number;
}

/** Where and how long a performed request may run. */
export interface PerformOptions {
  cwd: string;
  home: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** Cap on captured output and on files read, in bytes. */
  maxBytes: number;
  /** Files that had other names (hard links) when the request was decided: writing them was decided as such. */
  linked?: string[];
}

/** Carries out an approved request with captured output (never inherited stdio: stdout may be a protocol); `decided` are its actions as evaluated. */
export async function perform(request: ToolRequest, options: PerformOptions, decided: Action[] = []): Promise<Performed> {
  const started = monotonicMs();
  const done = (fields: Omit<Performed, 'durationMs'>): Performed => ({ ...fields, durationMs: Math.round(monotonicMs() - started) });
  try {
    if (request.kind === 'shell' || request.kind === 'argv') return await runCaptured(request, options);
    if (request.kind === 'file') return done(performFile(request, options, decided));
    if (request.kind === 'http') return done(await performHttp(request, options, decided));
    return done({ exitCode: 1, stdout: '', stderr: `nomos decides ${request.server}/${request.tool} but does not call other tool providers` });
  } catch (error) {
    return done({ exitCode: 1, stdout: '', stderr: (error as Error).message });
  }
}

async function runCaptured(request: Extract<ToolRequest, { kind: 'shell' | 'argv' }>, options: PerformOptions): Promise<Performed> {
  const { execa } = await import('execa');
  const [file, args] = request.kind === 'shell' ? ['bash', ['-c', request.command]] : [request.argv[0]!, request.argv.slice(1)];
  const result = await execa(file, args, {
    cwd: options.cwd, env: options.env, extendEnv: false, reject: false, stdin: 'ignore',
    timeout: options.timeoutMs, maxBuffer: options.maxBytes, stripFinalNewline: false,
  });
  const missing = (result as { code?: string }).code === 'ENOENT';
  return {
    exitCode: missing ? 127 : result.timedOut ? 124 : (result.exitCode ?? (result.signal ? 128 : 70)),
    stdout: String(result.stdout ?? ''), stderr: missing ? `${file}: command not found\n` : String(result.stderr ?? ''),
    durationMs: Math.round(result.durationMs),
    ...(result.signal ? { signal: result.signal } : {}), ...(result.timedOut ? { timedOut: true } : {}),
  };
}

/**
 * A file operation on the real path that was decided (`decided`: the evaluated actions,
 * whose last file action carries the symlink-resolved path), opened through the same
 * race-checked openers as `nomos fs`: a link planted or a directory swapped since the
 * decision fails the call instead of being followed.
 */
function performFile(request: Extract<ToolRequest, { kind: 'file' }>, options: PerformOptions, decided: Action[]): Omit<Performed, 'durationMs'> {
  const path = decided.filter((a): a is FileAction => a.kind === 'file' && a.op === request.op).at(-1)?.path
    ?? resolveRealPath(request.path, { cwd: options.cwd, home: options.home, followsFinal: true, missingParents: false });
  const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: '' });
  switch (request.op) {
    case 'read': return ok(readChecked(path, options.maxBytes));
    case 'write':
    case 'append': writeChecked(path, request.op, request.content ?? '', options.linked?.includes(path) === true); return ok('');
    case 'list': return ok(formatEntries(listChecked(path)));
    default: return { exitCode: 1, stdout: '', stderr: `file operation ${request.op} is decided by nomos but not performed here; use nomos exec` };
  }
}

function readChecked(path: string, maxBytes: number): string {
  const fd = openChecked(path, 'read');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new Error(`${path} is ${size} bytes, more than the ${maxBytes}-byte limit`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function writeChecked(path: string, mode: 'write' | 'append', content: string, linked: boolean): void {
  const fd = openChecked(path, mode, undefined, linked);
  try {
    writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/**
 * An HTTP request as decided (`decided`'s http action, after any rewrite), sent the way
 * `nomos http` sends one: to the address resolved once and pinned, refused when it is
 * private and NOMOS_HTTP_BLOCK_PRIVATE=1; a redirect is returned, not followed (no hop
 * was decided). The body is captured up to the size cap.
 */
async function performHttp(request: Extract<ToolRequest, { kind: 'http' }>, options: PerformOptions, decided: Action[]): Promise<Omit<Performed, 'durationMs'>> {
  const action = decided.find((a): a is HttpAction => a.kind === 'http');
  if (!action) throw new Error(`internal: no decided HTTP action for ${request.url}`);
  if (action.scheme !== 'http' && action.scheme !== 'https') throw new Error(`${action.url}: nomos sends http and https only`);
  const [{ sendHop }, { systemResolver }] = await Promise.all([import('../execute/http/send.js'), import('../execute/http/address.js')]);
  const signal = AbortSignal.timeout(options.timeoutMs);
  const res = await sendHop(action, { resolver: systemResolver, blockPrivate: options.env.NOMOS_HTTP_BLOCK_PRIVATE === '1', signal, ...(request.body !== undefined ? { body: request.body } : {}) });
  const body = await capture(res.body, options.maxBytes);
  const ok = res.status >= 200 && res.status < 300;
  return { exitCode: ok ? 0 : 1, status: res.status, stdout: body, stderr: ok ? '' : `HTTP ${res.status}` };
}

/** A response body as text, up to `maxBytes` (the rest is not read). */
async function capture(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= maxBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}
