import { closeSync, constants, openSync, renameSync, writeSync } from 'node:fs';

/**
 * Writes a private file (0600) atomically: a killed process (or a full disk) leaves the old
 * content or the new, never half, because the data goes to a temp file that is renamed into place. No
 * fsync: what nomos writes this way is state and caches, not meant to survive a power loss.
 */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  // O_NOFOLLOW: a link planted at the temp name is not written through (ELOOP instead).
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
  try {
    // All of it, or an error before the rename: a short write (disk full, file-size limit)
    // renamed into place would replace the whole old content with a torn one.
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
