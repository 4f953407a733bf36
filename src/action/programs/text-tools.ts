import { parseArgs, type OptionSpec } from '../flags.js';
import { table } from '../table.js';
import type { ExecAction, FileOp } from '../types.js';
import { sedEffects } from './sed.js';
import { OPTION_SPECS } from './specs.js';
import { awkFiles } from '../shell/awk.js';

/** A file a text tool touches: the op, the path as written, and whether it reaches everything below it. */
export type ToolFile = [op: FileOp, path: string, recursive?: 'all' | 'visible'];

/**
 * How a text tool's words name files. Without this, `sort ~/.ssh/id_rsa`, `grep . .env` or
 * `jq -R . ~/.aws/credentials` printed a secret under an allow for "commands that only read"
 * with no file action for the secrets pack to see, and `sort -o ~/.bashrc` wrote one.
 */
interface ToolSpec extends OptionSpec {
  /** Leading positionals that are not files (grep's pattern, jq's filter) unless one of `givenBy` supplies it. */
  skip?: { count: number; givenBy: string[] };
  /** What is done to the positionals, by position; the last entry covers the rest. */
  positional: FileOp[];
  /** Options whose value is a file, and what is done to it. */
  files?: Readonly<Record<string, FileOp>>;
  /** Options whose file names more files to read (`sort --files0-from=F`): files nomos cannot name (toolOpaque). */
  lists?: string[];
  /** Flags that make reads recursive (`true`: always, as rg). */
  recursive?: string[] | true;
  /** A recursive read skips hidden files unless one of these flags is given (rg). */
  hiddenBy?: string[];
}

const GREP: ToolSpec = {
  shortValues: 'efmABCdD',
  longValues: ['--regexp', '--file', '--max-count', '--after-context', '--before-context', '--context', '--include', '--exclude', '--exclude-dir', '--exclude-from', '--label', '--directories', '--devices', '--binary-files', '--group-separator'],
  longFlags: ['--color', '--colour'], // `--color[=WHEN]`: the next word is the pattern or a file
  skip: { count: 1, givenBy: ['-e', '--regexp', '-f', '--file'] },
  positional: ['read'],
  files: table({ '-f': 'read', '--file': 'read', '--exclude-from': 'read' }),
  recursive: ['-r', '-R', '--recursive', '--dereference-recursive'],
};

const SUMS: ToolSpec = { positional: ['read'] };

