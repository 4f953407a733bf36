import { resolvePath } from '../path.js';
import type { WalkState } from './state.js';
import type { WordValue } from './words.js';

/**
 * `cd DIR` changes where later relative paths point (`cd /; rm -rf etc` deletes /etc).
 * A target nomos cannot know (`cd $d`, `cd -`, `popd`) makes the cwd unknown, so later
 * relative paths are dynamic rather than wrongly resolved against the old directory.
 */
export function trackDirectory(words: WordValue[], state: WalkState, env: Record<string, string> = {}): void {
  const program = words[0]!.value;
  if (program !== 'cd' && program !== 'pushd' && program !== 'popd') return;
  const args = words.slice(1).filter((w, i) => !(i === 0 && /^-[LPe@]+$/.test(w.value) && !w.dynamic));
  const target = args[0];
  if (program === 'popd' || (target && (target.dynamic || target.value === '-'))) {
    state.scope.cwd = undefined;
    return;
  }
  if (program === 'pushd' && !target) {
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
  state.scope.cwd = resolvePath(dir, { cwd: state.scope.cwd ?? state.ctx.cwd, home: state.ctx.home });
}
