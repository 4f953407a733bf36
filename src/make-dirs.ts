import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p`: makes `path` and its missing parents, each with `mode`. Not mkdirSync's own
 * `recursive`, which Node 20 retries without end where a parent exists but a child cannot be
 * made (ENOENT under /proc: NOMOS_STATE_DIR=/proc/x kept a hook spinning until the agent's
 * timeout let the tool run); here such a path is an error, and the caller fails closed.
 */
export function makeDirs(path: string, mode?: number): void {
  const missing: string[] = [];
  for (let dir = path; !isDir(dir); dir = dirname(dir)) {
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir, mode === undefined ? {} : { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !isDir(dir)) throw error;
    }
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
