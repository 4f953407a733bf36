import { madePaths, mayMake, type Made } from './globs.js';
import { SPLITS } from './shell/piped.js';
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
export function withTreeFiles(actions: Action[], listTree: NonNullable<AnalysisContext['listTree']>, filter: TreeFilter, gitIndex?: AnalysisContext['gitIndex']): Action[] {
  if (!actions.some(isTreeOp)) return actions;
  const listings = new Map<string, TreeListing | undefined>();
  const list = (dir: string) => {
    if (!listings.has(dir)) listings.set(dir, listTree(dir));
    return listings.get(dir);
  };
  const placed = new Set<string>();
  let made: Made | undefined;
  return actions.flatMap((action): Action[] => {
    if (!isTreeOp(action)) return [action];
    if ((action.split || action.bare) && !namesHold(action, list(action.path), action.index ? gitIndex?.(action.path) : [], () => (made ??= madePaths(actions)), actions)) return [anyFile(action)];
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
    // git never prints its own repository (`.git` where it runs at the top); a nested one it prints whole (`git ls-files -o`: `nested/`).
    const own = action.index ? (path: string) => !/^\/\.git(?:\/|$)/.test(path.slice(action.path.length)) : () => true;
    for (const path of tree.paths) if (own(path)) add(path, false);
    if (!linksKept) for (const link of tree.links) if (link.real !== undefined && own(link.path)) add(link.real, link.directory === true);
    return found;
  });
}

/** A recursive op on a known directory, not itself one found below another. */
function isTreeOp(action: Action): action is FileAction {
  return action.kind === 'file' && action.recursive === true && !action.dynamic && action.below === undefined;
}

/**
 * Whether every name a printer may give a placed recursive op (`git ls-files | xargs cat`: piped.ts)
 * reaches the command whole: none below its directory, nor in the git index where the names may be
 * its entries (`index`: undefined, not known), holds a character its split acts on (xargs splits
 * `x/a /etc/passwd` in two), or starts with `-` where it is printed bare; the listing is whole, no
 * link to a directory hides names below it from the check, and the command makes no such name first.
 */
function namesHold(action: FileAction, tree: TreeListing | undefined, index: string[] | undefined, made: () => Made, actions: Action[]): boolean {
  if (!tree || !tree.complete || tree.link || index === undefined) return false;
  // The index read now is not the one git prints from where the same command may change it first
  // (`git update-index --add --cacheinfo …` adds an entry no file has; `cp x .git/index`).
  if (action.index && (actions.some((a) => a.kind === 'exec' && a.program === 'git' && !GIT_READS.has(a.argv[1] ?? '')) || madeInGit(made()))) return false;
  const splits = action.split ? SPLITS[action.split] : undefined;
  const prefix = action.path === '/' ? '/' : `${action.path}/`;
  const risky = (rest: string) => !!splits?.test(rest) || (!!action.bare && rest.startsWith('-'));
  if (tree.paths.some((p) => risky(p.slice(prefix.length)))) return false;
  if (splits && tree.links.some((l) => l.directory)) return false;
  // An entry is printed from the top or the cwd: any of its segments may come first.
  if (index.some((name) => !!splits?.test(name) || (!!action.bare && name.split('/').some((s) => s.startsWith('-'))))) return false;
  return !mayMake(made(), prefix, risky, !!splits);
}

/** git subcommands that leave the index's entries as they are. */
const GIT_READS = new Set(['ls-files', 'diff', 'grep', 'status', 'log', 'show', 'rev-parse']);

/** Whether the command writes (or may write) in a git directory, or writes where nomos cannot tell. */
function madeInGit(made: Made): boolean {
  return made === 'any' || made.some(({ path }) => /\/\.git(?:\/|$)/.test(path));
}

/** A placed op whose names are not known: any file, as the word xargs or bash fills in. */
function anyFile(action: FileAction): FileAction {
  const { recursive: _recursive, split: _split, bare: _bare, index: _index, ...rest } = action;
  return { ...rest, path: action.path === '/' ? '/**' : `${action.path}/**`, dynamic: true };
}

/** Without a lister, a placed op whose names must be checked (namesHold) is any file. */
export function withUnlistedNames(actions: Action[]): Action[] {
  return actions.some((a) => isTreeOp(a) && (a.split || a.bare)) ? actions.map((a) => (isTreeOp(a) && (a.split || a.bare) ? anyFile(a) : a)) : actions;
}
