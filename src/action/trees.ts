import type { Action, AnalysisContext, FileAction, TreeListing } from './types.js';

/**
 * For a recursive op, a test of the actions the paths listed below its directory would be
 * (whether a rule may meet one), or undefined when no rule may meet any: then nothing is listed.
 */
export type TreeFilter = (op: FileAction) => ((found: FileAction) => boolean) | undefined;

/**
 * A recursive op on a directory (`grep -r KEY .`, `tar czf a.tgz .`, `cp -r`, a search tool)
 * reads every file below it, but a rule whose glob may match anywhere (`.env` in any directory) names
 * no directory for it to lie below. So the front end lists the directory when deciding, and each
 * path listed that `filter` lets through becomes an action of its own: the same op on that path,
 * `below` the directory. A link below it is also decided where it leads, as zip -r, diff -r and
 * grep -R follow it (a recursive op there when that is a directory, which is not listed in turn).
 * A delete or a move (`rm -r`, `mv`) acts on a link itself: one named without a trailing slash
 * is not gone into, and one below is not followed, unless the op follows links (`find -L … -delete`).
 * A listing that stopped early (the budget) marks the op listedInPart. Pure: the lister is passed in,
 * and a request with no recursive op lists nothing.
 */
export function withTreeFiles(actions: Action[], listTree: NonNullable<AnalysisContext['listTree']>, filter: TreeFilter): Action[] {
  if (!actions.some(isTreeOp)) return actions;
  const listings = new Map<string, TreeListing | undefined>();
  const list = (dir: string) => {
    if (!listings.has(dir)) listings.set(dir, listTree(dir));
    return listings.get(dir);
  };
  const placed = new Set<string>();
  return actions.flatMap((action): Action[] => {
    if (!isTreeOp(action)) return [action];
    const wanted = filter(action);
    const tree = wanted && list(action.path);
    const linksKept = (action.op === 'delete' || action.op === 'move') && action.followsLinks !== true;
    if (!tree || (linksKept && tree.link && !action.slash)) return [action];
    const found: Action[] = [tree.complete ? action : { ...action, listedInPart: true }];
    // One probe for every path listed (thousands in a project), one for directories links lead to: only those a rule may meet are copied.
    const file: FileAction = { kind: 'file', op: action.op, path: action.path, via: action.via, below: action.path };
    const dir: FileAction = { ...file, recursive: true };
    const add = (path: string, recursive: boolean) => {
      const probe = recursive ? dir : file;
      probe.path = path;
      if (!wanted(probe)) return;
      const key = JSON.stringify([probe.op, path, probe.via, recursive]);
      if (placed.has(key)) return;
      placed.add(key);
      found.push({ ...probe });
    };
    for (const path of tree.paths) add(path, false);
    if (!linksKept) for (const link of tree.links) if (link.real !== undefined) add(link.real, link.directory === true);
    return found;
  });
}

/** A recursive op on a known directory, not itself one found below another. */
function isTreeOp(action: Action): action is FileAction {
  return action.kind === 'file' && action.recursive === true && !action.dynamic && action.below === undefined;
}
