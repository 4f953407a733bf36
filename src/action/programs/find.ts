import type { ExecAction, FileAction, FileOp } from '../types.js';
import type { InnerRun } from '../shell/executors.js';
import type { WordValue } from '../shell/words.js';

const EXEC_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** find's tests and actions that take a word (`-name -exec` names a file "-exec"; `-fprintf FILE FORMAT` takes two). */
const ONE_WORD = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname', '-newer', '-anewer', '-cnewer',
  '-perm', '-type', '-xtype', '-user', '-group', '-uid', '-gid', '-size', '-mtime', '-atime', '-ctime', '-mmin', '-amin', '-cmin', '-used',
  '-links', '-inum', '-samefile', '-maxdepth', '-mindepth', '-fstype', '-context', '-regextype', '-printf', '-fprint', '-fprint0', '-fls', '-files0-from',
]);

/** How many words after find's expression word `word` are its value. */
function valueWords(word: string): number {
  if (word === '-fprintf') return 2;
  return ONE_WORD.has(word) || /^-newer[aBcmt][aBcmt]$/.test(word) ? 1 : 0;
}

/** find's start paths: the words before the first expression word (after -H/-L/-P/-D/-O, and `--`). */
export function findStartPaths(argv: string[]): string[] {
  return startPathIndexes(argv).map((i) => (i < 0 ? '.' : argv[i]!));
}

/** Where find's start paths are in argv; none given is `.`, at index -1. */
function startPathIndexes(argv: string[]): number[] {
  const at: number[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    // `find -- dir`: `--` ends find's options, and the start paths follow.
    if (word === '-H' || word === '-L' || word === '-P' || word === '--' || /^-O\d*$/.test(word)) continue;
    if (word === '-D') {
      i++;
      continue;
    }
    if (word.startsWith('-') || word === '(' || word === '!' || word === ',') break;
    at.push(i);
  }
  return at.length > 0 ? at : [-1];
}

/**
 * `find … -exec cmd {} ;` (and -execdir, -ok, -okdir, `+`): the command runs once per
 * file found, with `{}` replaced by its path, which nomos cannot know, except that it lies
 * under a start path (see foundPaths).
 */
export function findExecs(words: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  const paths = startPathIndexes(words.map((w) => w.value));
  const roots = foundRoots(words, paths);
  // A start path nomos cannot know may be find's expression instead (`find . $(cat f)` with `-exec cmd ;` in f runs cmd).
  const unknown = paths.find((i) => i >= 0 && mayBeExpression(words[i]!));
  if (unknown !== undefined) runs.push({ via: 'find', opaque: `find's start path ${words[unknown]!.value} may be an expression that runs a command (-exec)` });
  // A -name that every file an -exec gets passes: one in the -exec's own `-o` group, not negated,
  // with no parentheses anywhere (`-a` binds tighter than `-o`: `A -o B -exec …` runs for B only).
  let grouped = true;
  let name: string | undefined;
  let negated = false;
  for (let i = Math.max(1, paths.at(-1)! + 1); i < words.length; i++) {
    if (mayBeExpression(words[i]!)) runs.push({ via: 'find', opaque: `find's expression word ${words[i]!.value} may run a command (-exec)` });
    const action = words[i]!.value;
    const notBefore = negated;
    negated = action === '!' || action === '-not';
    if (action === '(' || action === ')') grouped = false;
    if (action === '-o' || action === '-or' || action === ',') name = undefined;
    const value = words[i + 1];
    if ((action === '-name' || action === '-iname') && !notBefore && name === undefined && value && !value.dynamic) name = action === '-iname' ? anyCase(value.value) : value.value;
    if (!EXEC_ACTIONS.has(action)) {
      i += valueWords(action);
      continue;
    }
    const inner: WordValue[] = [];
    let k = i + 1;
    for (; k < words.length; k++) {
      const { value } = words[k]!;
      if (value === ';' || (value === '+' && words[k - 1]?.value === '{}')) break;
      inner.push(value.includes('{}') ? { value, dynamic: true } : words[k]!);
    }
    // -execdir runs the command in each file's own directory, with `./name`: where that is is not known.
    const found = roots && (action === '-exec' || action === '-ok') ? foundPaths(roots, grouped ? name : undefined) : undefined;
    // -execdir and -okdir start it in each file's directory (`find ~ -name id_rsa -execdir cat id_rsa \;` read ~/.ssh/id_rsa): its relative paths are not known.
    const where = action === '-execdir' || action === '-okdir' ? { unknownCwd: true } : {};
    if (inner.length > 0) runs.push({ via: `find ${action}`, words: inner, dynamicTail: words[k]?.value === '+', ...(found ? { found } : {}), ...where });
    else runs.push({ via: `find ${action}`, opaque: `find ${action} without a command` });
    i = k;
  }
  return runs;
}

