import type { FileOp } from '../types.js';
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

/** find's start paths: the words before the first expression word (after -H/-L/-P/-D/-O). */
export function findStartPaths(argv: string[]): string[] {
  const paths: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '-H' || word === '-L' || word === '-P' || /^-O\d*$/.test(word)) continue;
    if (word === '-D') {
      i++;
      continue;
    }
    if (word.startsWith('-') || word === '(' || word === '!' || word === ',') break;
    paths.push(word);
  }
  return paths.length > 0 ? paths : ['.'];
}

/**
 * `find … -exec cmd {} ;` (and -execdir, -ok, -okdir, `+`): the command runs once per
 * file found, with `{}` replaced by its path, which nomos cannot know.
 */
export function findExecs(words: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  for (let i = 1; i < words.length; i++) {
    const action = words[i]!.value;
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
    if (inner.length > 0) runs.push({ via: `find ${action}`, words: inner, dynamicTail: words[k]?.value === '+' });
    else runs.push({ via: `find ${action}`, opaque: `find ${action} without a command` });
    i = k;
  }
  return runs;
}

/** File actions of find's own options: `-delete` on the start paths, `-fprint FILE` writes. */
export function findFiles(action: { argv: string[] }): [FileOp, string][] {
  const out: [FileOp, string][] = [];
  const { argv } = action;
  if (argv.includes('-delete')) out.push(...findStartPaths(argv).map((p): [FileOp, string] => ['delete', p]));
  argv.forEach((w, i) => {
    if (/^-f(print0?|printf|ls)$/.test(w) && argv[i + 1] !== undefined) out.push(['write', argv[i + 1]!]);
  });
  if (out.length === 0) out.push(...findStartPaths(argv).map((p): [FileOp, string] => ['list', p]));
  return out;
}
