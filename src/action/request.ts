import { analyzeArgv } from './argv.js';
import { optionGlobs, withExpandedGlobs } from './globs.js';
import { otherNamed, withProcessPaths, withRealPaths } from './real-paths.js';
import { analyzeShell } from './shell/analyze.js';
import type { SyntaxNode } from './shell/syntax.js';
import type { Action, Analysis, AnalysisContext, Opaque } from './types.js';

/**
 * What an agent asks for: a shell command string, an argv to run without a shell, or
 * actions already derived by a front end (`nomos fs`, `nomos http`, an agent's tool call:
 * a file read, a fetch, an MCP call; `opaque` for what it cannot know); `text` is how the request reads in messages and the audit log.
 */
export type Request =
  | { kind: 'shell'; command: string }
  | { kind: 'argv'; argv: string[] }
  | { kind: 'actions'; actions: Action[]; opaque?: Opaque[]; text: string };

/** Turns a request into actions. Pure: the parser and context are passed in. */
export function analyzeRequest(request: Request, parse: (s: string) => SyntaxNode, ctx: AnalysisContext): Analysis {
  // An agent's file tool opens `/proc/self/cwd/…` from its own process, not nomos's: as for shell words, a
  // path through a process's working directory or descriptor is any file, through its root the file it reaches.
  if (request.kind === 'actions') return withOtherNames({ actions: withProcessPaths(request.actions), opaque: request.opaque ?? [] }, ctx);
  const out = request.kind === 'shell' ? analyzeShell(request.command, parse, ctx) : analyzeArgv(request.argv, parse, ctx);
  const list = ctx.expandGlob && listedOnce(ctx.expandGlob);
  let actions = list ? withExpandedGlobs(out.actions, list) : out.actions;
  if (ctx.realPath) actions = withRealPaths(actions, ctx.realPath);
  const options = list ? optionGlobs(out.actions, list) : [];
  const opaque = options.length > 0 ? [...out.opaque, ...options] : out.opaque;
  return withOtherNames(actions === out.actions && opaque === out.opaque ? out : { ...out, actions, opaque }, ctx);
}

/** Lists each glob once per decision (its files and its option-like names are read from one listing). */
function listedOnce(expandGlob: NonNullable<AnalysisContext['expandGlob']>): NonNullable<AnalysisContext['expandGlob']> {
  const seen = new Map<string, string[] | undefined>();
  return (pattern) => {
    if (!seen.has(pattern)) seen.set(pattern, expandGlob(pattern));
    return seen.get(pattern);
  };
}

/** A change to a file with other names (hard links) is opaque: it changes a file nomos cannot name (real-paths.ts). */
function withOtherNames(out: Analysis, ctx: AnalysisContext): Analysis {
  const linked = ctx.hardLinked ? otherNamed(out.actions, ctx.hardLinked) : [];
  if (linked.length === 0) return out;
  const opaque = linked.map((path): Opaque => ({ reason: `${path} has other names (hard links): changing it changes a file nomos cannot name`, text: path, span: [0, 0], via: [] }));
  return { ...out, opaque: [...out.opaque, ...opaque] };
}

/** The request as one line of text, for messages and the audit log. */
export function requestText(request: Request): string {
  if (request.kind === 'actions') return request.text;
  return request.kind === 'shell' ? request.command : request.argv.join(' ');
}
