import { posix } from 'node:path';
import { httpAction } from './http.js';
import { table } from './table.js';
import type { Action, Analysis, AnalysisContext, FileAction, FileOp, Opaque } from './types.js';

/** What one argument of a well-known tool does to the file it names. */
interface PathParam {
  /** The argument holding one path (`path`), or a list of paths (`paths`). */
  key: string;
  ops: FileOp[];
  /** Reaches everything below the path (`directory_tree`, `search_files`): rules for paths under it apply. */
  recursive?: boolean;
}

/** A well-known tool: the file arguments it acts on, or the URL it fetches. */
interface ToolShape {
  paths?: PathParam[];
  /** A move: `source` → `destination`. */
  move?: { from: string; to: string };
  /** The argument holding a URL fetched with GET. */
  url?: string;
}

const read = (key = 'path'): ToolShape => ({ paths: [{ key, ops: ['read'] }] });
const list = (recursive = false): ToolShape => ({ paths: [{ key: 'path', ops: ['list'], ...(recursive ? { recursive } : {}) }] });

/**
 * The tools of the reference filesystem server (@modelcontextprotocol/server-filesystem) and
 * fetch server (mcp-server-fetch), by tool name, with the arguments they act on. Keyed by
 * name under any server: the server's name is the user's choice (`filesystem` is only a
 * convention), so a renamed server is still met by the file and HTTP rules. A table without
 * a prototype: a tool named `constructor` is not found.
 */
let wellKnown: Record<string, ToolShape> | undefined;

/** Made on the first tool call a hook maps: a command never needs it. */
const WELL_KNOWN = (): Record<string, ToolShape> => (wellKnown ??= table<string, ToolShape>({
  read_file: read(),
  read_text_file: read(),
  read_media_file: read(),
  read_multiple_files: read('paths'),
  write_file: { paths: [{ key: 'path', ops: ['write'] }] },
  // edit_file returns a diff of the file (its dryRun changes nothing): it reads what it writes.
  edit_file: { paths: [{ key: 'path', ops: ['read', 'write'] }] },
  // mkdir -p: a write, as `nomos fs mkdir` is decided.
  create_directory: { paths: [{ key: 'path', ops: ['write'] }] },
  list_directory: list(),
  list_directory_with_sizes: list(),
  directory_tree: list(true),
  search_files: list(true),
  // A stat: decided as a list, as `nomos fs stat` is.
  get_file_info: list(),
  move_file: { move: { from: 'source', to: 'destination' } },
  fetch: { url: 'url' },
}));

/** The file and HTTP actions of a call, besides the call itself: what it reads, writes, lists, moves or fetches. */
export interface ToolActions {
  actions: Action[];
  opaque: Opaque[];
}

/**
 * What a call of a well-known MCP tool does, as file and HTTP actions (nothing for any other tool,
 * or an argument of another shape: the server rejects that call). Paths are read as the filesystem
 * server reads them: `~` and `~/…` from the home directory, an absolute path with `.`/`..` collapsed
 * before links are followed (the front end follows them); a relative one is relative to the server's
 * allowed directories, which nomos does not know, so it may be any file (dynamic). A name the server
 * may find by a Unicode-equivalent spelling is decided in its NFC and NFD spellings too. Pure.
 */
export function mcpToolActions(tool: string, input: unknown, ctx: Pick<AnalysisContext, 'cwd' | 'home'>, via: string[]): ToolActions {
  const table = WELL_KNOWN();
  const shape = Object.hasOwn(table, tool) ? table[tool] : undefined;
  const args = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const out: ToolActions = { actions: [], opaque: [] };
  if (!shape) return out;
  for (const param of shape.paths ?? []) {
    for (const written of pathsOf(args[param.key])) {
      for (const op of param.ops) out.actions.push(...fileActions(op, written, ctx, via, param.recursive));
    }
  }
  if (shape.move && typeof args[shape.move.from] === 'string' && typeof args[shape.move.to] === 'string') {
    out.actions.push(...moveActions(args[shape.move.from] as string, args[shape.move.to] as string, ctx, via));
  }
  if (shape.url && typeof args[shape.url] === 'string') {
    const url = args[shape.url] as string;
    const action = httpAction('GET', url, via);
    if (action) out.actions.push(action);
    else out.opaque.push({ reason: 'not a URL nomos can parse', text: url, span: [0, url.length], via });
  }
  return out;
}

