import type { Analysis, AnalysisContext, Opaque } from '../types.js';
import { LIMITS, newScope, type WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import { DIVERGENT_REASON, hasDivergentWord } from './unicode.js';
import { definesPrinter, setsPrinterVariable } from './piped.js';
import { shadowedContext } from './shadow.js';
import { walkNode } from './walk.js';
import { withMadeLinks } from '../made-links.js';
import { withProcessPaths } from '../real-paths.js';

/**
 * Code bash takes from the environment nomos runs the command in: BASH_ENV's file, options (SHELLOPTS,
 * BASHOPTS) and a PS4 it expands (src/config/context.ts). Every command is opaque then, a program run
 * without a shell too (`nomos exec -- bash -c ls` ran BASH_ENV's file: any bash it starts reads them).
 */
export function environmentCode(ctx: AnalysisContext, text: string): Opaque[] {
  const reasons = [...(ctx.bashEnv ? ['BASH_ENV is set: bash runs that file\'s code before the command'] : []), ...(ctx.shellCode ? [ctx.shellCode] : [])];
  return reasons.map((reason) => ({ reason, text: text.slice(0, 200), span: [0, text.length], via: [] }));
}

/**
 * Everything bash would run for a command string: exec actions for every simple command at
 * every depth, file/http actions from redirects and known programs, and opaque parts for
 * whatever cannot be known statically. Pure: the parser is passed in.
 */
export function analyzeShell(source: string, parse: (s: string) => SyntaxNode, ctx: AnalysisContext): Analysis {
  const out: Analysis = { actions: [], opaque: [] };
  if (source.length > LIMITS.maxSource) {
    out.opaque.push({ reason: 'command string too long to analyse', text: source.slice(0, 200), span: [0, source.length], via: [] });
    return out;
  }
  const state: WalkState = { ctx, parse, out, via: [], depth: 0, scope: newScope(ctx.cwd), source };
  // nomos runs the command through bash, which first runs BASH_ENV's file from the environment.
  out.opaque.push(...environmentCode(ctx, source));
  const tree = parse(source);
  if (hasDivergentWord(tree)) {
    out.opaque.push({ reason: DIVERGENT_REASON, text: source.slice(0, 200), span: [0, source.length], via: [] });
    return out;
  }
  walkNode(tree, state);
  // Where the command may set a variable the context resolves (TMPDIR=…, cd for PWD), the
  // analysis with its old value is wrong: again, with that variable unknown (shadow.ts).
  const shadowed = shadowedContext(source, state.scope, ctx);
  if (shadowed) return analyzeShell(source, parse, shadowed);
  // `find() { echo ~/.ssh/id_rsa; }; find src | xargs cat`: what `find` prints there is the function's (piped.ts).
  // And `for …; do git ls-files | xargs cat; export GIT_DIR=…; done`: a variable set later, in a loop, that makes one print otherwise.
  if (!ctx.unplaced && (definesPrinter(state.scope.functions) || setsPrinterVariable(state.scope.assigned))) return analyzeShell(source, parse, { ...ctx, unplaced: true });
  out.actions = withMadeLinks(withProcessPaths(out.actions));
  return out;
}
