import type { Request } from '../action/request.js';
import type { AnalysisContext, FileOp } from '../action/types.js';
import { asObject, MalformedInput, optionalString, requireString } from './input.js';
import { fileRequest, httpRequest, toolRequest } from './requests.js';

/**
 * The one documented request shape of `nomos hook json`, `nomos serve` and the library:
 * what an agent wants done, before nomos has analysed it.
 */
export type ToolRequest =
  | { kind: 'shell'; command: string }
  | { kind: 'argv'; argv: string[] }
  | { kind: 'file'; op: FileOp; path: string; target?: string; content?: string }
  | { kind: 'http'; method?: string; url: string; headers?: Record<string, string>; body?: string }
  | { kind: 'mcp'; server: string; tool: string; input?: unknown };

const FILE_OPS: readonly FileOp[] = ['read', 'write', 'append', 'delete', 'list', 'move', 'copy', 'chmod'];

/** Validates a ToolRequest from untrusted JSON; every problem is a MalformedInput. */
export function parseToolRequest(value: unknown): ToolRequest {
  const obj = asObject(value, 'request');
  const kind = requireString(obj, 'kind', 'request.kind');
  if (kind === 'shell') return { kind, command: requireString(obj, 'command', 'request.command') };
  if (kind === 'argv') return { kind, argv: stringArray(obj.argv, 'request.argv') };
  if (kind === 'file') return parseFile(obj);
  if (kind === 'http') return parseHttp(obj);
  if (kind === 'mcp') return { kind, server: requireString(obj, 'server', 'request.server'), tool: requireString(obj, 'tool', 'request.tool'), input: obj.input };
  throw new MalformedInput(`request.kind must be one of shell, argv, file, http, mcp (got ${JSON.stringify(kind)})`);
}

function parseFile(obj: Record<string, unknown>): ToolRequest {
  const op = requireString(obj, 'op', 'request.op') as FileOp;
  if (!FILE_OPS.includes(op)) throw new MalformedInput(`request.op must be one of ${FILE_OPS.join(', ')}`);
  const target = optionalString(obj, 'target');
  const content = optionalString(obj, 'content');
  return { kind: 'file', op, path: requireString(obj, 'path', 'request.path'), ...(target !== undefined ? { target } : {}), ...(content !== undefined ? { content } : {}) };
}

function parseHttp(obj: Record<string, unknown>): ToolRequest {
  const headers = obj.headers === undefined ? undefined : asObject(obj.headers, 'request.headers');
  if (headers && Object.values(headers).some((v) => typeof v !== 'string')) throw new MalformedInput('request.headers values must be strings');
  const method = optionalString(obj, 'method');
  const body = optionalString(obj, 'body');
  return {
    kind: 'http', url: requireString(obj, 'url', 'request.url'),
    ...(method ? { method } : {}), ...(headers ? { headers: headers as Record<string, string> } : {}), ...(body !== undefined ? { body } : {}),
  };
}

function stringArray(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) throw new MalformedInput(`${what} must be a non-empty array of strings`);
  return value as string[];
}

/** The pipeline request for a ToolRequest; `via` records which front end it came through. */
export function pipelineRequest(request: ToolRequest, ctx: AnalysisContext, via: string[]): Request {
  switch (request.kind) {
    case 'shell': return { kind: 'shell', command: request.command };
    case 'argv': return { kind: 'argv', argv: request.argv };
    case 'file': return fileRequest(request.op, [request.path], ctx, via, request.target);
    case 'http': return httpRequest(request.method ?? 'GET', request.url, via, request.headers, request.body);
    case 'mcp': return toolRequest(request.server, request.tool, request.input, ctx, via);
  }
}
