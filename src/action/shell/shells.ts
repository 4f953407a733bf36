import type { ExecAction } from '../types.js';
import { addOpaque, copyScope, LIMITS, nestedState, type WalkState } from './state.js';
import { quotedHeredoc, type SyntaxNode } from './syntax.js';
import { DIVERGENT_REASON, hasDivergentWord } from './unicode.js';
import { walkNode } from './walk.js';
import { evaluateWord, type WordValue } from './words.js';

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'rbash', 'yash', 'posh', 'fish', 'tcsh', 'csh']);

/** Shell options that take a value (`-o pipefail`, `--rcfile f`). */
const VALUE_OPTIONS = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

/** Is this program a shell that can run a command string? */
export function isShell(program: string): boolean {
  return SHELLS.has(program);
}

/**
 * A shell: `-c STRING` (in any option cluster: `-lc`, `-ec`) is parsed as bash; a here-doc
 * or here-string with literal text is parsed too; a script file or stdin cannot be seen.
 */
export function analyzeShellInvocation(action: ExecAction, words: WordValue[], state: WalkState, node: SyntaxNode, inputs: SyntaxNode[]): void {
  let commandString = false;
  // `bash -x`, `sh -ex`, `bash -o xtrace`: the shell prints each command with its values (flows.ts traceAction).
  let xtrace = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word.dynamic && !commandString) return addOpaque(state, `${action.program} option is not known statically`, node);
    const value = word.value;
    if (commandString) return analyzeSource(value, word.dynamic, `${action.program} -c`, state, node, xtrace);
    if (value === '--' || value === '-') continue;
    if (VALUE_OPTIONS.has(value)) {
      if (value === '-o' && words[i + 1]?.value === 'xtrace') xtrace = true;
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(value) || value.startsWith('--')) {
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(value)) commandString = true;
      if (/^-[A-Za-z]*x/.test(value)) xtrace = true;
      continue;
    }
    return addOpaque(state, `${action.program} runs a script file nomos cannot see`, node);
  }
  if (commandString) return addOpaque(state, `${action.program} -c without a command string`, node);
  const input = inputs[inputs.length - 1];
  if (!input) return addOpaque(state, `${action.program} reads commands from its input`, node);
  analyzeInput(input, action.program, state, node, xtrace);
}

function analyzeInput(input: SyntaxNode, program: string, state: WalkState, node: SyntaxNode, xtrace: boolean): void {
  if (input.type === 'herestring_redirect') {
    const word = input.children.find((c) => c.named);
    if (!word) return addOpaque(state, 'empty here-string', node);
    const value = evaluateWord(word, state.ctx);
    return analyzeSource(value.value, value.dynamic, `${program} <<<`, state, node, xtrace);
  }
  const body = input.children.find((c) => c.type === 'heredoc_body');
  const quoted = quotedHeredoc(input);
  const text = body?.text ?? '';
  // An unquoted delimiter lets the body expand `$x` and `$(…)` before the shell reads it.
  const dynamic = !quoted && /[$`\\]/.test(text);
  return analyzeSource(text, dynamic, `${program} <<EOF`, state, node, xtrace);
}

/** Parses a nested command string and walks it with the wrapper added to `via`. */
export function analyzeSource(source: string, dynamic: boolean, via: string, state: WalkState, node: SyntaxNode, xtrace = false): void {
  if (dynamic) return addOpaque(state, `${via} runs a command string that is not known statically`, node);
  if (state.depth >= LIMITS.maxDepth) return addOpaque(state, 'shells nested deeper than nomos follows', node);
  if (source.length > LIMITS.maxSource) return addOpaque(state, 'command string too long to analyse', node);
  // A new shell process: its own cwd (starting from ours), so a `cd` inside does not leak out.
  // A new shell: nothing is known to be an integer there until it assigns one itself.
  // Its loop variables are its own (a variable of ours is not exported to it by a loop).
  const scope = { ...copyScope(state.scope), integers: [], loops: undefined, ...(xtrace ? { xtrace } : {}) };
  const inner = nestedState(state, via, { depth: state.depth + 1, outerSpan: state.outerSpan ?? [node.start, node.end], scope, source });
  const tree = state.parse(source);
  if (hasDivergentWord(tree)) return addOpaque(state, DIVERGENT_REASON, node);
  walkNode(tree, inner);
}
