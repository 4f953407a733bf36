import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The newest `limit` events of the audit log, oldest first; reads only the file's tail. */
export function readAuditTail(path: string, limit: number): unknown[] {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  try {
    const size = fstatSync(fd).size;
    let length = Math.min(size, 64 * 1024);
    for (;;) {
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n').filter(Boolean);
      // The first line may be cut unless the read reached the start of the file.
      const whole = length === size ? lines : lines.slice(1);
      if (whole.length >= limit || length === size) return whole.slice(-limit).map((l) => JSON.parse(l) as unknown);
      length = Math.min(size, length * 4);
    }
  } finally {
    closeSync(fd);
  }
}
