import { lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NomosError, ExitCode } from '../errors.js';

/** A state directory nomos must not trust (wrong owner or writable by others). */
export class UnsafeStateDirError extends NomosError {
  constructor(message: string) {
    super('nomos.state.unsafe', message, ExitCode.denied);
    this.name = 'UnsafeStateDirError';
  }
}

/**
 * Creates `dir` (mode 0700) if missing and checks it: a directory (not a symlink), owned by
 * this user, not writable by group or others. Anyone else who could write there could plant
 * requests, answers or grants, so an unsafe directory is refused, never repaired silently.
 */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory()) throw new UnsafeStateDirError(`${dir} is not a directory (a symlink?); refusing to use it for approvals`);
  if (uid !== undefined && stat.uid !== uid) throw new UnsafeStateDirError(`${dir} is owned by uid ${stat.uid}, not by you (uid ${uid}); refusing to use it for approvals`);
  if ((stat.mode & 0o022) !== 0) throw new UnsafeStateDirError(`${dir} is writable by group or others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 700 on it`);
  return dir;
}

/** The pending-approval queue: `<state>/approvals`, both levels private. */
export function approvalsDir(stateDir: string): string {
  ensurePrivateDir(stateDir);
  return ensurePrivateDir(join(stateDir, 'approvals'));
}

/** Session grants: `<state>/grants`, both levels private. */
export function grantsDir(stateDir: string): string {
  ensurePrivateDir(stateDir);
  return ensurePrivateDir(join(stateDir, 'grants'));
}
