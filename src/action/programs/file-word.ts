/**
 * The file a word names, if it reads as one: the word itself, the value of `--option=value`, or
 * the rest of a short-option cluster from its first `/`, `~` or `.` (`tar -C/abs/dir`,
 * `ssh-keygen -yf/p/key`), with a `/` or `.` in it and no space; with `bareWords`, any plain word.
 */
export function fileWord(word: string, bareWords = false): string | undefined {
  const value = word.startsWith('--') ? (word.includes('=') ? word.slice(word.indexOf('=') + 1) : undefined)
    : word.startsWith('-') ? /^-[A-Za-z]+([/~.].*)$/.exec(word)?.[1] : word;
  return value && (/^[^\s]*[./][^\s]*$/.test(value) || (bareWords && /^[^\s-][^\s]*$/.test(value))) ? value : undefined;
}
