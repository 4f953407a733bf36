import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * The error for a path that is there but not a regular file. Reading a FIFO waits for a writer
 * that may never come, and a device may never end: nomos would hang, and an agent whose hook
 * times out goes ahead (docs/integrations.md). So such a file is refused, never read.
 */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(readonly path: string) {
    super(`${path} is not a regular file (a FIFO, socket or device: nomos reads only regular files)`);
  }
}

/**
 * Opens `path` for reading without blocking (O_NONBLOCK: a FIFO opens at once rather than waiting
 * for a writer) and refuses anything but a regular file. `noFollow` also refuses a symbolic link
 * (ELOOP), for files of nomos's own state. The caller closes the descriptor.
 */
export function openRegular(path: string, noFollow = false): { fd: number; size: number } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? constants.O_NOFOLLOW : 0));
  const stats = fstatSync(fd);
  if (stats.isFile()) return { fd, size: stats.size };
  closeSync(fd);
  throw new NotRegularFileError(path);
}

/** The whole content of a regular file (see openRegular); errors as readFileSync's, plus NotRegularFileError. */
export function readRegular(path: string, noFollow = false): Buffer {
  const { fd } = openRegular(path, noFollow);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
