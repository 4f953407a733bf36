import { fsActions, opShape, targetFollowsFinal, type FsOp } from '../../action/fs-request.js';
import type { FileAction } from '../../action/types.js';
import { intoDirectory, resolveRealPath } from './resolve.js';

/** Where a `nomos fs` call starts from. */
export interface FsPlanContext {
  cwd: string;
  home: string;
  /** `mkdir --parents`. */
  parents?: boolean;
  /** `delete --recursive`. */
  recursive?: boolean;
}

/**
 * Resolves the paths of a `nomos fs` call on the real file system and returns the
 * actions to decide. The paths in them are the real locations, so the decision is
 * about what will be touched; the performer later re-proves those locations at open.
 */
export function planFsRequest(op: FsOp, path: string, target: string | undefined, ctx: FsPlanContext): FileAction[] {
  const shape = opShape(op);
  const real = resolveRealPath(path, { cwd: ctx.cwd, home: ctx.home, followsFinal: shape.followsFinal, missingParents: op === 'mkdir' && ctx.parents === true });
  if (!shape.target || target === undefined) return fsActions(op, real, undefined, ctx.recursive === true);
  const where = resolveRealPath(target, { cwd: ctx.cwd, home: ctx.home, followsFinal: targetFollowsFinal(op) });
  return fsActions(op, real, intoDirectory(where, real));
}
