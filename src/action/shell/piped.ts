// `find … | xargs cmd`: the words xargs adds to cmd are the paths find printed, which lie under
// find's start paths, as for `find … -exec cmd {} +` (src/action/programs/find.ts). So they are
// placed as the globs of those paths (the front end lists them when it decides) instead of "any
// file", where find prints nothing but paths and xargs reads them as find wrote them. The same
// for `grep -rl`, `rg -l` and `rg --files` (src/action/programs/printed.ts).
import { findPrinted, type PrintedPaths } from '../programs/find.js';
import { GIT_VARIABLES, gitPrinted } from '../programs/git-printed.js';
import { lsPrinted } from '../programs/ls-printed.js';
import { among, fdPrinted, searchPrinted } from '../programs/printed.js';
import type { WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import type { WordValue } from './words.js';

/** The stage of a pipeline whose command is being walked, with what the stage before it printed. */
export interface PipeStage {
  /** The stage's own command node (not a command inside it: a substitution's, a wrapper's). */
  node: SyntaxNode;
  /** How many wrappers deep the stage's command is: `nice xargs` is not the stage's own xargs. */
  via: number;
  /** What its command prints, once walked (find's paths). */
  printed?: PrintedPaths;
  /** What the stage before printed into this one's stdin (`|`, not `|&`). */
  stdin?: PrintedPaths;
}

/** Characters at which xargs (without -0) splits or unquotes what it reads: a path holding one is not passed as it is. */
export const XARGS_SPLITS = /[\s'"\\]/;

/** Whether `node` is the stage's own command, with no redirect that could change what it reads or prints. */
function atStage(state: WalkState, node: SyntaxNode): boolean {
  return state.pipe?.node === node && state.via.length === state.pipe.via && !node.children.some((c) => c.field === 'redirect');
}

/** The programs whose printed paths are placed: a function of one of these names makes nothing placed (analyze.ts). */
const PRINTERS = ['find', 'grep', 'egrep', 'fgrep', 'rg', 'git', 'fd', 'fdfind', 'ls'];

/** Whether the command defines a function named as one of PRINTERS (`find() { echo ~/.ssh/id_rsa; }`), which runs instead. */
export const definesPrinter = (functions: Set<string>): boolean => functions.size > 0 && PRINTERS.some((name) => functions.has(name));

/**
 * What a command prints when that is paths (find, grep -l, rg -l). Not where the program may be
 * another: a function of its name (the analysis then runs again with ctx.unplaced), or one looked up
 * in a PATH the command set (`PATH=./bin:$PATH find`) or a relative one from the environment.
 */
export function commandPrinted(words: WordValue[], state: WalkState, env: Record<string, string> = {}): PrintedPaths | undefined {
  if (state.ctx.unplaced || state.ctx.searchPath !== undefined || Object.hasOwn(env, 'PATH') || Object.hasOwn(state.scope.vars, 'PATH') || state.scope.dynamicVars.includes('PATH')) return undefined;
  const program = words[0]!.value;
  if (program === 'find') return findPrinted(words);
  // GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_* (core.quotePath): another repository, or names printed otherwise.
  if (program === 'git') return setsVariable(env, state, (name) => GIT_VARIABLES.test(name)) ? undefined : gitPrinted(words);
  if (program === 'fd' || program === 'fdfind') return fdPrinted(words);
  // QUOTING_STYLE makes ls quote the names it prints (`'a b'`), LS_COLORS nothing without --color.
  if (program === 'ls') return setsVariable(env, state, (name) => name === 'QUOTING_STYLE') ? undefined : lsPrinted(words);
  return searchPrinted(words);
}

/** Variables that make a printer print otherwise: git's (GIT_DIR, GIT_CONFIG_*: another repository, core.quotePath), ls's QUOTING_STYLE. */
const PRINTER_VARIABLES = (name: string): boolean => GIT_VARIABLES.test(name) || name === 'QUOTING_STYLE';

/** Whether the script sets one of PRINTER_VARIABLES anywhere, or a variable it cannot name: then nothing is placed (analyze.ts runs it again). */
export const setsPrinterVariable = (assigned: Set<string>): boolean => assigned.size > 0 && (assigned.has('*') || [...assigned].some(PRINTER_VARIABLES));

/** Whether the command, or the script before it, sets or may set a variable `test` names. */
function setsVariable(env: Record<string, string>, state: WalkState, test: (name: string) => boolean): boolean {
  const { vars, dynamicVars, assigned } = state.scope;
  return Object.keys(env).some(test) || Object.keys(vars).some(test) || dynamicVars.some(test) || assigned.has('*') || [...assigned].some(test);
}

/** Notes what a stage's command prints when that is paths, for the xargs after it. */
export function notePrinted(words: WordValue[], env: Record<string, string>, state: WalkState, node: SyntaxNode): void {
  if (atStage(state, node)) state.pipe!.printed = commandPrinted(words, state, env);
}

/**
 * Bash splits an unquoted `$(cmd)` at blanks and expands globs in what it gives: a path holding
 * one is not passed as it is. Where IFS was set, or the paths end in NUL (bash drops it), nothing is placed.
 */
export const FIELD_SPLITS = /[\s*?[]/;

/** Where `read` without -r (which unescapes backslashes) gives a line to a `$f` bash splits as fields. */
export const READ_SPLITS = /[\s*?[\\]/;

/** The characters at which each kind of split acts on a placed name (FileAction.split). */
export const SPLITS = { xargs: XARGS_SPLITS, fields: FIELD_SPLITS, read: READ_SPLITS } as const;

/** The words of a command that are a whole `$(find …)`, as what they hold: its paths, split as bash splits fields. */
export function substitutedPaths(words: WordValue[], state: WalkState): ({ word: string; found: string[] } & Pick<PrintedPaths, 'bare' | 'tree' | 'index' | 'names'>)[] {
  if (Object.hasOwn(state.scope.vars, 'IFS') || state.scope.dynamicVars.includes('IFS')) return [];
  // The globs' own characters are theirs; the names they match are checked when they are listed (globs.ts).
  return words.filter((w) => w.printed && !w.printed.nul && !w.printed.found.some((p) => /\s/.test(p))).map((w) => {
    const { found, bare, tree, index, names } = w.printed!;
    return { word: w.value, found, bare, tree, index, names };
  });
}

/** xargs options that leave its input read as find wrote it (-0 is checked against find's -print0); others (-a FILE, -d) do not. Words between spaces. */
const KEEPS = ' -0 --null -r --no-run-if-empty -t --verbose -n --max-args -L -l --max-lines -P --max-procs -s --max-chars -x --exit -o --open-tty'
  + ' -p --interactive -E -e --eof -I -i --replace --process-slot-var ';
/** Short options of xargs that take the next word (or the rest of theirs), and those that take only the rest of theirs. */
const SHORT_VALUES = 'adEILnPs';
const SHORT_OPTIONAL = 'eil';

/** What find printed, as xargs passes it to its command: the globs, the placeholders that stand for it, and whether names are split at blanks. */
export interface XargsInput {
  found: string[];
  placeholders: string[];
  split?: 'xargs';
  bare?: boolean;
  tree?: boolean;
  index?: boolean;
  names?: string[];
}

/** For the stage's own xargs, with `before` its options: what find printed into it, where xargs passes it on as it is. */
export function xargsInput(before: string[], state: WalkState, node: SyntaxNode): XargsInput | undefined {
  const printed = atStage(state, node) ? state.pipe!.stdin : undefined;
  if (!printed) return undefined;
  const options = xargsOptions(before);
  if (!options || options.some(([name]) => !among(KEEPS, name))) return undefined;
  const nul = options.some(([name]) => name === '-0' || name === '--null');
  if (nul !== printed.nul) return undefined;
  // A start path or name that xargs would split is not what find's paths become.
  if (!nul && printed.found.some((p) => XARGS_SPLITS.test(p))) return undefined;
  const replace = replaceString(options);
  return { found: printed.found, placeholders: replace ? [replace] : [], split: nul ? undefined : 'xargs', bare: printed.bare, tree: printed.tree, index: printed.index, names: printed.names };
}

/**
 * The string `xargs -I STR` (`-i`, `--replace`) replaces in its command with each input line:
 * then it adds no arguments of its own. Undefined where it surely has none, or its options are not read.
 */
export function xargsReplace(before: string[]): string | undefined {
  const options = xargsOptions(before);
  return options && replaceString(options);
}

function replaceString(options: [string, string?][]): string | undefined {
  const replace = options.findLast(([name]) => name === '-I' || name === '-i' || name === '--replace');
  if (!replace) return undefined;
  const value = replace[1] ?? (replace[0] === '-I' ? '' : '{}');
  return value === '' ? undefined : value;
}

/** xargs's options as [name, value]; undefined for a long name it may read as a prefix of another. */
function xargsOptions(words: string[]): [string, string?][] | undefined {
  const out: [string, string?][] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') break;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word : word.slice(0, eq);
      if (!among(KEEPS, name)) return undefined;
      const takes = ['--max-args', '--max-procs', '--max-chars', '--process-slot-var'].includes(name) && eq < 0;
      out.push([name, eq >= 0 ? word.slice(eq + 1) : takes ? words[++i] : undefined]);
      continue;
    }
    for (let k = 1; k < word.length; k++) {
      const ch = word[k]!;
      const rest = word.slice(k + 1);
      if (SHORT_OPTIONAL.includes(ch)) {
        out.push([`-${ch}`, rest || undefined]);
        break;
      }
      if (SHORT_VALUES.includes(ch)) {
        out.push([`-${ch}`, rest || words[++i]]);
        break;
      }
      out.push([`-${ch}`]);
    }
  }
  return out;
}
