import { expandLong, parseArgs } from '../flags.js';
import type { Action, FileOp } from '../types.js';

type FileMaker = (op: FileOp, path: string) => Action;

/** Subcommands that print diffs and take `--output=<file>`. */
const DIFF_OUTPUT = new Set(['diff', 'log', 'show', 'format-patch', 'whatchanged', 'range-diff', 'diff-files', 'diff-index', 'diff-tree']);

/** git blame's long options: git takes any unique prefix, so `--cont` is `--contents`. */
const BLAME = { longFlags: ['--incremental', '--porcelain', '--line-porcelain', '--show-stats', '--score-debug', '--show-name', '--show-number', '--show-email', '--root', '--reverse', '--first-parent', '--encoding', '--contents', '--date', '--progress', '--no-progress', '--abbrev', '--ignore-rev', '--ignore-revs-file', '--color-lines', '--color-by-age', '--minimal'] };

/** A blame option whose value is a file git reads (and may print: an unparsable line of it is in the error). */
function blameContents(word: string): boolean {
  if (word === '-S') return true;
  if (!word.startsWith('--')) return false;
  const eq = word.indexOf('=');
  const name = expandLong(eq < 0 ? word : word.slice(0, eq), BLAME);
  return name === '--contents' || name === '--ignore-revs-file';
}

/**
 * Files git reads or writes itself, from its subcommand's words (`words[0]` is the
 * subcommand): `--output=<file>` writes; `git diff a b` reads a and b as files when either
 * lies outside the repository, or with `--no-index` (and outside any repository at all), so
 * its words are counted as reads (a revision read as a path matches no rule); `-O<file>` and
 * `blame --contents <file>` read.
 */
export function gitFiles(words: string[], file: FileMaker): Action[] {
  const [sub, ...rest] = words;
  if (!sub) return [];
  if (sub === 'rm' || sub === 'mv') return gitRemoved(sub, rest, file);
  const out: Action[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (DIFF_OUTPUT.has(sub) && (w === '--output' || w.startsWith('--output='))) {
      const path = w === '--output' ? rest[++i] : w.slice(9);
      if (path) out.push(file('write', path));
    } else if (sub === 'format-patch' && (w === '-o' || w === '--output-directory' || w.startsWith('--output-directory='))) {
      const path = w.startsWith('--output-directory=') ? w.slice(19) : rest[++i];
      if (path) out.push(file('write', path));
    } else if (sub === 'blame' && blameContents(w)) {
      // blame prints the given file's lines as the newest version of the blamed file (any prefix: `--cont=f`).
      const eq = w.indexOf('=');
      const path = eq < 0 ? rest[++i] : w.slice(eq + 1);
      if (path) out.push(file('read', path));
    } else if (sub === 'diff' && w.startsWith('-O') && w.length > 2) out.push(file('read', w.slice(2)));
    else if (sub === 'diff' && (w === '--' || !w.startsWith('-'))) {
      if (w !== '--') out.push(file('read', w));
    }
  }
  return out;
}

/** git rm's and git mv's options (long ones by any unique prefix). */
const RM_MV = { longValues: ['--pathspec-from-file'], longFlags: ['--force', '--dry-run', '--cached', '--ignore-unmatch', '--sparse', '--quiet', '--verbose', '--pathspec-file-nul', '--skip-errors'] };

/**
 * What `git rm` and `git mv` take from the work tree: the paths deleted (every file below a
 * directory with `-r`) or moved away (as mv: a directory with everything below it), the
 * destination written. Nothing with `--cached` or `--dry-run`. A pathspec git matches itself
 * (`'*.json'` matches in every directory, `:(glob)…`) or read from a file is any file.
 */
function gitRemoved(sub: 'rm' | 'mv', rest: string[], file: FileMaker): Action[] {
  const parsed = parseArgs(rest, RM_MV);
  const flags = parsed.options.map((o) => o.name);
  const paths = parsed.positionals.map((p) => p.value);
  if (flags.includes('-n') || flags.includes('--dry-run') || (sub === 'rm' && flags.includes('--cached'))) return [];
  const removed = (path: string): Action => {
    const made = file('delete', path);
    if (made.kind !== 'file') return made;
    if (path.startsWith(':') || /[*?[\\]/.test(path)) return { ...made, dynamic: true };
    return sub === 'mv' || flags.includes('-r') ? { ...made, recursive: true } : made;
  };
  const listed = flags.includes('--pathspec-from-file') ? [removed(':(from a file)')] : [];
  const target = sub === 'mv' ? paths.pop() : undefined;
  return [...paths.map(removed), ...listed, ...(target !== undefined ? [file('write', target)] : [])];
}