/**
 * A tool call as it is decided: the `mcp` action, then what the tool does (mcpToolActions), whose
 * provenance names the tool (`mcp <server>/<tool>`). `alias`: another name the tool may have on its
 * server, mapped too (it only adds actions). Pure: paths as written; a front end that can look at
 * the disk follows their links too.
 */
export function analyzeToolCall(server: string, tool: string, input: unknown, ctx: Pick<AnalysisContext, 'cwd' | 'home'>, via: string[], alias?: string): Analysis {
  const out: Analysis = { actions: [{ kind: 'mcp', server, tool, input, via }], opaque: [] };
  for (const name of alias !== undefined && alias !== tool ? [tool, alias] : [tool]) {
    const mapped = mcpToolActions(name, input, ctx, [...via, `mcp ${server}/${name}`]);
    out.actions.push(...mapped.actions);
    out.opaque.push(...mapped.opaque);
  }
  return out;
}

/** One path (a string) or a list of them; anything else names no file. */
function pathsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A file action for each spelling the server may reach the path by. */
function fileActions(op: FileOp, written: string, ctx: Pick<AnalysisContext, 'cwd' | 'home'>, via: string[], recursive?: boolean): FileAction[] {
  return serverPaths(written, ctx).map((p) => ({ kind: 'file', op, path: p.path, via, ...(recursive ? { recursive } : {}), ...(p.dynamic ? { dynamic: true } : {}) }));
}

/** A move decides its source and target, and (as `mv` is decided) a delete of the source and a write of the target. */
function moveActions(from: string, to: string, ctx: Pick<AnalysisContext, 'cwd' | 'home'>, via: string[]): FileAction[] {
  const out: FileAction[] = [];
  for (const source of serverPaths(from, ctx)) {
    for (const target of serverPaths(to, ctx)) {
      const dynamic = source.dynamic || target.dynamic ? { dynamic: true } : {};
      out.push({ kind: 'file', op: 'move', path: source.path, target: target.path, via, ...dynamic });
    }
    out.push({ kind: 'file', op: 'delete', path: source.path, via, ...(source.dynamic ? { dynamic: true } : {}) });
  }
  for (const target of serverPaths(to, ctx)) out.push({ kind: 'file', op: 'write', path: target.path, via, ...(target.dynamic ? { dynamic: true } : {}) });
  return out;
}

/**
 * Where the filesystem server looks for a path (its validatePath): `~` expanded, then an absolute
 * path resolved lexically. A relative path is resolved against its allowed directories: unknown
 * here, so dynamic (any file; shown from the cwd). Spelled in NFC and NFD too where those differ,
 * since the server matches a missing name to an existing Unicode-equivalent one.
 */
export function serverPaths(written: string, ctx: Pick<AnalysisContext, 'cwd' | 'home'>): { path: string; dynamic: boolean }[] {
  const expanded = written === '~' || written.startsWith('~/') ? ctx.home + written.slice(1) : written;
  const dynamic = !expanded.startsWith('/');
  const spellings = [...new Set([expanded, expanded.normalize('NFC'), expanded.normalize('NFD')])];
  return spellings.map((s) => ({ path: posix.resolve(ctx.cwd, s), dynamic }));
}

/** The tool names nomos maps to file or HTTP actions. */
export function wellKnownTools(): string[] {
  return Object.keys(WELL_KNOWN());
}
