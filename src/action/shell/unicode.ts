import type { SyntaxNode } from './syntax.js';

/** ASCII punctuation that ends an identifier in the grammar's scanner (a letter for bash inside a word). */
const PUNCTUATION = /[=%@#!^~[\]{}*?$&;|<>()`'"\\]/;
/** Any character outside ASCII. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * True when the tree has a word whose parse the two tree-sitter back ends disagree on: the
 * wasm grammar takes non-ASCII letters for identifier characters (`é=1 x` an assignment,
 * `ｒ%ｍ` an error), the native one does not (bash, like native, sees one word there). Such
 * a request is opaque as a whole, so both back ends give the same, fail-closed answer.
 */
export function hasDivergentWord(node: SyntaxNode): boolean {
  // Every word's text is within the node's: all-ASCII source has none (most commands; no walk, no copies).
  if (!NON_ASCII.test(node.text)) return false;
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'variable_name' && NON_ASCII.test(n.text)) return true;
    if (n.type === 'word' && NON_ASCII.test(n.text) && PUNCTUATION.test(n.text)) return true;
    stack.push(...n.children);
  }
  return false;
}

/** The reason given for such a request. */
export const DIVERGENT_REASON = 'a word mixing non-ASCII letters with shell punctuation (the parser back ends disagree on it)';