/** Actions that print something other than the paths found, to stdout or to a file that may be it (`-fprint /dev/stdout`). */
const OTHER_OUTPUT = new Set(['-printf', '-fprintf', '-ls', '-fls', '-fprint', '-fprint0']);

/** What find prints, when that is only the paths it finds: their globs (as foundPaths gives them), and whether each ends in NUL. */
export interface PrintedPaths {
  found: string[];
  nul: boolean;
  /** Printed without the path they are under (`grep -rl x` prints `-o`, not `./-o`): a name may read as an option. */
  bare?: boolean;
  /**
   * `found` are directories, and a path printed is any path below one, through links, from where the
   * command reading them starts (git's names: src/action/programs/git-printed.ts): placed as a recursive op (trees.ts).
   */
  tree?: boolean;
  /** The names printed may be entries of the git index the work tree lacks (`git ls-files`): the index is checked too (trees.ts). */
  index?: boolean;
  /**
   * Globs whose names are printed bare, and so read where the command starts (`ls docs` prints docs's
   * entries: `found` is `*` here): the front end checks their names, not found's, where they are split (globs.ts).
   */
  names?: string[];
}

/**
 * What `find …` prints, when it prints nothing but the paths it finds (no -exec, -ok, -printf,
 * -ls or -fprint*, and not both -print and -print0), under start paths foundRoots accepts: for
 * `find … | xargs cmd` (src/action/shell/piped.ts). A -name narrows them only where no operator
 * or parenthesis could make a file printed without passing it, nor a -print before it. Undefined: not known.
 */
export function findPrinted(words: WordValue[]): PrintedPaths | undefined {
  const paths = startPathIndexes(words.map((w) => w.value));
  const roots = foundRoots(words, paths);
  if (!roots) return undefined;
  let name: string | undefined;
  let plain = true;
  const printed = new Set<string>();
  for (let i = Math.max(1, paths.at(-1)! + 1); i < words.length; i++) {
    const { value, dynamic } = words[i]!;
    if (dynamic || EXEC_ACTIONS.has(value) || OTHER_OUTPUT.has(value)) return undefined;
    if (value === '-print' || value === '-print0') printed.add(value);
    if (['-o', '-or', ',', '(', ')', '!', '-not'].includes(value)) plain = false;
    const next = words[i + 1];
    // A -print before it prints every file it reaches (`find . -print -name x` prints them all).
    if ((value === '-name' || value === '-iname') && name === undefined && printed.size === 0 && next && !next.dynamic) name = value === '-iname' ? anyCase(next.value) : next.value;
    i += valueWords(value);
  }
  if (printed.size > 1) return undefined;
  return { found: foundPaths(roots, plain ? name : undefined), nul: printed.has('-print0') };
}

/**
 * A word nomos cannot know where find reads a test, an action or an operator: it may be `-exec`
 * (`echo '-o -exec cmd ;' | xargs find . -name x` ran cmd). A glob may be one only if it may
 * start with `-` (bash gives find `-exec` for `*` where a file has that name).
 */
