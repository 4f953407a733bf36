import { join } from 'node:path';
import { ensurePrivateDir } from '../config/private-dir.js';

export { UnsafeStateDirError } from '../config/private-dir.js';

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