export const TOOLS = table<string, ToolSpec>({
  grep: GREP, egrep: GREP, fgrep: GREP, zgrep: GREP,
  rg: {
    shortValues: 'ABCEMTdefgjmrt',
    longValues: ['--regexp', '--file', '--glob', '--iglob', '--type', '--type-not', '--type-add', '--type-clear', '--max-count', '--after-context', '--before-context', '--context', '--threads', '--max-columns', '--replace', '--encoding', '--max-depth', '--pre', '--pre-glob', '--ignore-file', '--sort', '--sortr', '--colors', '--color', '--context-separator', '--field-context-separator', '--field-match-separator', '--path-separator', '--max-filesize', '--dfa-size-limit', '--regex-size-limit', '--engine', '--hostname-bin', '--hyperlink-format'],
    skip: { count: 1, givenBy: ['-e', '--regexp', '-f', '--file'] },
    positional: ['read'],
    files: table({ '-f': 'read', '--file': 'read', '--ignore-file': 'read' }),
    recursive: true,
    hiddenBy: ['--hidden', '-.'],
  },
  sort: {
    shortValues: 'kotST',
    longValues: ['--key', '--output', '--field-separator', '--buffer-size', '--temporary-directory', '--compress-program', '--files0-from', '--batch-size', '--parallel', '--sort', '--random-source'],
    positional: ['read'],
    files: table({ '-o': 'write', '--output': 'write', '--files0-from': 'read', '--random-source': 'read' }),
    lists: ['--files0-from'],
  },
  uniq: { shortValues: 'fsw', longValues: ['--skip-fields', '--skip-chars', '--check-chars'], positional: ['read', 'write'] },
  cut: { shortValues: 'bcdf', longValues: ['--bytes', '--characters', '--delimiter', '--fields', '--output-delimiter'], positional: ['read'] },
  // util-linux: -d is --table-noheadings, a flag.
  column: {
    shortValues: 'cnONlEHRTWripos',
    longValues: ['--columns', '--output-width', '--separator', '--output-separator', '--table-columns', '--table-columns-limit', '--table-noextreme', '--table-right', '--table-truncate', '--table-wrap', '--table-hide', '--table-order', '--table-name', '--tree', '--tree-id', '--tree-parent'],
    positional: ['read'],
  },
  diff: {
    shortValues: 'CUIFSxXDW',
    longValues: ['--ignore-matching-lines', '--show-function-line', '--starting-file', '--exclude', '--exclude-from', '--ifdef', '--width', '--label', '--tabsize', '--from-file', '--to-file', '--horizon-lines', '--line-format', '--old-line-format', '--new-line-format', '--unchanged-line-format', '--old-group-format', '--new-group-format', '--unchanged-group-format', '--changed-group-format', '--palette'],
    longFlags: ['--context', '--unified', '--color'], // `--context[=NUM]`, `--unified[=NUM]`, `--color[=WHEN]`
    positional: ['read'],
    files: table({ '--from-file': 'read', '--to-file': 'read', '-X': 'read', '--exclude-from': 'read' }),
    recursive: ['-r', '--recursive'],
  },
  cmp: { shortValues: 'in', longValues: ['--ignore-initial', '--bytes'], positional: ['read'] },
  comm: { longValues: ['--output-delimiter'], positional: ['read'] },
  paste: { shortValues: 'd', longValues: ['--delimiters'], positional: ['read'] },
  join: { shortValues: 'aejotv12', positional: ['read'] },
  tac: { shortValues: 's', longValues: ['--separator'], positional: ['read'] },
  rev: { positional: ['read'] },
  fold: { shortValues: 'w', longValues: ['--width'], positional: ['read'] },
  fmt: { shortValues: 'pdgw', longValues: ['--prefix', '--goal', '--width'], positional: ['read'] },
  expand: { shortValues: 't', longValues: ['--tabs'], positional: ['read'] },
  unexpand: { shortValues: 't', longValues: ['--tabs'], positional: ['read'] },
  pr: {
    shortValues: 'DhlNowW',
    shortOptional: 'einsS', // `-n[SEP[DIGITS]]`: `pr -n file` numbers file
    longValues: ['--columns', '--date-format', '--header', '--length', '--first-line-number', '--indent', '--width', '--page-width'],
    longFlags: ['--expand-tabs', '--output-tabs', '--number-lines', '--separator', '--sep-string'],
    positional: ['read'],
  },
  tsort: { positional: ['read'] },
  file: { shortValues: 'mfeFP', longValues: ['--magic-file', '--files-from', '--exclude', '--separator', '--parameter'], positional: ['read'], files: table({ '-f': 'read', '--files-from': 'read', '-m': 'read', '--magic-file': 'read' }) },
  md5sum: SUMS, sha1sum: SUMS, sha224sum: SUMS, sha256sum: SUMS, sha384sum: SUMS, sha512sum: SUMS, b2sum: SUMS, cksum: SUMS, sum: SUMS,
  wc: { longValues: ['--files0-from'], positional: ['read'], files: table({ '--files0-from': 'read' }), lists: ['--files0-from'] },
  tree: { shortValues: 'LPIoH', longValues: ['--filelimit', '--timefmt', '--sort', '--charset'], positional: ['list'], files: table({ '-o': 'write' }) },
  less: { shortValues: 'bhjkoOpPtTxyz', longValues: ['--pattern', '--tag', '--log-file', '--LOG-FILE', '--lesskey-file', '--prompt'], positional: ['read'], files: table({ '-o': 'write', '-O': 'write', '--log-file': 'write', '--LOG-FILE': 'write', '-k': 'read', '--lesskey-file': 'read' }) },
  // `-I[FMT]`, `--iso-8601[=FMT]`: `date -I -f /etc/shadow` prints each line of it in an error.
  date: { ...OPTION_SPECS.date, positional: [], files: table({ '-f': 'read', '--file': 'read' }) },
});

const AWKS = new Set(['awk', 'gawk', 'mawk', 'nawk']);