function mayBeExpression(word: WordValue): boolean {
  return !!word.dynamic && !(word.glob && /^[^-*?[]/.test(word.value));
}

/**
 * What `find … -name P -delete` deletes, as globs of the paths found (foundPaths), which a front
 * end lists when it decides: what is named P, where a `-name P` before -delete must hold for it
 * (no operator or parenthesis, as findPrinted). Undefined when nothing narrows it (then it is
 * everything below the start paths) or it is not known (a word nomos cannot know, links followed).
 */
function findDeleted(words: WordValue[]): string[] | undefined {
  const paths = startPathIndexes(words.map((w) => w.value));
  const roots = foundRoots(words, paths);
  if (!roots) return undefined;
  let name: string | undefined;
  let plain = true;
  let deleting = false;
  for (let i = Math.max(1, paths.at(-1)! + 1); i < words.length; i++) {
    const { value, dynamic } = words[i]!;
    if (dynamic) return undefined;
    if (value === '-delete') deleting = true;
    if (['-o', '-or', ',', '(', ')', '!', '-not'].includes(value)) plain = false;
    const next = words[i + 1];
    // A -delete before it deletes every file it reaches (`find . -delete -name x`).
    if ((value === '-name' || value === '-iname') && name === undefined && !deleting && next && !next.dynamic) name = value === '-iname' ? anyCase(next.value) : next.value;
    i += valueWords(value);
  }
  return plain && name !== undefined ? foundPaths(roots, name) : undefined;
}

/** An option making find follow symbolic links below its start paths. */
const followsLinks = (word: string) => word === '-L' || word === '-follow';

/**
 * `find … -delete`: each start path and everything below it (`find .claude -delete` deletes
 * .claude/settings.json), through links with -L; or where a -name narrows it, the globs of those
 * named so (findDeleted), each listed by the front end where `listable` says it can be, else any file.
 * `at` makes the delete of a path as the command's other file actions are made.
 */
export function findDeletes(action: ExecAction, at: (path: string) => FileAction, listable: (glob: string) => boolean): FileAction[] {
  const found = findDeleted(action.argv.map((value, i) => ({ value, dynamic: action.dynamic?.includes(i) ?? false })));
  // With -L (-follow) find goes through the links below and deletes where they lead.
  const follows = action.argv.some(followsLinks);
  if (!found) return findStartPaths(action.argv).map((p) => ({ ...at(p), recursive: true, ...(follows ? { followsLinks: true } : {}) }));
  return found.map((glob) => {
    const out = at(glob);
    if (!/[*?[]/.test(glob)) return out;
    return listable(glob) ? { ...out, dynamic: true, glob: true } : { ...out, dynamic: true };
  });
}

/**
 * `-iname P` as a pattern naming the same files in any case: a letter of a name without glob
 * characters becomes a class of both cases (`[mM]`), so the front end reads it as a glob, whose
 * letters match either case (a literal path is looked up as written: `-iname marker` was only
 * `marker`, and find gave cat `MARKER`). A pattern with glob characters is read in either case already.
 */
export function anyCase(pattern: string): string {
  if (/[*?[]/.test(pattern)) return pattern;
  return [...pattern].map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');
}

/**
 * The start paths, when find lists what is under them as a glob does: it follows no
 * symbolic link below them (no -L, -follow), takes no start paths from a file
 * (-files0-from), and each is known, without glob characters or `..`. `paths`: startPathIndexes.
 */
function foundRoots(words: WordValue[], paths: number[]): string[] | undefined {
  if (words.some((w) => followsLinks(w.value) || w.value === '-files0-from')) return undefined;
  const roots = paths.map((i) => (i < 0 ? { value: '.', dynamic: false } : words[i]!));
  if (roots.some((r) => r.dynamic || /[*?[\\]/.test(r.value) || r.value.split('/').includes('..'))) return undefined;
  return roots.map((r) => r.value);
}

/**
 * What `{}` may be, as globs of the paths under each start path (`dir/**`), which a front end
 * lists when it decides (src/action/globs.ts). With `-name P` among tests that must all hold,
 * the files are those named P below each start path (the glob `dir/**` then `/P`) and the start
 * path itself (its own name may match P). A name that a glob would read otherwise (a `/`, which
 * never matches, or a `\` escape) is not used.
 */
function foundPaths(roots: string[], name: string | undefined): string[] {
  const usable = name !== undefined && name !== '' && !/[/\\]/.test(name) ? name : undefined;
  return roots.flatMap((root) => {
    const dir = root.replace(/(.)\/+$/, '$1');
    const base = dir === '/' ? '' : dir;
    return usable === undefined ? [`${base}/**`] : [dir, `${base}/**/${usable}`];
  });
}

/** File actions of find's own options: `-delete` on the start paths, `-fprint FILE` writes, `-files0-from FILE` reads. */
export function findFiles(action: { argv: string[] }): [FileOp, string][] {
  const out: [FileOp, string][] = [];
  const { argv } = action;
  if (argv.includes('-delete')) out.push(...findStartPaths(argv).map((p): [FileOp, string] => ['delete', p]));
  argv.forEach((w, i) => {
    if (/^-f(print0?|printf|ls)$/.test(w) && argv[i + 1] !== undefined) out.push(['write', argv[i + 1]!]);
  });
  if (out.length === 0) out.push(...findStartPaths(argv).map((p): [FileOp, string] => ['list', p]));
  // -files0-from FILE reads the start paths from FILE, and a name that is not there is printed: its text ends on stderr.
  argv.forEach((w, i) => {
    if (w === '-files0-from' && argv[i + 1] !== undefined && argv[i + 1] !== '-') out.push(['read', argv[i + 1]!]);
  });
  return out;
}
