import type { Action, AnalysisContext, FileAction } from './types.js';

/** Device and process paths (`/dev/stdout`, `/proc/self/…`) name objects of the process that opens them: looked up from nomos they would describe nomos. */
const KERNEL = /^\/(dev|proc)\//;

/**
 * `/proc/<pid>/root/…` and `/proc/<pid>/cwd/…` (also `self`, `thread-self`, a task's): the
 * process's root and working directory; `/proc/<pid>/fd/N/…`, `/dev/fd/N/…`, `/dev/stdin/…`:
 * below a directory the process has open (`cat /dev/fd/3/id_rsa 3<~/.ssh`), as `cwd`.
 */
const PROC_LINK = /^(?:\/proc\/(?:self|thread-self|\d+)(?:\/task\/\d+)?\/(root|cwd|fd\/\d+)|\/dev\/(?:fd\/\d+|std(?:in|out|err)))(\/.*)?$/;

/**
 * A file reached through a process's root or working directory: `cat /proc/self/root/home/u/.ssh/id_rsa`
 * reads the key, and `/proc/self/cwd/.env` is `.env` wherever the command runs. Each such
 * action is also decided as the file it reaches (the stricter wins): under a root, the path
 * from `/` (every process here shares nomos's root, and one that does not shares its view of
 * the files the rules name); under a working directory nomos cannot know at run time, as a
 * path nomos cannot know. Pure: no lookup, so `nomos test` and the library see it too.
 */
export function withProcessPaths(actions: Action[]): Action[] {
  const special = (p: string | undefined) => p !== undefined && (p.startsWith('/proc/') || p.startsWith('/dev/'));
  if (!actions.some((a) => a.kind === 'file' && (special(a.path) || special(a.target) || special(a.written)))) return actions;
  return actions.flatMap((action): Action[] => {
    if (action.kind !== 'file') return [action];
    // `/proc/self/fd/3/../x` lexically loses the descriptor: the path as written decides.
    const path = (action.written !== undefined && PROC_LINK.exec(action.written)) || PROC_LINK.exec(action.path);
    const target = action.target !== undefined ? PROC_LINK.exec(action.target) : null;
    if (!path && !target) return [action];
    // A descriptor itself (/dev/stdin, /proc/self/fd/3) is not below one: kept as it is.
    const below = (m: RegExpExecArray | null) => m !== null && (m[1] === 'root' || m[1] === 'cwd' || m[2] !== undefined);
    if (!below(path) && !below(target)) return [action];
    const reached: FileAction = { ...action };
    if (path?.[1] === 'root') reached.path = path[2] ?? '/';
    if (target?.[1] === 'root') reached.target = target[2] ?? '/';
    // The same words, relative to a directory only the running command knows.
    if ((below(path) && path![1] !== 'root') || (below(target) && target![1] !== 'root')) reached.dynamic = true;
    return [action, reached];
  });
}

/**
 * A command follows symlinks that exist when it runs: `cat notes` where notes links to
 * `~/.ssh/id_rsa` reads the key. So each file action whose path (or target) leads
 * elsewhere is decided twice, as written and where it really leads (the stricter wins),
 * as for `nomos fs` and agents' file tools. A delete or move acts on a final link itself,
 * not on what it points to, unless the path ends in a slash (`rm -rf link/`). A path whose lookup fails stays as written: the command's
 * own lookup fails the same way and touches nothing. `followsFinal` says otherwise for a caller that
 * resolves paths itself (an MCP filesystem server follows every path to its real path first).
 */
export function withRealPaths(actions: Action[], realPath: NonNullable<AnalysisContext['realPath']>, followsFinal = kernelFollowsFinal): Action[] {
  return actions.flatMap((action) => {
    // A `..` after /dev or /proc (`/dev/fd/../environ` is /proc/self/environ) is looked up: the
    // process directory it reaches is nomos's own, but rules name any process's (`/proc/*/environ`).
    if (action.kind !== 'file' || action.dynamic || (KERNEL.test(action.path) && action.written === undefined)) return [action];
    const followFinal = followsFinal(action);
    const path = realPath(action.written ?? action.path, followFinal) ?? action.path;
    const target = action.target !== undefined ? realPath(action.target, true) ?? action.target : undefined;
    if (path === action.path && target === action.target) return [action];
    const real: FileAction = { ...action, path, ...(target !== undefined ? { target } : {}) };
    return [action, real];
  });
}

/** Whether the kernel follows a final symlink for the action's call: not for unlink and rename, unless the path ends in a slash. */
function kernelFollowsFinal(action: FileAction): boolean {
  return (action.op !== 'delete' && action.op !== 'move') || action.slash === true;
}

/** What is done through any name of a file to the file itself: its content and its mode. */
const THROUGH_ANY_NAME = new Set(['write', 'append', 'chmod', 'arg']);

/**
 * A file with other names (hard links) is changed under all of them: writing `notes.yaml`, a
 * hard link made earlier to a rule file, rewrites the rule file, and no path tells which file
 * it is. The paths of such changes, for the request to be opaque (asked, never allowed).
 */
export function otherNamed(actions: Action[], hardLinked: NonNullable<AnalysisContext['hardLinked']>): string[] {
  return actions.flatMap((a) => (a.kind === 'file' && !a.dynamic && THROUGH_ANY_NAME.has(a.op) && hardLinked(a.path) ? [a.path] : []));
}
