// What `git ls-files`, `git diff --name-only` and `git grep -l` print, for `… | xargs cmd` and
// `$(…)` (src/action/shell/piped.ts): names of the repository's files, relative to the cwd or to
// the top (`git diff`, `--full-name`). Either way a relative path without `..`, so the command after
// them, started in the same directory, reaches what lies below it: through links too (an index entry
// `keys/id` is read through a link `keys` that replaced the directory). So they are placed as a
// recursive op on the directory (src/action/trees.ts), whose names, and the index's (git prints
// entries the work tree lacks), are checked where xargs or bash would split them.
import { parseArgs, type OptionSpec } from '../flags.js';
import type { WordValue } from '../shell/words.js';
import type { PrintedPaths } from './find.js';
import { among } from './printed.js';

/** Per subcommand: the options that leave the output names as they are, or fewer; words between spaces. Anything else (`-s`, `--format`, `--eol`, `-t`, `--abbrev`, `--directory`, `--color`, `-O`) changes the text. */
const KEEPS: Record<string, string> = {
  'ls-files': ' -c --cached -d --deleted -m --modified -o --others -i --ignored --exclude-standard -x --exclude --exclude-per-directory --error-unmatch --full-name --deduplicate -z ',
  // --cached compares with HEAD: a name it prints may be in neither the index nor the work tree (checked with -z only).
  diff: ' --name-only --relative --cached --staged -z --no-renames -M --find-renames --diff-filter --ignore-submodules --no-ext-diff --no-textconv --exit-code --quiet -w --ignore-all-space -b --ignore-space-change --ignore-blank-lines ',
  grep: ' -l --files-with-matches --name-only -L --files-without-match -i --ignore-case -w --word-regexp -v --invert-match -E --extended-regexp -F --fixed-strings -G --basic-regexp'
    + ' -P --perl-regexp -e --and --or --not -z --null --untracked --cached --full-name -I -a --text --max-depth -r --recursive --no-recursive --exclude-standard --no-exclude-standard --threads -m --max-count ',
};

/** The options each prints names with (one is needed: `git diff` alone prints a diff). */
const LISTING: Record<string, string> = { 'ls-files': '', diff: ' --name-only ', grep: ' -l --files-with-matches --name-only -L --files-without-match ' };

/** Options that take a value (the next word, or attached). */
const SPECS: Record<string, OptionSpec> = {
  'ls-files': { shortValues: 'x', longValues: ['--exclude', '--exclude-per-directory'], exactLong: true },
  diff: { longValues: ['--diff-filter', '--ignore-submodules'], longFlags: ['--find-renames'], shortOptional: 'M', exactLong: true },
  grep: { shortValues: 'em', longValues: ['--max-depth', '--threads', '--max-count'], exactLong: true },
};

/**
 * What `git SUB …` prints, when that is only names of the repository's files, each a relative
 * path without `..`: `found` is `.` as a directory whose tree (through links) holds whatever they
 * name from here. Undefined where it is not known: an option outside KEEPS, git's own options before
 * the subcommand (`-C dir`, `-c core.quotePath=…`), a word nomos cannot know, a pathspec that may name
 * something above (`..`, `/abs`, `:/` magic) or start with `-`, a revision (`git diff HEAD`, `git grep x
 * main`: names of another tree, `main:path`); `git diff --cached` prints names of HEAD's tree, known only with -z.
 */
export function gitPrinted(words: WordValue[]): PrintedPaths | undefined {
  const sub = words[1]?.value;
  if (sub === undefined || !Object.hasOwn(KEEPS, sub) || words.some((w) => w.dynamic)) return undefined;
  const argv = words.slice(2).map((w) => w.value);
  const { options, positionals } = parseArgs(argv, SPECS[sub]);
  const names = options.map((o) => o.name);
  if (names.some((n) => !among(KEEPS[sub]!, n))) return undefined;
  if (LISTING[sub] !== '' && !names.some((n) => among(LISTING[sub]!, n))) return undefined;
  const nul = names.includes('-z') || names.includes('--null');
  if (sub === 'diff' && !nul && names.some((n) => n === '--cached' || n === '--staged')) return undefined;
  const dashes = argv.indexOf('--');
  const patternGiven = sub !== 'grep' || names.includes('-e');
  // Before `--`, git reads a word as a revision where one has that name (`git diff main`): its tree's names.
  const paths = positionals.slice(patternGiven ? 0 : 1);
  if (sub !== 'ls-files' && paths.some((p) => dashes < 0 || p.index < dashes)) return undefined;
  if (paths.some((p) => !plainPathspec(p.value))) return undefined;
  return { found: ['.'], nul, bare: true, tree: true, index: true };
}

/** A pathspec naming only what lies below the cwd: relative, no `..`, no magic (`:/` is the top), not an option to the next command. */
const plainPathspec = (p: string): boolean => p !== '' && !p.startsWith('/') && !p.startsWith(':') && !p.startsWith('-') && !p.split('/').includes('..');

/** Variables that make git use another repository, work tree or index, or print names otherwise (GIT_CONFIG_*: `core.quotePath`). */
export const GIT_VARIABLES = /^GIT_/;
