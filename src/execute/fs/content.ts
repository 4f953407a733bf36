import { closeSync, constants, createReadStream, createWriteStream, fstatSync, ftruncateSync, openSync } from 'node:fs';
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
 * open succeeded, so a refused open has changed nothing.
 */
export function openChecked(path: string, mode: OpenMode, createMode = 0o666): number {
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
  if (mode === 'write') ftruncateSync(fd, 0);
  return fd;
}

/** Streams a checked file to `out` (binary safe, any size). Returns the bytes read. */
export async function streamFile(path: string, out: Writable): Promise<number> {
  const source = createReadStream('', { fd: openChecked(path, 'read'), highWaterMark: CHUNK });
  await pipeline(source, out, { end: false });
  return source.bytesRead;
}

/** Streams `input` into a checked file (write truncates, append appends). Returns the bytes written. */
export async function streamInto(path: string, mode: 'write' | 'append', input: Readable, createMode?: number): Promise<number> {
  const sink = createWriteStream('', { fd: openChecked(path, mode, createMode), highWaterMark: CHUNK });
  await pipeline(input, sink);
  return sink.bytesWritten;
}

/** Copies one checked file to another checked path, keeping the source's permission bits. */
export async function copyFile(source: string, target: string): Promise<number> {
  const fd = openChecked(source, 'read');
  const mode = fstatSync(fd).mode & 0o777;
  const from = createReadStream('', { fd, highWaterMark: CHUNK });
  return streamInto(target, 'write', from, mode);
}
