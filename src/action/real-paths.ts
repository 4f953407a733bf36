import type { Action, AnalysisContext, FileAction } from './types.js';

/** Device and process paths (`/dev/stdout`, `/proc/self/…`) name objects of the process that opens them: looked up from nomos they would describe nomos. */
const KERNEL = /^\/(dev|proc)\//;

/**
 * A command follows symlinks that exist when it runs: `cat notes` where notes links to
 * `~/.ssh/id_rsa` reads the key. So each file action whose path (or target) leads
 * elsewhere is decided twice, as written and where it really leads (the stricter wins),
 * as for `nomos fs` and agents' file tools. A delete or move acts on a final link itself,
 * not on what it points to, unless the path ends in a slash (`rm -rf link/`). A path whose lookup fails stays as written: the command's
 * own lookup fails the same way and touches nothing.
 */
export function withRealPaths(actions: Action[], realPath: NonNullable<AnalysisContext['realPath']>): Action[] {
  return actions.flatMap((action) => {
    // A `..` after /dev or /proc (`/dev/fd/../environ` is /proc/self/environ) is looked up: the
    // process directory it reaches is nomos's own, but rules name any process's (`/proc/*/environ`).
    if (action.kind !== 'file' || action.dynamic || (KERNEL.test(action.path) && action.written === undefined)) return [action];
    const followFinal = (action.op !== 'delete' && action.op !== 'move') || action.slash === true;
    const path = realPath(action.written ?? action.path, followFinal) ?? action.path;
    const target = action.target !== undefined ? realPath(action.target, true) ?? action.target : undefined;
    if (path === action.path && target === action.target) return [action];
    const real: FileAction = { ...action, path, ...(target !== undefined ? { target } : {}) };
    return [action, real];
  });
}
