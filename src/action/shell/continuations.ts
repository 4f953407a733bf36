// bash removes every backslash-newline before it reads a token, outside single quotes and
// quoted here-docs: `"$\<newline>(rm -rf ~)"`, `${x:-$\<newline>(rm -rf ~)}` and a here-doc
// line `$\` then `(rm -rf ~)` run rm. tree-sitter-bash joins them only between words, so in
// quotes, expansions and here-doc bodies it saw a `$` and text. A source where a backslash-
// newline splits `$(`, `${`, `$[`, `$'`, `$"`, `$((`, `<(` or `>(` is opaque.

/** A backslash-newline (or several) inside an expansion's or process substitution's opening. */
const SPLIT_OPENING = /\$(?:\\\n)+[({['"]|\$\((?:\\\n)+\(|[<>](?:\\\n)+\(/;

export function splitsExpansion(text: string): boolean {
  return text.includes('\\\n') && SPLIT_OPENING.test(text);
}

export const SPLIT_REASON = 'a backslash-newline inside $(, ${ or <( (bash joins the lines first, the grammar does not)';
