import { readSync, writeSync } from 'node:fs';

/**
 * Set on `process` once some output went to a stream (below): bin/nomos.js then lets the
 * stream drain before the process ends, instead of exiting as soon as the call is answered.
 */
export const OUTPUT_ON_STREAM = Symbol.for('nomos.outputOnStream');

/**
 * Set on `process` when text for stdout could not be delivered (its reader has gone): a
 * hook's decision is on stdout, so bin/nomos.js then makes a hook exit 2 ("block") instead
 * of 0, which both agents read as "go ahead" when no decision arrives.
 */
export const STDOUT_LOST = Symbol.for('nomos.stdoutLost');

const flag = (symbol: symbol) => ((process as unknown as Record<symbol, boolean>)[symbol] = true);

/**
 * Writes text to a file descriptor synchronously, so a short-lived command never builds
 * process.stdout (its stream costs ~2 ms of start-up). A descriptor the caller made
 * non-blocking can refuse (EAGAIN): the rest, and all later text, goes through the
 * stream, so nothing is lost or reordered. A reader that has gone (EPIPE) gets nothing more.
 */
export function fdWriter(fd: number, stream: () => NodeJS.WritableStream): (text: string) => void {
  let viaStream = false;
  let closed = false;
  const lost = () => {
    closed = true;
    if (fd === 1) flag(STDOUT_LOST);
  };
  return (text) => {
    if (closed) return;
    if (viaStream) {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') lost();
      else if (code === 'EAGAIN') {
        viaStream = true;
        flag(OUTPUT_ON_STREAM);
        // The stream writes later: a reader gone by then is an 'error' event, not a throw.
        stream().on('error', lost);
        stream().write(bytes.subarray(offset));
      } else throw error;
    }
  };
}

/**
 * Reads a descriptor synchronously up to its end or `max` bytes (then `over`). A
 * non-blocking descriptor with nothing to read yet stops the read (`complete: false`):
 * the caller reads the rest from the stream.
 */
export function readFdSync(fd: number, max: number): { data: Buffer; complete: boolean; over: boolean } {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(65536);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return { data: Buffer.concat(chunks), complete: false, over: false };
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    size += n;
    if (size > max) return { data: Buffer.alloc(0), complete: true, over: true };
    chunks.push(chunk.subarray(0, n));
  }
  return { data: Buffer.concat(chunks), complete: true, over: false };
}
