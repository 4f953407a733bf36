import type { Action, AnalysisContext, FileAction } from './types.js';

/**
 * A file action on a glob (`cat src/*.ts`) becomes one action per path the glob matches
 * now, each then decided as any other path (its symlinks followed, see real-paths.ts); a
 * glob that matches nothing is passed on as written, so it is that path. Where the front end
 * cannot tell (no lister, too many matches), the action stays dynamic: "any file".
 */
export function withExpandedGlobs(actions: Action[], expandGlob: NonNullable<AnalysisContext['expandGlob']>): Action[] {
  return actions.flatMap((action) => {
    if (action.kind !== 'file' || !action.glob) return [action];
    const paths = expandGlob(action.path);
    if (paths === undefined) return [action];
    const { dynamic: _dynamic, glob: _glob, ...rest } = action;
    return paths.length === 0 ? [rest] : paths.map((path): FileAction => ({ ...rest, path }));
  });
}
