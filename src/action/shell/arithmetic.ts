import { addOpaque, type WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import { evaluateWord } from './words.js';

/**
 * Bash evaluates a variable's value in arithmetic as an expression, recursively, and an
 * expression can run commands: `x='a[$(rm -rf ~)]'; echo $((x))` runs rm. So arithmetic
 * may use only variables known to hold integers (set earlier in the script, or bash's
 * own counters); anything else (a variable from the environment, from `read`, from a
 * command's output, a positional parameter, a command substitution) is opaque.
 */

/** Variables bash itself keeps as integers. */
const BASH_INTEGERS = new Set(['RANDOM', 'SRANDOM', 'LINENO', 'BASHPID', 'PPID', 'UID', 'EUID', 'EPOCHSECONDS', 'OPTIND', 'HISTCMD']);

/** Comparison operators of `[[ ]]` whose operands are arithmetic. */
const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** The parts of `node` bash evaluates as arithmetic, if any. */
export function arithmeticParts(node: SyntaxNode, state: WalkState): SyntaxNode[] {
  switch (node.type) {
    case 'arithmetic_expansion':
      return [node];
    case 'test_command':
      return node.children[0]?.type === '((' ? [node] : [];
    case 'c_style_for_statement':
      return node.children.filter((c) => c.field === 'initializer' || c.field === 'condition' || c.field === 'update');
    case 'subscript': {
      const name = node.children.find((c) => c.field === 'name')?.text;
      return name !== undefined && state.scope.assoc?.includes(name) ? [] : node.children.filter((c) => c.field === 'index');
    }
    case 'expansion': {
      // `${s:offset:length}`: both are arithmetic (`${x:-default}` has another operator).
      const at = node.children.findIndex((c) => c.field === 'operator' && c.text === ':');
      return at < 0 ? [] : node.children.slice(at + 1).filter((c) => c.field !== 'operator' && c.type !== '}');
    }
    case 'binary_expression': {
      const op = node.children.find((c) => c.field === 'operator');
      return op && ARITHMETIC_TESTS.has(op.text) ? node.children.filter((c) => c.field === 'left' || c.field === 'right') : [];
    }
    case 'command': {
      const name = node.children.find((c) => c.field === 'name');
      return name?.text === 'let' ? node.children.filter((c) => c.field === 'argument') : [];
    }
    default:
      return [];
  }
}

/** Opaque unless every variable `part` uses is known to hold an integer. */
export function checkArithmetic(part: SyntaxNode, state: WalkState): void {
  // The delimiters go; number literals (`10`, `0x1f`, `2#101`) hold no names; `$1` is marked first;
  // a name assigned (`x=1`, not `x==1` or `x+=1`) is written, not read.
  const inner = part.text.replace(/^\$?(\(\(|\[)/, '').replace(/(\)\)|\])$/, '');
  // `${#name}` and `${#arr[@]}` are lengths: integers, whatever the variable holds.
  const text = inner.replace(/\$\{#[A-Za-z_][A-Za-z0-9_]*(\[[@*]\])?\}/g, ' ').replace(/\$(?=\d)/g, '$P').replace(/\b\d[\w@#]*/g, ' ').replace(/\b[A-Za-z_][A-Za-z0-9_]*\s*=(?!=)/g, ' ');
  if (/\$\(|`|\$[@*]|\$P/.test(text)) {
    addOpaque(state, 'arithmetic on a command\'s output or a parameter nomos cannot know: bash evaluates it as an expression, which can run commands', part);
    return;
  }
  for (const [name] of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    if (!knownInteger(name, state)) {
      addOpaque(state, `arithmetic on ${name}, whose value nomos cannot know: bash evaluates it as an expression, which can run commands`, part);
      return;
    }
  }
}

function knownInteger(name: string, state: WalkState): boolean {
  if (BASH_INTEGERS.has(name)) return true;
  const value = state.scope.vars[name];
  return value !== undefined && !state.scope.dynamicVars.includes(name) && /^\s*[-+]?\d+\s*$/.test(value);
}

/**
 * `for i in 1 2 3`: the loop variable holds those words, known when all are literal
 * (arithmetic then sees an integer only when every one is); `for ((i = 0; …))`: the
 * initializer's literal values.
 */
export function recordLoopVariable(node: SyntaxNode, state: WalkState): void {
  if (node.type === 'c_style_for_statement') {
    for (const init of node.children.filter((c) => c.field === 'initializer' && c.type === 'variable_assignment')) {
      const name = init.children[0]?.text;
      const value = init.children.find((c) => c.field === 'value');
      if (name) setVariable(state, name, value && /^\d+$/.test(value.text) ? value.text : undefined);
    }
    return;
  }
  const name = node.children.find((c) => c.field === 'variable')?.text;
  if (!name) return;
  const values = node.children.filter((c) => c.field === 'value').map((v) => evaluateWord(v, state.ctx));
  const integers = values.length > 0 && values.every((v) => !v.dynamic && /^[-+]?\d+$/.test(v.value));
  setVariable(state, name, integers ? values[0]!.value : undefined);
}

/** Records a variable's value; undefined marks it unknown. */
function setVariable(state: WalkState, name: string, value: string | undefined): void {
  state.scope.vars[name] = value ?? '';
  state.scope.dynamicVars = state.scope.dynamicVars.filter((n) => n !== name).concat(value === undefined ? [name] : []);
}

/** `declare -A m` (also typeset, local): m's subscripts are strings from here on. */
export function recordAssociative(node: SyntaxNode, state: WalkState): void {
  if (!node.children.some((c) => c.type === 'word' && /^-[A-Za-z]*A[A-Za-z]*$/.test(c.text))) return;
  const names = node.children.flatMap((c) => (c.type === 'variable_name' ? [c.text] : c.type === 'variable_assignment' && c.children[0] ? [c.children[0].text] : []));
  state.scope.assoc = [...(state.scope.assoc ?? []), ...names];
}
