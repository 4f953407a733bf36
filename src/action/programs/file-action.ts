// A file action of a known program's word: resolved where the command runs, marked when nomos cannot know it or it is a glob.
import { globWithin, resolveFrom } from '../path.js';
import type { ExecAction, FileAction, FileOp } from '../types.js';
import { fileWord } from './file-word.js';

/** Where a command's relative paths resolve; `known` is false after a `cd` nomos could not follow. */
export interface PathContext {
  cwd: string;
  home: string;
  known?: boolean;
}

/**
 * Files named among the arguments of a program nomos does not model: each static word that is
 * not an option, and the value of each `--option=value`, that reads as a file name (a `/` or
 * a `.` in it, no space: `~/.config/nomos/config.yaml`, `p.diff`; not `install` or a message),
 * as an `arg` action (the program may read, write or run it; rules that guard a file list `arg`
 * among their ops). Words built at run time name nothing nomos can see, and are left to the rules on the command.
 * With `bareWords` (the command runs in a directory a `cd` before it chose) any plain word is named too.
 */
export function namedArguments(action: ExecAction, ctx: PathContext, bareWords = false): FileAction[] {
  const out: FileAction[] = [];
  action.argv.forEach((word, i) => {
    // A word built at run time names nothing nomos can see, but a glob names the files it matches (file() marks it).
    if (i === 0 || (action.dynamic?.includes(i) && !action.globs?.includes(i))) return;
    const value = fileWord(word, bareWords);
    if (value) out.push(fileAction('arg', value, action, ctx));
  });
  return out;
}

/** The action on everything below its path too, when `recursive`. */
export const whole = (action: FileAction, recursive: boolean): FileAction => (recursive ? { ...action, recursive: true } : action);

/** The action `op` of `path`, a word of `action` (with `target`, a copy's or move's). */
export function fileAction(op: FileOp, path: string, action: ExecAction, ctx: PathContext, target?: string): FileAction {
  const resolved = resolveFrom(path, ctx);
  const from = action.dynamic?.filter((i) => action.argv[i] === path || (target !== undefined && action.argv[i] === target)) ?? [];
  const dynamic = resolved.unknown || from.length > 0;
  // Only a glob in the path made it dynamic (`src/*.ts`, `cp src/*.ts out/`): a front end can list what it matches (src/action/globs.ts).
  const glob = dynamic && !resolved.unknown && from.every((i) => action.globs?.includes(i) && action.argv[i] === path && action.argv[i] !== target)
    && globWithin(path, ctx) !== undefined;
  return {
    kind: 'file', op, path: resolved.path, ...(resolved.written !== undefined ? { written: resolved.written } : {}), via: [...action.via, action.program],
    ...(target !== undefined ? { target: resolveFrom(target, ctx).path } : {}),
    ...(dynamic ? { dynamic: true } : {}),
    ...(glob ? { glob: true } : {}),
    ...(path.length > 1 && path.endsWith('/') ? { slash: true } : {}),
  };
}
