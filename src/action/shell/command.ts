import { analyzeProgram } from '../programs/index.js';
import { splitFlags } from '../flags.js';
import type { ExecAction } from '../types.js';
import { analyzeShellInvocation, isShell } from './shells.js';
import { addOpaque, nestedState, type WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import { evaluateWord, isWordNode, type WordValue } from './words.js';
import { unwrapArgs, WRAPPERS } from './wrappers.js';

/** Builtins and programs whose arguments are code nomos cannot see into. */
const OPAQUE_PROGRAMS: Record<string, string> = {
  eval: 'eval runs a string built at run time',
  source: 'source runs a script file',
  '.': 'source runs a script file',
};

/** Interpreters whose `-c`/`-e` one-liners are code in another language. */
const INTERPRETERS: Record<string, string[]> = {
  python: ['-c'], python3: ['-c'], python2: ['-c'], node: ['-e', '--eval', '-p', '--print'], nodejs: ['-e', '--eval', '-p'],
  perl: ['-e', '-E'], ruby: ['-e'], php: ['-r'], lua: ['-e'], deno: ['eval'], bun: ['-e', '--eval'], osascript: ['-e'],
};

/** One `command` node: its program, words, environment; then wrappers and known programs. */
export function analyzeSimpleCommand(node: SyntaxNode, state: WalkState, extraArgs: SyntaxNode[], inputs: SyntaxNode[]): void {
  const nameNode = node.children.find((c) => c.field === 'name');
  if (!nameNode) return;
  const env: Record<string, string> = {};
  for (const assignment of node.children.filter((c) => c.type === 'variable_assignment')) {
    const [name, value] = [assignment.children[0], assignment.children.find((c) => c.field === 'value')];
    if (name) env[name.text] = value ? evaluateWord(value, state.ctx).value : '';
  }
  const wordNodes = [nameNode.children[0] ?? nameNode, ...node.children.filter((c) => c.field === 'argument'), ...extraArgs];
  const words = wordNodes.filter(isWordNode).map((w) => evaluateWord(w, state.ctx));
  if (words.length === 0) return;
  analyzeWords(words, env, state, node, inputs);
}

/** Analyses an argument vector (from the tree, or from a wrapper's arguments). */
export function analyzeWords(words: WordValue[], env: Record<string, string>, state: WalkState, node: SyntaxNode, inputs: SyntaxNode[] = []): void {
  const [first] = words;
  if (!first) return;
  if (first.dynamic) return addOpaque(state, 'the program name is not known statically', node);
  const action = makeExecAction(words, env, state);
  state.out.actions.push(action);
  const { program } = action;
  if (OPAQUE_PROGRAMS[program]) return addOpaque(state, OPAQUE_PROGRAMS[program]!, node);
  if (INTERPRETERS[program] && action.argv.slice(1).some((a) => INTERPRETERS[program]!.includes(a))) {
    return addOpaque(state, `${program} runs inline code nomos cannot analyse`, node);
  }
  if (isShell(program)) return analyzeShellInvocation(action, words, state, node, inputs);
  const wrapper = WRAPPERS[program];
  if (wrapper) {
    const args = words.slice(1);
    const inner = unwrapArgs(wrapper, args.map((w) => w.value));
    if (inner.splitString !== undefined) {
      return analyzeShellInvocation(action, words, state, node, inputs, inner.splitString);
    }
    if (inner.index >= 0) {
      analyzeWords(args.slice(inner.index), inner.env, nestedState(state, program), node);
    }
    return;
  }
  state.out.actions.push(...analyzeProgram(action, state.ctx));
}

function makeExecAction(words: WordValue[], env: Record<string, string>, state: WalkState): ExecAction {
  const argv = words.map((w) => w.value);
  const word0 = argv[0]!;
  const program = word0.includes('/') ? word0.slice(word0.lastIndexOf('/') + 1) : word0;
  const { flags, args } = splitFlags(argv.slice(1));
  const dynamic = words.flatMap((w, i) => (w.dynamic ? [i] : []));
  return {
    kind: 'exec',
    program,
    ...(program !== word0 ? { path: word0 } : {}),
    argv,
    flags,
    args,
    env,
    cwd: state.ctx.cwd,
    via: state.via,
    ...(dynamic.length ? { dynamic } : {}),
  };
}
