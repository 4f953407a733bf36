import { closeSync, readSync, statSync, type Stats } from 'node:fs';
import { logFiles, openLogForReading } from './files.js';


/** Options of a follow: how often to look, and when to stop. */
export interface FollowOptions {
  signal: AbortSignal;
  intervalMs?: number;
  /** Byte offset in the current file to start at (the end, after printing the last lines). */
  from?: number;
}

interface Cursor {
  fd?: number;
  ino?: number;
  offset: number;
  /** Bytes of a line not yet whole (kept as bytes: a chunk may end inside a UTF-8 character). */
  partial: Buffer;
}

/**
 * Follows the active log like `tail -F`: new whole lines are passed on as they are
 * written; when the file is rotated away (another inode at the path) the rest of the
 * old file is read to its end before the new one is followed from its start.
 * Polling (not fs.watch) because it works the same on every filesystem.
 */
export async function followLog(path: string, onLine: (line: string) => void, options: FollowOptions): Promise<void> {
  const cursor: Cursor = { offset: options.from ?? 0, partial: Buffer.alloc(0) };
  try {
    while (!options.signal.aborted) {
      poll(path, cursor, onLine);
      await sleep(options.intervalMs ?? 200, options.signal);
    }
  } finally {
    if (cursor.fd !== undefined) closeSync(cursor.fd);
  }
}

function poll(path: string, cursor: Cursor, onLine: (line: string) => void): void {
  const stat = statOrUndefined(path);
  if (cursor.fd !== undefined && stat?.ino !== cursor.ino) {
    drain(cursor, onLine); // the rest of the rotated-away file
    closeSync(cursor.fd);
    // More than one rotation between two polls: files rotated after ours are read whole.
    for (const file of rotatedAfter(path, cursor.ino!)) readWhole(file, onLine);
    Object.assign(cursor, { fd: undefined, offset: 0, partial: Buffer.alloc(0) });
  }
  if (!stat) return;
  if (cursor.fd === undefined) Object.assign(cursor, { fd: openLogForReading(path).fd, ino: stat.ino });
  if (stat.size < cursor.offset) Object.assign(cursor, { offset: 0, partial: Buffer.alloc(0) }); // truncated in place
  drain(cursor, onLine);
}

/** Rotated files newer than the one with inode `ino`, oldest first. */
function rotatedAfter(path: string, ino: number): string[] {
  const rotated = logFiles(path).filter((f) => f !== path);
  const index = rotated.findIndex((f) => statOrUndefined(f)?.ino === ino);
  return index < 0 ? [] : rotated.slice(index + 1);
}

function readWhole(file: string, onLine: (line: string) => void): void {
  const cursor: Cursor = { fd: openLogForReading(file).fd, offset: 0, partial: Buffer.alloc(0) };
  try {
    drain(cursor, onLine);
  } finally {
    closeSync(cursor.fd!);
  }
}

function drain(cursor: Cursor, onLine: (line: string) => void): void {
  const buffer = Buffer.alloc(64 * 1024);
  for (let n = readSync(cursor.fd!, buffer, 0, buffer.length, cursor.offset); n > 0; n = readSync(cursor.fd!, buffer, 0, buffer.length, cursor.offset)) {
    cursor.offset += n;
    let data = Buffer.concat([cursor.partial, buffer.subarray(0, n)]);
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a)) {
      if (nl > 0) onLine(data.toString('utf8', 0, nl));
      data = data.subarray(nl + 1);
    }
    cursor.partial = Buffer.from(data);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
