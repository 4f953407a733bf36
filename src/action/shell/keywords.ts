import type { SyntaxNode } from './syntax.js';

// tree-sitter-bash reads bash's `time` and `!` only before a simple command. Before a
// compound command it reads them as a program and the compound's words as its arguments:
// `time { rm -rf ~; }` became the program `{` with the arguments `rm -rf ~` (and a program
// `}`), and `! if true; then curl …; fi` the programs `if`, `then` and `fi`. Both keywords
// only time or negate what follows, so they are blanked (same offsets) and the source is
// parsed again. Where bash would not read `time` as its keyword (`x=1 time { …`, `a | time
// { …`) it stops at a syntax error; reading a compound there too only sees more.

/** Words after which `time`/`!` start a compound command (or another keyword) in bash. */
const COMPOUND_START = new Set(['{', 'if', 'while', 'until', 'for', 'case', 'select', 'function', 'coproc', 'time', '!', '[[']);

/** Command names that only a misread keyword gives: bash refuses each as a program name (a syntax error). */
export const MISREAD_NAMES = new Set(['{', '}', 'if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', 'in', 'select', 'function', '[[', ']]']);

/** Bounded: each round blanks at least one keyword, and no source holds more than this many that matter. */
const MAX_ROUNDS = 32;

/** Parses `source`, blanking the `time` and `!` keywords the grammar misreads, and parses again until none is left. */
export function parseKeywords(source: string, parse: (source: string) => SyntaxNode): SyntaxNode {
  let text = source;
  let tree = parse(text);
  if (!source.includes('time') && !source.includes('!')) return tree;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ranges = misreadKeywords(tree);
    if (ranges.length === 0) break;
    text = blank(text, ranges);
    tree = parse(text);
  }
  return tree;
}

/** The [start, end) ranges of keywords read as programs before a compound command. */
export function misreadKeywords(root: SyntaxNode): [number, number][] {
  const out: [number, number][] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'command') timeKeyword(node, out);
    if (node.type === 'negated_command') bangKeyword(node, out);
    for (const kid of node.children) stack.push(kid);
  }
  return out;
}

/** `time [-p] [--] {`: the program `time` whose first word past its options starts a compound. */
function timeKeyword(command: SyntaxNode, out: [number, number][]): void {
  const name = command.children.find((c) => c.field === 'name');
  if (!name || name.text !== 'time') return;
  const args = command.children.filter((c) => c.field === 'argument');
  let i = 0;
  while (args[i]?.text === '-p') i++;
  if (args[i]?.text === '--') i++;
  const next = args[i];
  if (next && COMPOUND_START.has(next.text)) out.push([name.start, (args[i - 1] ?? name).end]);
}

/** `! {`: a negation whose command is a compound's first word read as a program. */
function bangKeyword(negated: SyntaxNode, out: [number, number][]): void {
  const bang = negated.children[0];
  const command = negated.children[1];
  if (bang?.type !== '!' || command?.type !== 'command') return;
  const name = command.children.find((c) => c.field === 'name');
  if (name && COMPOUND_START.has(name.text) && name.start === command.start) out.push([bang.start, bang.end]);
}

function blank(text: string, ranges: [number, number][]): string {
  let out = text;
  for (const [start, end] of ranges) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}
