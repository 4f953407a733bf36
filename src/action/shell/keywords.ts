import type { SyntaxNode } from './syntax.js';

// tree-sitter-bash reads bash's `time` and `!` only before a simple command. Before a
// compound command it reads them as a program and the compound's words as its arguments:
// `time { rm -rf ~; }` became the program `{` with the arguments `rm -rf ~` (and a program
// `}`), and `! if true; then curl …; fi` the programs `if`, `then` and `fi`. Both keywords
// only time or negate what follows, so they are blanked (same offsets) and the source is
// parsed again. Where bash would not read `time` as its keyword (`x=1 time { …`, `a | time
// { …`) it stops at a syntax error; reading a compound there too only sees more.
// Starting a pipeline, `time` is bash's keyword before a simple command too, which the
// grammar reads as the program time: `time x=1 rm -rf ~` ran rm while nomos saw a program `x=1`.

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

/** The [start, end) ranges of keywords read as programs before a compound command, or as `time` starting a pipeline. */
export function misreadKeywords(root: SyntaxNode): [number, number][] {
  const out: [number, number][] = [];
  // Each node with whether it starts a pipeline (where bash reads `time` as its keyword) and is a redirected statement's body.
  const stack: [SyntaxNode, boolean, boolean][] = [[root, true, false]];
  while (stack.length > 0) {
    const [node, starts, redirected] = stack.pop()!;
    if (node.type === 'command') timeKeyword(node, starts, redirected, out);
    if (node.type === 'negated_command') bangKeyword(node, out);
    node.children.forEach((kid, i) => stack.push([kid, startsPipeline(node, kid, i, starts), node.type === 'redirected_statement' && kid.field === 'body']));
  }
  return out;
}

/** Whether `kid` (child `i` of `parent`) starts a pipeline: not a later part of one, nor a word of a command. */
function startsPipeline(parent: SyntaxNode, kid: SyntaxNode, i: number, parentStarts: boolean): boolean {
  if (parent.type === 'pipeline') return i === 0 && parentStarts;
  if (parent.type === 'redirected_statement') return kid.field === 'body' && parentStarts;
  return parent.type !== 'command';
}

/**
 * `time [-p] [--]`: starting a pipeline it is bash's keyword whatever follows (`time x=1 rm`
 * runs rm, `time -f x rm` the program `-f`), elsewhere (`a | time …`) a program unless a
 * compound follows. Only bash's own forms are blanked: one `-p`, then one `--`.
 */
function timeKeyword(command: SyntaxNode, starts: boolean, redirected: boolean, out: [number, number][]): void {
  const name = command.children[0];
  if (name?.field !== 'name' || name.text !== 'time') return;
  const rest = command.children.slice(1);
  let i = 0;
  if (rest[i]?.field === 'argument' && rest[i]!.text === '-p') i++;
  if (rest[i]?.field === 'argument' && rest[i]!.text === '--') i++;
  const next = rest[i];
  const compound = next?.field === 'argument' && COMPOUND_START.has(next.text);
  // A `time` with nothing after it (`time`, `time; ls`) stays: blanked, `; ls` would not parse.
  if (compound || (starts && (next !== undefined || redirected))) out.push([name.start, (rest[i - 1] ?? name).end]);
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
