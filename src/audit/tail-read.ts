import { readSync } from 'node:fs';

/** The chain position the next event continues from. */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/** What the end of a log file holds: its last whole event and any torn bytes after it. */
export interface LogTail {
  last?: ChainPoint;
  /** Bytes after the last event that are not an event (a write cut short), and in how many lines. */
  torn?: { lines: number; bytes: number };
  /** True when the file is empty or ends with a newline. */
  clean: boolean;
}

// Most events fit the first small read; longer ones are read back in growing chunks.
const FIRST_CHUNK = 4096;
const CHUNK = 64 * 1024;

/**
 * Reads a log backwards from `size` to its last parseable event. Anything after that
 * event (an unterminated part of a line included) is a torn write, a process killed mid-write;
 * it is measured so the next append can step over it on a fresh line and say so in the chain.
 */
export function readLogTail(fd: number, size: number): LogTail {
  const torn = { lines: 0, bytes: 0 };
  let clean = true;
  let first = true;
  let last: ChainPoint | undefined;
  for (const line of linesBackward(fd, size)) {
    const terminated = !first;
    if (first) clean = line.length === 0;
    first = false;
    if (!terminated && line.length === 0) continue;
    // An unterminated line that is a whole event lost only its newline (no prefix of an event
    // line is itself an object): it is the last event, and the next one starts on a new line.
    last = parsePoint(line);
    if (last) break;
    [torn.lines, torn.bytes] = [torn.lines + 1, torn.bytes + line.length];
  }
  return { clean, ...(last ? { last } : {}), ...(torn.lines ? { torn } : {}) };
}

/** The file's lines from last to first, without newlines; the first one yielded is what follows the last newline. */
function* linesBackward(fd: number, size: number): Generator<Buffer> {
  let rest = Buffer.alloc(0);
  for (let end = size, step = FIRST_CHUNK; end > 0; step = CHUNK) {
    const start = Math.max(0, end - step);
    const chunk = Buffer.allocUnsafe(end - start);
    if (readSync(fd, chunk, 0, chunk.length, start) !== chunk.length) throw new Error('audit log shrank while being read');
    let data = rest.length ? Buffer.concat([chunk, rest]) : chunk;
    for (let nl = data.lastIndexOf(0x0a); nl >= 0; nl = data.lastIndexOf(0x0a)) {
      yield data.subarray(nl + 1);
      data = data.subarray(0, nl);
    }
    rest = data;
    end = start;
  }
  if (size > 0) yield rest;
}

function parsePoint(line: Buffer): ChainPoint | undefined {
  const text = line.toString('utf8');
  if (!text.startsWith('{')) return undefined;
  try {
    const event = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    if (typeof event.seq === 'number' && typeof event.hash === 'string') return { seq: event.seq, hash: event.hash };
  } catch {
    // not an event: part of a torn write
  }
  return undefined;
}
