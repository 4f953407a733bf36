import { resolvePath } from '../path.js';
import type { AnalysisContext } from '../types.js';
import type { WalkState } from './state.js';
import type { WordValue } from './words.js';

/** `cd`, `pushd` or `popd` as a word of its own anywhere in the text (other words too: it errs towards unknown). */
const CHANGES_DIRECTORY = /(?<![\w./-])(?:cd|pushd|popd)(?![\w./-])/;

/**
 * Whether the text may change directory: `cd`, `pushd` or `popd` as a word, read with quotes and
 * backslashes removed (bash runs `c\d`, `"c"d`, `c''d` as cd); `$'…'` may spell it (`$'\x63d'`).
 */
export function changesDirectory(text: string): boolean {
  return text.includes("$'") || CHANGES_DIRECTORY.test(text.replace(/['"\\]/g, ''));
}

/**
 * `cd DIR` changes where later relative paths point (`cd /; rm -rf etc` deletes /etc).
 * A target nomos cannot know (`cd $d`, `cd -`, `popd`) makes the cwd unknown, so later
 * relative paths are dynamic rather than wrongly resolved against the old directory.
 */
export function trackDirectory(words: WordValue[], state: WalkState, env: Record<string, string> = {}): void {
  const program = words[0]!.value;
  if (program !== 'cd' && program !== 'pushd' && program !== 'popd') return;
  // bash sets PWD (and OLDPWD) where it lands.
  state.scope.assigned.add('PWD');
  const options = leadingOptions(words.slice(1));
  const args = words.slice(1 + options.length);
  // The last of -L and -P wins; `set -P` makes -P the default.
  const letters = options.map((w) => w.value).join('').replace(/[^LP]/g, '');
  const physical = letters ? letters.endsWith('P') : state.scope.physical === true;
  const target = args[0];
  if (program === 'popd' || (target && (target.dynamic || target.value === '-'))) {
    state.scope.cwd = undefined;
    return;
  }
  if (program === 'pushd' && !target) {
    state.scope.cwd = undefined;
    return;
  }
  // `cd` and `cd ~/x` go where HOME says, which the command may have set (shadow.ts).
  if (state.ctx.homeUnknown && !target) {
    state.scope.cwd = undefined;
    return;
  }
  const dir = target ? target.value : state.ctx.home;
  // With CDPATH set (in the environment or earlier in the script), `cd name` may go to a
  // directory of that name anywhere on it: only `/…`, `./…`, `../…` and `~…` are certain.
  const cdpath = env.CDPATH ?? state.scope.vars.CDPATH ?? state.ctx.env.CDPATH;
  if (cdpath && !/^(\/|~|\.\.?(\/|$))/.test(dir)) {
    state.scope.cwd = undefined;
    return;
  }
  if (state.scope.cwd === undefined && !dir.startsWith('/') && !dir.startsWith('~')) return;
  const base = state.scope.cwd ?? state.ctx.cwd;
  state.scope.cwd = landing(dir, base, state.ctx.home, physical, state.ctx.realPath);
}

/** `cd`'s options before its directory (`-P`, `-L -P`, `-eP`), as written. */
function leadingOptions(words: WordValue[]): WordValue[] {
  const end = words.findIndex((w) => w.dynamic || !/^-[LPe@]+$/.test(w.value));
  return end < 0 ? words : words.slice(0, end);
}

/**
 * Where `cd DIR` lands. Logically (bash's default) `..` removes the name before it, whatever
 * that name links to; but `cd -P` (or `set -P`) resolves links first (`cd -P keys/..`, keys → ~/.ssh,
 * is ~), and a logical `cd` whose directory does not exist retries physically (`cd keys/../.ssh`).
 * With a lookup (realPath), -P lands where the links lead, and a `..` whose two readings differ
 * makes the directory unknown; without one (pure analysis) the logical reading stands.
 */
export function landing(dir: string, base: string, home: string, physical: boolean, realPath: AnalysisContext['realPath']): string | undefined {
  const logical = resolvePath(dir, { cwd: base, home });
  if (!realPath) return logical;
  const written = dir === '~' || dir.startsWith('~/') ? home + dir.slice(1) : dir.startsWith('/') ? dir : `${base}/${dir}`;
  if (physical) return realPath(written, true);
  if (!/(^|\/)\.\.(\/|$)/.test(written)) return logical;
  return realPath(written, true) === realPath(logical, true) ? logical : undefined;
}
