// What `ls` prints into a pipe, for `ls … | xargs cmd` and `$(ls …)` (src/action/shell/piped.ts):
// one name a line (no columns, no quoting, no colour when it is not a terminal), each argument that
// is a file as it was given, and the entries of each directory as bare names, without the directory
// (`ls ~/.ssh | xargs cat` reads ./id_rsa here), after a `dir:` header where there are several.
import { parseArgs } from '../flags.js';
import type { WordValue } from '../shell/words.js';
import type { PrintedPaths } from './find.js';
import { among } from './printed.js';

/**
 * Options that change only which names are printed or their order; words between spaces. Others
 * change the text: -l, -s, -i, -g, -o, -n print more than names (a link's target after `->`), -R
 * paths as headers, -a and -f `.` and `..`, -F, -p and --indicator-style a mark, -Q, -b, -q, -N and
 * --quoting-style quoting, -C, -x and -m columns, --zero NULs, --color=always escape codes (and BSD ls's -G where
 * CLICOLOR_FORCE is set, which nomos cannot see: GNU's -G, --no-group, changes only -l, so it is left out).
 */
const KEEPS = ' -1 -A --almost-all -d --directory -r --reverse -t -S -X -U -v -c -u --group-directories-first -h --human-readable --si -B --ignore-backups'
  + ' -I --ignore --hide --sort -L --dereference -H --dereference-command-line --dereference-command-line-symlink-to-dir --color ';

/** --color values that print no escape codes into a pipe. */
const NO_COLOR = ' never no none auto tty if-tty ';

/**
 * What `ls …` prints: each argument (bash's glob of it, which the front end lists), and where it
 * may be a directory (not -d), the bare names of its entries, which the command after it reads
 * where it starts: `*` there; with several arguments or a glob, the header `ARG:` too. Undefined
 * where that is not known: an option outside KEEPS, a word nomos cannot know, an argument with `..`
 * (applied where a link before it leads), starting with `-` (printed as it is: an option to the next command).
 */
export function lsPrinted(words: WordValue[]): PrintedPaths | undefined {
  const { options, positionals } = parseArgs(words.slice(1).map((w) => w.value), { digitOptions: true, shortValues: 'I', longValues: ['--ignore', '--hide', '--sort', '--color'], exactLong: true });
  if (options.some((o) => !among(KEEPS, o.name) || (o.name === '--color' && o.value !== undefined && !among(NO_COLOR, o.value)))) return undefined;
  // `--color` alone is `always`.
  if (options.some((o) => o.name === '--color' && o.value === undefined)) return undefined;
  const args = positionals.map((p) => words[p.index + 1]!);
  if (args.some((w) => (w.dynamic && !w.glob) || w.value === '' || w.value.startsWith('-') || w.value.split('/').includes('..') || (!w.glob && /[*?[\\]/.test(w.value)))) return undefined;
  const directory = options.some((o) => o.name === '-d' || o.name === '--directory');
  const given = args.length > 0 ? args.map((w) => w.value) : ['.'];
  if (directory) return { found: given, nul: false, ...(args.some((w) => w.glob && /^[*?[]/.test(w.value)) ? { bare: true } : {}) };
  const headers = args.length > 1 || args.some((w) => w.glob) ? given.map((g) => `${g}:`) : [];
  // A directory given as `.` (or none) is not printed itself: only its entries.
  const files = given.filter((g) => g !== '.' && g !== './');
  // The entries are printed bare, so read here (`*`), but they are the names in each directory given.
  const names = given.map((g) => (g === '.' || g === './' ? '*' : `${g.replace(/\/+$/, '')}/*`));
  return { found: [...files, ...headers, '*'], nul: false, bare: true, names };
}
