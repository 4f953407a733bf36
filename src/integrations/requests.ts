import { posix } from 'node:path';
import { httpAction } from '../action/http.js';
import { hostHeaderConflict, lowerHeaders } from '../action/http-request.js';
import { fileOpAction, impliedFileActions } from '../action/fs-request.js';
import { anyCasePattern, expandBraces, hasExtglob } from '../action/globs.js';
import { analyzeToolCall } from '../action/mcp-tools.js';
import { resolvePath } from '../action/path.js';
import { withRealPaths } from '../action/real-paths.js';
import { resolveRealPath } from '../execute/fs/resolve.js';
import type { Request } from '../action/request.js';
import type { Action, AnalysisContext, FileOp, Opaque } from '../action/types.js';

/** Where a tool call came from, as provenance on its actions (`claude-code Read`). */
export type Via = string[];

/** A request made of actions already known: evaluated as a direct request. */
export function actionsRequest(text: string, actions: Action[], opaque: Opaque[] = []): Request {
  return { kind: 'actions', actions, opaque, text };
}

/**
 * File operations on paths, resolved against the call's cwd. The agent's tool will follow
 * symlinks, so rules see where a path really leads (as for `nomos fs`): a link into `~/.ssh`
 * is a read in `~/.ssh`. Where that differs from the path as written, both are decided
 * (the stricter wins); a path that cannot be resolved is opaque.
 */
export function fileRequest(op: FileOp, paths: string[], ctx: AnalysisContext, via: Via, target?: string): Request {
  const opaque: Opaque[] = [];
  const real = (p: string): string[] => {
    const lexical = resolvePath(p, ctx);
    try {
      const resolved = resolveRealPath(p, { cwd: ctx.cwd, home: ctx.home, followsFinal: op !== 'delete' && op !== 'move', missingParents: true });
      return resolved === lexical ? [lexical] : [lexical, resolved];
    } catch (error) {
      opaque.push({ reason: `cannot resolve ${p}: ${(error as Error).message}`, text: p, span: [0, p.length], via });
      return [lexical];
    }
  };
  const targets = target !== undefined ? real(target) : [undefined];
  const actions: Action[] = paths.flatMap((p) => real(p).flatMap((path) => targets.flatMap((t): Action[] => [
    fileOpAction(op, path, via, t),
    // A copy reads its source and writes its target (a move deletes and writes), as `cp` and `mv` are decided.
    ...impliedFileActions(op, path, t, via),
  ])));
  return actionsRequest(`${op} ${paths.join(' ')}${target !== undefined ? ` ${target}` : ''}`, actions, opaque);
}

/**
 * A content search under directories (Claude Code's Grep, Gemini CLI's search_file_content):
 * a recursive read, so rules for files below them apply (a search of ~ reads ~/.ssh/id_rsa).
 */
export function searchRequest(paths: string[], ctx: AnalysisContext, via: Via): Request {
  const request = fileRequest('read', paths, ctx, via);
  if (request.kind !== 'actions') return request;
  return { ...request, actions: request.actions.map((a) => (a.kind === 'file' ? { ...a, recursive: true } : a)) };
}

/**
 * Gemini CLI's read_many_files: each entry is a glob of the glob package (`{a,b}` lists, extglobs,
 * `\\` read as `/`, and `nocase`: `.SSH/ID_RSA` reads `.ssh/id_rsa`), matched in the workspace.
 * Each entry is decided as the path it names and as every file it matches now, in any letter case,
 * each a recursive read followed to where its links lead; a glob nomos cannot list (too many
 * matches, an extglob, no lister) is a read of any file (dynamic: every path rule may match).
 */
export function globReadRequest(entries: string[], ctx: AnalysisContext, via: Via): Request {
  const request = searchRequest(entries, ctx, via);
  if (request.kind !== 'actions') return request;
  const dynamic: Action[] = [];
  const matched = new Set<string>();
  for (const entry of entries) {
    const pattern = entry.replace(/\\/g, '/');
    const patterns = hasExtglob(pattern) ? undefined : expandBraces(pattern);
    // Matched as the glob package matches it: from the workspace, `~` a name like any other (the path as
    // written, `~` expanded, is decided above).
    const found = patterns?.map((p) => ctx.expandGlob?.(anyCasePattern(posix.resolve(ctx.cwd, p))));
    if (!found || found.some((f) => f === undefined)) {
      dynamic.push({ kind: 'file', op: 'read', path: resolvePath(pattern, ctx), via, recursive: true, dynamic: true });
      continue;
    }
    for (const paths of found) for (const path of paths!) matched.add(path);
  }
  const known = new Set(request.actions.map((a) => (a.kind === 'file' ? a.path : '')));
  const extra = matched.size > 0 ? searchRequest([...matched].filter((p) => !known.has(p)), ctx, via) : undefined;
  const extraActions = extra?.kind === 'actions' ? extra.actions : [];
  const extraOpaque = extra?.kind === 'actions' ? extra.opaque ?? [] : [];
  return { ...request, actions: [...request.actions, ...extraActions, ...dynamic], opaque: [...(request.opaque ?? []), ...extraOpaque] };
}

/** An HTTP request; a URL nomos cannot parse is opaque (never allowed by default). */
export function httpRequest(method: string, url: string, via: Via, headers: Record<string, string> = {}, body?: unknown): Request {
  const text = `${method.toUpperCase()} ${url}`;
  const lowered = lowerHeaders(headers);
  if (typeof lowered === 'string') return opaqueRequest(text, lowered, via);
  const action = httpAction(method, url, via, lowered, body);
  if (!action) return opaqueRequest(text, 'not a URL nomos can parse', via);
  // A Host header naming another host reaches a server the rules never saw (as `nomos http` refuses it).
  const conflict = hostHeaderConflict(action);
  return conflict ? opaqueRequest(text, conflict, via) : actionsRequest(text, [action]);
}

/**
 * A call of a named tool of another provider (an MCP server, a framework tool): an `mcp` action,
 * and for a well-known tool (the reference filesystem and fetch servers' tools, by name under any
 * server) the file and HTTP actions it is, each decided as the agent's own Read or WebFetch is.
 * The server follows every path to its real path before it acts (a move too), so links are followed here.
 * `alias`: another name the tool may have on its server (analyzeToolCall).
 */
export function toolRequest(server: string, tool: string, input: unknown, ctx: AnalysisContext, via: Via, alias?: string): Request {
  const call = analyzeToolCall(server, tool, input, ctx, via, alias);
  return actionsRequest(`${server}/${tool}`, ctx.realPath ? withRealPaths(call.actions, ctx.realPath, () => true) : call.actions, call.opaque);
}

/** A tool call nomos cannot analyse: decided by the `opaque` setting, never allowed by default. */
export function opaqueRequest(text: string, reason: string, via: Via): Request {
  return actionsRequest(text, [], [{ reason, text, span: [0, text.length], via }]);
}

/** Splits an agent's MCP tool name `mcp__<server>__<tool>` into its parts. */
export function parseMcpToolName(name: string): { server: string; tool: string } | undefined {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  return match ? { server: match[1]!, tool: match[2]! } : undefined;
}
