import { environmentCode } from './shell/analyze.js';
import { analyzeWords } from './shell/command.js';
import { definesPrinter } from './shell/piped.js';
import { newScope, type WalkState } from './shell/state.js';
import { record } from './table.js';
import { withProcessPaths } from './real-paths.js';
import { syntaxNode, type SyntaxNode } from './shell/syntax.js';
import type { Analysis, AnalysisContext } from './types.js';

/**
 * An argv run directly (no shell): every word is literal, but wrappers in it
 * (`sudo`, `bash -c …`, `env`) are still unwrapped.
 */
export function analyzeArgv(argv: string[], parse: (s: string) => SyntaxNode, ctx: AnalysisContext): Analysis {
  const out: Analysis = { actions: [], opaque: [] };
  const text = argv.join(' ');
  const node = syntaxNode('command', true, undefined, 0, text.length, text, []);
  const state: WalkState = { ctx, parse, out, via: [], depth: 0, scope: newScope(ctx.cwd) };
  out.opaque.push(...environmentCode(ctx, text));
  analyzeWords(argv.map((value) => ({ value, dynamic: false })), record(), state, node);
  // `bash -c 'find() { …; }; find src | xargs cat'`: what `find` prints there is the function's (shell/piped.ts).
  if (!ctx.unplaced && definesPrinter(state.scope.functions)) return analyzeArgv(argv, parse, { ...ctx, unplaced: true });
  out.actions = withProcessPaths(out.actions);
  return out;
}
