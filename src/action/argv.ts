import { analyzeWords } from './shell/command.js';
import type { WalkState } from './shell/state.js';
import type { SyntaxNode } from './shell/syntax.js';
import type { Analysis, AnalysisContext } from './types.js';

/**
 * An argv run directly (no shell): every word is literal, but wrappers in it
 * (`sudo`, `bash -c …`, `env`) are still unwrapped.
 */
export function analyzeArgv(argv: string[], parse: (s: string) => SyntaxNode, ctx: AnalysisContext): Analysis {
  const out: Analysis = { actions: [], opaque: [] };
  const text = argv.join(' ');
  const node: SyntaxNode = { type: 'command', named: true, missing: false, start: 0, end: text.length, text, children: [] };
  const state: WalkState = { ctx, parse, out, via: [], depth: 0, scope: { cwd: ctx.cwd, vars: {}, dynamicVars: [] } };
  analyzeWords(argv.map((value) => ({ value, dynamic: false })), {}, state, node);
  return out;
}
