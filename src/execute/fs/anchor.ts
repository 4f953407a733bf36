import { closeSync, constants, existsSync, fstatSync, openSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FsError } from './errors.js';

/** Linux names every open fd here; a path through it is resolved from the fd, like openat(2). */
const PROC_FD = '/proc/self/fd';
let procFd: boolean | undefined;
/** Whether /proc/self/fd exists here (looked up once, when a file is first opened: not at import). */
const hasProcFd = () => (procFd ??= existsSync(PROC_FD));

/** A directory held open after proving it is the directory that was checked. */
export interface Anchor {
  fd: number;
  /** A path to `name` inside the held directory that no later rename or symlink swap can redirect. */
  at(name: string): string;
  /** A path to the held directory itself. */
  self(): string;
  close(): void;
}

/** Hook for tests: runs between the decision and the open, where a racing process would act. */
export type RaceHook = () => void;

/**
 * Opens the directory `dir` (a real path, as resolveRealPath gave it) and proves the
 * open fd is that directory: on Linux by asking the kernel for the fd's path, so a
 * directory swapped for a symlink at any depth since the check is caught. Everything
 * after goes through the fd (`/proc/self/fd/N/name`), which closes the window between
 * check and use. Elsewhere the fd's identity is compared to a fresh realpath: the race
 * is narrowed, not closed (documented in docs/fs-http.md).
 */
export function anchorDirectory(dir: string): Anchor {
  let fd: number;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  } catch (e) {
    // The checked path was a real directory: ENOTDIR/ELOOP now mean a link or file took its place.
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') throw changed(dir, 'it is no longer a directory');
    throw changedOr(e, dir);
  }
  try {
    verifyHeld(fd, dir);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return {
    fd,
    at: (name) => (hasProcFd() ? `${PROC_FD}/${fd}/${name}` : join(dir, name)),
    self: () => (hasProcFd() ? `${PROC_FD}/${fd}` : dir),
    close: () => closeSync(fd),
  };
}

/** Proves an open fd is the file at `path` right now. */
export function verifyHeld(fd: number, path: string): void {
  if (hasProcFd()) {
    const held = readlinkSync(`${PROC_FD}/${fd}`);
    if (held !== path) throw changed(path, `it is now ${held}`);
    return;
  }
  const [a, b] = [fstatSync(fd), statSync(realpathSync(path))];
  if (a.dev !== b.dev || a.ino !== b.ino || realpathSync(path) !== path) throw changed(path, 'it is another file now');
}

/** ELOOP/ENOTDIR from O_NOFOLLOW/O_DIRECTORY mean a symlink now stands where a checked name stood. */
export function changedOr(error: unknown, path: string): FsError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return changed(path, 'it is a symbolic link now');
  return FsError.from(error, path);
}

function changed(path: string, now: string): FsError {
  return new FsError('ECHANGED', `${path} changed after it was checked (${now}); refusing to touch it`);
}
