// What grep -l, rg -l and rg --files print: the paths of files under the paths they are given,
// for `… | xargs cmd` (src/action/shell/piped.ts), as find's (./find.ts findPrinted).
import { parseArgs } from '../flags.js';
import type { WordValue } from '../shell/words.js';
import type { PrintedPaths } from './find.js';
import { TOOLS } from './text-tools.js';

/** Options after which grep and rg print only file names (one of them is needed; rg's -L follows links). Words between spaces. */
const LISTING = { grep: ' -l --files-with-matches -L --files-without-match ', rg: ' -l --files-with-matches --files-without-match --files ' };

/**
 * Options that leave the output file names as the search reached them, or fewer: matching,
 * filters (--include, -g, -t), recursion that follows no link below the paths given, hidden
 * and ignored files (a subset of every file below). Others change what is printed (--color,
 * -c, -o, --null-data, --path-separator) or follow links (-R, -L): then nothing is placed.
 * Words between spaces (strings cost nothing at start-up; a set is made on every call of nomos).
 */
const KEEPS = {
  grep: ' -r --recursive -i -y --ignore-case --no-ignore-case -w --word-regexp -x --line-regexp -v --invert-match -E --extended-regexp -F --fixed-strings'
    + ' -G --basic-regexp -P --perl-regexp -e --regexp -f --file -s --no-messages -I -a --text -U --binary -h --no-filename -H --with-filename -Z --null'
    + ' -m --max-count --include --exclude --exclude-dir --exclude-from ',
  rg: ' -i --ignore-case -S --smart-case -s --case-sensitive -w --word-regexp -x --line-regexp -v --invert-match -F --fixed-strings -P --pcre2 -e --regexp'
    + ' -f --file -g --glob --iglob -t --type -T --type-not --hidden -. -u --unrestricted --no-ignore --no-ignore-vcs --no-ignore-parent --no-ignore-dot'
    + ' --no-ignore-global -0 --null -d --max-depth -m --max-count -a --text -j --threads --sort --sortr -U --multiline --no-messages ',
};

/** Whether `word` is one of the space-separated words of `list`. */
export const among = (list: string, word: string): boolean => list.includes(` ${word} `);

/**
 * What `grep -l` (`-L`, `-r`) or `rg -l` (`--files`) prints: the files among the paths it is
 * given, or below them when it recurses (grep -r without paths, and rg, search `.`). Undefined
 * where that is not known: a word nomos cannot know, a path with glob characters that is not a
 * glob bash expands, `..`, `-` (stdin: grep prints "(standard input)") or another path starting with `-`
 * (printed as it is, an option to the command after xargs), or an option outside KEEPS.
 */
export function searchPrinted(words: WordValue[]): PrintedPaths | undefined {
  const program = words[0]!.value === 'rg' ? 'rg' : ['grep', 'egrep', 'fgrep'].includes(words[0]!.value) ? 'grep' : undefined;
  if (!program || words.some((w) => w.dynamic && !w.glob)) return undefined;
  const spec = TOOLS[program]!;
  const { options, positionals } = parseArgs(words.slice(1).map((w) => w.value), spec);
  const names = options.map((o) => o.name);
  if (names.some((n) => !among(KEEPS[program], n) && !among(LISTING[program], n)) || !names.some((n) => among(LISTING[program], n))) return undefined;
  const patternGiven = names.some((n) => ['-e', '--regexp', '-f', '--file', '--files'].includes(n));
  const paths = positionals.slice(patternGiven ? 0 : 1).map((p) => words[p.index + 1]!);
  // A glob bash expands is a path only where it is one and cannot give a word starting with `-` (an option to them).
  if (words.some((w) => w.glob && (!paths.includes(w) || !/^[^-*?[]/.test(w.value)))) return undefined;
  const recursive = program === 'rg' || names.some((n) => n === '-r' || n === '--recursive');
  const roots = paths.length > 0 ? paths : recursive ? [{ value: '.', dynamic: false }] : [];
  // A path starting with `-` (given after `--`) is printed as it is: an option to the command xargs runs (`-ofile` to sort).
  if (roots.length === 0 || roots.some((r) => r.value.startsWith('-') || r.value.split('/').includes('..') || (!r.glob && /[*?[\\]/.test(r.value)))) return undefined;
  const found = roots.flatMap((r) => {
    const path = r.value.replace(/(.)\/+$/, '$1');
    return recursive ? [path, `${path === '/' ? '' : path}/**`] : [path];
  });
  return { found, nul: names.some((n) => n === '-Z' || n === '-0' || n === '--null'), ...(paths.length === 0 ? { bare: true } : {}) };
}

/** fd's options that leave what it prints as paths below its search paths (hidden and ignored files are below them too); words between spaces. */
const FD_KEEPS = ' -H --hidden -I --no-ignore -u --unrestricted --no-ignore-vcs --no-ignore-parent -s --case-sensitive -i --ignore-case -g --glob --regex -F --fixed-strings'
  + ' -e --extension -t --type -E --exclude -d --max-depth --min-depth --exact-depth -S --size --changed-within --changed-before -j --threads --max-results -1'
  + ' -0 --print0 --one-file-system --mount -p --full-path --prune -c --color ';

/** fd's options that take a value. */
const FD_SPEC = { digitOptions: true, shortValues: 'etEdSjc', longValues: ['--extension', '--type', '--exclude', '--max-depth', '--min-depth', '--exact-depth', '--size', '--changed-within', '--changed-before', '--threads', '--max-results', '--color'], exactLong: true };

/**
 * What `fd [PATTERN] [PATH…]` (Debian's fdfind) prints: paths below its search paths (`.` when none
 * is given: printed bare, `-x.ts` reads as an option), links not followed, as find's. Undefined where
 * it prints otherwise or runs a command: -x, -X (--exec, --exec-batch), -l, --format, -a, -L, --base-directory,
 * --search-path, colour, or an option outside FD_KEEPS; a search path nomos cannot know, with glob characters, `..` or a leading `-`.
 */
export function fdPrinted(words: WordValue[]): PrintedPaths | undefined {
  if (words.some((w) => w.dynamic)) return undefined;
  const { options, positionals } = parseArgs(words.slice(1).map((w) => w.value), FD_SPEC);
  if (options.some((o) => !among(FD_KEEPS, o.name) || ((o.name === '-c' || o.name === '--color') && o.value !== 'never'))) return undefined;
  const paths = positionals.slice(1).map((p) => p.value);
  if (paths.some((p) => p.startsWith('-') || p.split('/').includes('..') || /[*?[\\]/.test(p))) return undefined;
  const found = (paths.length > 0 ? paths : ['.']).map((p) => {
    const dir = p.replace(/(.)\/+$/, '$1');
    return `${dir === '/' ? '' : dir}/**`;
  });
  return { found, nul: options.some((o) => o.name === '-0' || o.name === '--print0'), ...(paths.length === 0 ? { bare: true } : {}) };
}
