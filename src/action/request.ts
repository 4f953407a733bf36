import { analyzeArgv } from './argv.js';
import { withExpandedGlobs } from './globs.js';
import { withRealPaths } from './real-paths.js';
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
  if (request.kind === 'actions') return { actions: request.actions, opaque: request.opaque ?? [] };
  const out = request.kind === 'shell' ? analyzeShell(request.command, parse, ctx) : analyzeArgv(request.argv, parse, ctx);
  let actions = ctx.expandGlob ? withExpandedGlobs(out.actions, ctx.expandGlob) : out.actions;
  if (ctx.realPath) actions = withRealPaths(actions, ctx.realPath);
  return actions === out.actions ? out : { ...out, actions };
}

/** The request as one line of text, for messages and the audit log. */
export function requestText(request: Request): string {
  if (request.kind === 'actions') return request.text;
  return request.kind === 'shell' ? request.command : request.argv.join(' ');
}
