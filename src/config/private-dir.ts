import { lstatSync } from 'node:fs';
import { makeDirs } from '../make-dirs.js';
import { NomosError, ExitCode } from '../errors.js';

/** A state directory or key file nomos must not trust (wrong owner, writable by others). */
export class UnsafeStateDirError extends NomosError {
  constructor(message: string) {
    super('nomos.state.unsafe', message, ExitCode.config);
    this.name = 'UnsafeStateDirError';
  }
}

/**
 * Creates (mode 0700) or checks a directory nomos keeps private state in. Another user's
 * directory, a group/world-writable one, or a symlink could let someone else forge or
 * read session state, so nomos refuses to use it.
 */
export function ensurePrivateDir(path: string): string {
  makeDirs(path, 0o700);
  const stat = lstatSync(path);
  const uid = process.getuid?.();
  const problem = !stat.isDirectory() ? 'is not a directory (a symlink?)'
    : uid !== undefined && stat.uid !== uid ? `is owned by uid ${stat.uid}, not you (uid ${uid})`
    : (stat.mode & 0o022) !== 0 ? `is group or world writable (mode ${(stat.mode & 0o777).toString(8)})`
    : undefined;
  if (problem) {
    throw new UnsafeStateDirError(`state directory ${path} ${problem}; fix it (chmod 700) or set NOMOS_STATE_DIR to a private directory`);
  }
  return path;
}
