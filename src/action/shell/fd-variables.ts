import type { SyntaxNode } from './syntax.js';

// bash's `{name}>file` redirect opens a new descriptor and stores its number in $name.
// tree-sitter-bash does not know it: `{name}` becomes a word of the command, and so its name
// when it comes first (`x=1 {fd}>o rm -rf ~` was the program `{fd}`, `sudo {fd}>o rm` ran
// `{fd}` under sudo). Each `{name}` right before a redirect's operator is replaced by the
// numbered descriptor 9 (same offsets: `{fd}>o` → `   9>o`), which opens the same file the
// same way, and the source is parsed again.
// The grammar also reads a `0` right before a redirect's operator as a word, not the
// descriptor: `0<in rm -rf ~` was the program `0`, `env 0<in rm` ran `0`. Such a `0` is
// blanked (`0<in` → ` <in`: the same file, opened the same way).

/** Where a `{name}` or `0` may stand right before a redirect: else nothing to do. */
const MAY_HAVE = /[}0](\\\n)*[<>]/;
const FD_VARIABLE = /^\{[A-Za-z_][A-Za-z0-9_]*\}$/;

/** Parses `source`, reading `{name}>…` and `0<…` redirects as bash does. */
export function parseFdVariables(source: string, parse: (source: string) => SyntaxNode): SyntaxNode {
  let tree = parse(source);
  if (!MAY_HAVE.test(source)) return tree;
  let text = source;
  // A word the grammar gave an earlier redirect as a target (`{a}>o {b}<i rm`) shows up in the next parse.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ranges = fdVariableWords(tree, text);
    if (ranges.length === 0) break;
    for (const [start, end, digit] of ranges) text = text.slice(0, start) + ' '.repeat(end - start - digit.length) + digit + text.slice(end);
    tree = parse(text);
  }
  return tree;
}

/** Bounded: each round rewrites at least one word. */
const MAX_ROUNDS = 16;

/**
 * The [start, end) ranges of command words `{name}` or `0` that end where a redirect starts
 * (maybe past backslash-newlines, which bash removes first), with the digit to put there.
 */
function fdVariableWords(root: SyntaxNode, source: string): [number, number, string][] {
  const redirectStarts = new Set<number>();
  const words: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type.endsWith('_redirect')) {
      redirectStarts.add(node.start);
      // Words the grammar put after a redirect's target are the command's (`>o {b}<i`).
      words.push(...node.children.filter((c) => c.field === 'destination').slice(1).filter((w) => FD_VARIABLE.test(w.text) || (w.type === 'number' && w.text === '0')));
    }
    if (node.type === 'command') {
      for (const kid of node.children) {
        const word = kid.type === 'command_name' ? kid.children[0] : kid.field === 'argument' ? kid : undefined;
        if (word && (FD_VARIABLE.test(word.text) || (word.type === 'number' && word.text === '0'))) words.push(word);
      }
    }
    for (const kid of node.children) stack.push(kid);
  }
  const out: [number, number, string][] = [];
  for (const word of words) {
    let end = word.end;
    while (source.startsWith('\\\n', end)) end += 2;
    if (redirectStarts.has(end)) out.push([word.start, end, word.text === '0' ? '' : '9']);
  }
  return out;
}
