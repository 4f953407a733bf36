import { accessSync, constants } from 'node:fs';

/** Whether this process may write in `path` (a file or directory). */
export function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
