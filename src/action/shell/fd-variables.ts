import type { SyntaxNode } from './syntax.js';

// bash's `{name}>file` redirect opens a new descriptor and stores its number in $name.
// tree-sitter-bash does not know it: `{name}` becomes a word of the command, and so its name
// when it comes first (`x=1 {fd}>o rm -rf ~` was the program `{fd}`, `sudo {fd}>o rm` ran
// `{fd}` under sudo). Each `{name}` right before a redirect's operator is replaced by the
// numbered descriptor 9 (same offsets: `{fd}>o` → `   9>o`), which opens the same file the
// same way, and the source is parsed again.

/** Where a `{name}` may stand right before a redirect: else nothing to do. */
const MAY_HAVE = /\}[<>]/;
const FD_VARIABLE = /^\{[A-Za-z_][A-Za-z0-9_]*\}$/;

/** Parses `source`, reading `{name}>…` redirects as bash does. */
export function parseFdVariables(source: string, parse: (source: string) => SyntaxNode): SyntaxNode {
  const tree = parse(source);
  if (!MAY_HAVE.test(source)) return tree;
  const ranges = fdVariableWords(tree);
  if (ranges.length === 0) return tree;
  let text = source;
  for (const [start, end] of ranges) text = text.slice(0, start) + ' '.repeat(end - start - 1) + '9' + text.slice(end);
  return parse(text);
}

/** The [start, end) ranges of command words `{name}` that end where a redirect starts. */
function fdVariableWords(root: SyntaxNode): [number, number][] {
  const redirectStarts = new Set<number>();
  const words: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type.endsWith('_redirect')) redirectStarts.add(node.start);
    if (node.type === 'command') {
      for (const kid of node.children) {
        const word = kid.type === 'command_name' ? kid.children[0] : kid.field === 'argument' ? kid : undefined;
        if (word && FD_VARIABLE.test(word.text)) words.push(word);
      }
    }
    for (const kid of node.children) stack.push(kid);
  }
  return words.filter((w) => redirectStarts.has(w.end)).map((w) => [w.start, w.end]);
}