/** The files a known text tool reads or writes, from its words; undefined for other programs. */
export function textToolFiles(action: ExecAction): ToolFile[] | undefined {
  if (action.program === 'jq') return jqFiles(action.argv.slice(1));
  if (action.program === 'sed' || action.program === 'gsed') return sedEffects(action.argv).files;
  if (AWKS.has(action.program)) return awkFiles(action);
  const spec = TOOLS[action.program];
  if (!spec) return undefined;
  const parsed = parseArgs(action.argv.slice(1), spec);
  const recursive = spec.recursive === true || parsed.options.some((o) => (spec.recursive as string[] | undefined)?.includes(o.name)
    || (spec === GREP && (o.name === '-d' || o.name === '--directories') && o.value === 'recurse'));
  // rg counts -u flags (-uu, or -u -u, searches hidden files), so the words are read as written.
  const us = action.argv.filter((w) => /^-u+$/.test(w)).reduce((n, w) => n + w.length - 1, 0);
  const hidden = us >= 2 || spec.hiddenBy?.some((f) => action.argv.includes(f));
  const depth = recursive ? (spec.hiddenBy && !hidden ? 'visible' : 'all') : undefined;
  // `-` is stdin (or stdout), not a file.
  const out: ToolFile[] = parsed.options.flatMap((o): ToolFile[] => (spec.files?.[o.name] && o.value !== undefined && o.value !== '-' ? [[spec.files[o.name]!, o.value]] : []));
  const given = spec.skip && parsed.options.some((o) => spec.skip!.givenBy.includes(o.name));
  const words = parsed.positionals.map((p) => p.value).slice(spec.skip && !given ? spec.skip.count : 0);
  words.forEach((w, i) => {
    const op = spec.positional[Math.min(i, spec.positional.length - 1)];
    if (op && w !== '-') out.push(op === 'read' && depth ? [op, w, depth] : [op, w]);
  });
  // A recursive search with no path searches the working directory.
  if (depth && words.length === 0) out.push(['read', '.', depth]);
  return out;
}

/** A short-option cluster with -f in it: anywhere before an L, whose value is the rest of the word (`-rf`, `-fLdir`). */
function jqClusterFromFile(word: string): boolean {
  const l = word.indexOf('L');
  return (l < 0 ? word : word.slice(0, l)).includes('f');
}

/** jq's options that take words after them, and how many. */
const JQ_VALUES = table<string, number>({ '--arg': 2, '--argjson': 2, '--slurpfile': 2, '--rawfile': 2, '--argfile': 2, '--indent': 1, '-L': 1, '--library-path': 1 });

/**
 * jq: the first positional is the filter, or with `-f`/`--from-file` (a flag, anywhere in a
 * cluster: `-fn`) the file it is read from; later positionals are input files until
 * `--args`/`--jsonargs` makes them strings. `--rawfile`/`--slurpfile`/`--argfile NAME FILE` read FILE.
 */
function jqFiles(argv: string[]): ToolFile[] {
  const out: ToolFile[] = [];
  let fromFile = false;
  let program: string | undefined;
  let strings = false;
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    if (!options || w === '-' || !w.startsWith('-')) {
      if (program === undefined) program = w;
      else if (!strings) out.push(['read', w]);
    } else if (w === '--') options = false;
    else if (w.startsWith('--')) {
      if (w === '--rawfile' || w === '--slurpfile' || w === '--argfile') {
        if (argv[i + 2] !== undefined) out.push(['read', argv[i + 2]!]);
      }
      if (w === '--from-file') fromFile = true;
      if (w === '--args' || w === '--jsonargs') strings = true;
      i += JQ_VALUES[w] ?? 0;
    } else {
      if (jqClusterFromFile(w)) fromFile = true;
      if (w.indexOf('L') === w.length - 1) i++; // `-L dir`; `-Ldir` holds its value
    }
  }
  // -f applies wherever it is given (`jq prog.jq -f`).
  if (fromFile && program !== undefined && program !== '-') out.push(['read', program]);
  return out;
}

/**
 * Why a text tool reads files nomos cannot name, if it does: `sort --files0-from=F` (the files
 * F names), jq's `import "config" as $c` / `include "x";` (config.json from ~/.jq, a -L
 * directory, or a path relative to them), and `jq -f prog.jq` (a program nomos does not read).
 */
export function toolOpaque(action: ExecAction): string | undefined {
  if (action.program === 'jq') {
    const argv = action.argv.slice(1);
    if (argv.some((w) => w === '--from-file' || (/^-[^-]/.test(w) && jqClusterFromFile(w)))) return 'jq runs a program from a file nomos does not read';
    return argv.some((w) => /(^|[;}])\s*(import|include)\s*"/.test(w)) ? 'jq imports modules or data from files nomos cannot name' : undefined;
  }
  const spec = TOOLS[action.program];
  if (!spec?.lists) return undefined;
  const list = parseArgs(action.argv.slice(1), spec).options.find((o) => spec.lists!.includes(o.name));
  return list ? `${action.program} ${list.name} reads files named in ${list.value === '-' ? 'its input' : list.value}, which nomos cannot know` : undefined;
}
