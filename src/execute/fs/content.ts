import { closeSync, constants, createReadStream, createWriteStream, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { anchorDirectory, changedOr } from './anchor.js';
import { FsError } from './errors.js';

/** Large reads stream in 1 MiB chunks: few syscalls, flat memory, any size. */
const CHUNK = 1 << 20;

/** How an opened file is used. */
export type OpenMode = 'read' | 'write' | 'append';

const FLAGS: Record<OpenMode, number> = {
  read: constants.O_RDONLY,
  write: constants.O_WRONLY | constants.O_CREAT,
  append: constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND,
};

/**
 * Opens the checked real path `path` through its held parent directory, never
 * following a symlink in the last component (O_NOFOLLOW): a link planted there since
 * the check fails with ELOOP instead of being followed. Writes truncate only after the
 * open succeeded, so a refused open has changed nothing. A file opened to be changed that
 * has other names (hard links) now, and had none when it was decided (`linked` false), is
 * refused: a hard link renamed over the checked name would take the write to another file.
 */
export function openChecked(path: string, mode: OpenMode, createMode = 0o666, linked = false): number {
  const anchor = anchorDirectory(dirname(path));
  let fd: number;
  try {
    fd = openSync(anchor.at(basename(path)), FLAGS[mode] | constants.O_NOFOLLOW, createMode);
  } catch (e) {
    throw changedOr(e, path);
  } finally {
    anchor.close();
  }
  const stat = fstatSync(fd);
  if (stat.isDirectory()) {
    closeSync(fd);
    throw new FsError('EISDIR', `${path}: is a directory`);
  }
  if (mode !== 'read' && stat.nlink > 1 && !linked) {
    closeSync(fd);
    throw new FsError('ECHANGED', `${path} changed after it was checked (it has other names now: hard links); refusing to touch it`);
  }
  if (mode === 'write') ftruncateSync(fd, 0);
  return fd;
}

/**
 * Streams a checked file to `out` (binary safe, any size). Returns the bytes read, and
 * whether the reader closed the output early (`nomos fs read f | head`: not an error).
 * With `fd` (the process's own stdout), plain read/write calls on the descriptors, about
 * a third faster than a stream pipeline (bench/io.mjs); the stream takes over if the
 * descriptor refuses (non-blocking and full).
 */
export async function streamFile(path: string, out: () => Writable, fd?: number): Promise<{ bytes: number; closed?: true }> {
  const file = openChecked(path, 'read');
  let bytes = 0;
  try {
    if (fd !== undefined) {
      const direct = await copyToFd(file, fd);
      if (direct.done) return direct.closed ? { bytes: direct.bytes, closed: true } : { bytes: direct.bytes };
      bytes = direct.bytes;
    }
    const source = createReadStream('', { fd: file, highWaterMark: CHUNK, start: bytes });
    try {
      await pipeline(source, out(), { end: false });
    } finally {
      bytes += source.bytesRead;
    }
    return { bytes };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return { bytes, closed: true };
    throw error;
  }
}

/**
 * Copies the file `from` from its start to the descriptor `to` in 1 MiB chunks, yielding
 * to the event loop between chunks so signals are still handled. Stops without losing a
 * byte when `to` is non-blocking and full (EAGAIN): `done: false` and `bytes` (what was
 * written) say where the caller must go on from; a reader that has gone (EPIPE) ends
 * the copy (`closed`). Closes `from` when done or failed.
 */
async function copyToFd(from: number, to: number): Promise<{ bytes: number; done: boolean; closed?: boolean }> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let bytes = 0;
  let done = false;
  try {
    for (;;) {
      const n = readSync(from, buffer, 0, CHUNK, bytes);
      if (n === 0) return { bytes, done: (done = true) };
      let written = 0;
      try {
        while (written < n) written += writeSync(to, buffer, written, n - written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') return { bytes: bytes + written, done: (done = true), closed: true };
        if (code !== 'EAGAIN') throw error;
        return { bytes: bytes + written, done };
      }
      bytes += n;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    done = true;
    throw error;
  } finally {
    if (done) closeSync(from);
  }
}

/** Streams `input` into a checked file (write truncates, append appends). Returns the bytes written. */
export async function streamInto(path: string, mode: 'write' | 'append', input: Readable, createMode?: number, linked = false): Promise<number> {
  const sink = createWriteStream('', { fd: openChecked(path, mode, createMode, linked), highWaterMark: CHUNK });
  await pipeline(input, sink);
  return sink.bytesWritten;
}

/** Copies one checked file to another checked path, keeping the source's permission bits. */
export async function copyFile(source: string, target: string, linked = false): Promise<number> {
  const fd = openChecked(source, 'read');
  const mode = fstatSync(fd).mode & 0o777;
  const from = createReadStream('', { fd, highWaterMark: CHUNK });
  return streamInto(target, 'write', from, mode, linked);
}
