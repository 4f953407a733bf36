import { noteCarries, noteNamed } from './carries.js';
import { addOpaque, type WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import { evaluateWord } from './words.js';
import { noteLoopValues } from './loops.js';

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

/**
 * Ways a script can set a variable that the walk does not follow (`read x`, `mapfile`,
 * `printf -v`, namerefs, `${x:=…}`, functions called later, `getopts` …). Where one
 * appears anywhere in the command, no variable counts as a known integer.
 */
const UNFOLLOWED_SETTERS = /\b(read|mapfile|readarray|getopts|select|coproc|wait|source|eval)\b|\bprintf\b[^\n]*\s-v|\b(declare|typeset|local|export|readonly)\b[^\n;&|]*\s-[A-Za-z]*n|\$\{[#!]?\w+(\[[^\]]*\])?:?=|\w\s*\(\s*\)|\bfunction\s/;

function knownInteger(name: string, state: WalkState): boolean {
  return BASH_INTEGERS.has(name) || (state.scope.integers?.includes(name) === true && !UNFOLLOWED_SETTERS.test(state.source ?? ''));
}

/**
 * What an assignment makes of `name` for arithmetic: an integer only for an integer
 * literal assigned in this shell (not a prefix `x=1 cmd`, which sets x for cmd alone);
 * anything else makes it unknown. A nested shell (`bash -c`) starts knowing none.
 */
export function noteAssignment(state: WalkState, name: string, value: string | undefined): void {
  const integer = value !== undefined && /^\s*[-+]?\d+\s*$/.test(value) && !state.prefix;
  const others = (state.scope.integers ?? []).filter((n) => n !== name);
  state.scope.integers = integer ? [...others, name] : others;
}

/** After parts that may not run: a variable is surely an integer only if it was one before and still is. */
export function keepSureIntegers(state: WalkState, before: string[] | undefined): void {
  state.scope.integers = (state.scope.integers ?? []).filter((n) => before?.includes(n));
}

/**
 * `for i in 1 2 3`: the loop variable holds those words, an integer when every one is a
 * literal integer; `for ((i = 0; …))`: the initializer's literal value.
 */
export function recordLoopVariable(node: SyntaxNode, state: WalkState): void {
  if (node.type === 'c_style_for_statement') {
    for (const init of node.children.filter((c) => c.field === 'initializer' && c.type === 'variable_assignment')) {
      const name = init.children[0]?.text;
      if (name) noteAssignment(state, name, init.children.find((c) => c.field === 'value')?.text);
    }
    return;
  }
  const name = node.children.find((c) => c.field === 'variable')?.text;
  if (!name) return;
  const values = node.children.filter((c) => c.field === 'value').map((v) => evaluateWord(v, state.ctx));
  noteCarries(state.scope, name, values.flatMap((v) => v.vars ?? []));
  // `for n; do` runs over the positional parameters: names nomos cannot tell.
  for (const v of values.length > 0 ? values : [{ value: '', dynamic: true }]) noteNamed(state.scope, name, v);
  noteLoopValues(node, name, values, state);
  // Set for what runs in the loop (and after it), as an assignment is: `for HOME in ./h; do git status; done`.
  const known = values.length === 1 && !values[0]!.dynamic;
  state.scope.vars[name] = known ? values[0]!.value : '';
  // One plain word: the loop runs once, and the variable holds it from then on (after the loop too).
  if (known && !state.scope.sure?.includes(name)) state.scope.sure = [...(state.scope.sure ?? []), name];
  state.scope.assigned.add(name);
  if (!known && !state.scope.dynamicVars.includes(name)) state.scope.dynamicVars = [...state.scope.dynamicVars, name];
  const integers = values.length > 0 && values.every((v) => !v.dynamic && /^[-+]?\d+$/.test(v.value));
  noteAssignment(state, name, integers ? values[0]!.value : undefined);
}

/** `declare -A m` (also typeset, local): m's subscripts are strings from here on. */
export function recordAssociative(node: SyntaxNode, state: WalkState): void {
  if (!node.children.some((c) => c.type === 'word' && /^-[A-Za-z]*A[A-Za-z]*$/.test(c.text))) return;
  const names = node.children.flatMap((c) => (c.type === 'variable_name' ? [c.text] : c.type === 'variable_assignment' && c.children[0] ? [c.children[0].text] : []));
  state.scope.assoc = [...(state.scope.assoc ?? []), ...names];
}
