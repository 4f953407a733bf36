import { closeSync, constants, existsSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { makeDirs } from '../make-dirs.js';
import { GENESIS, canonicalJson, prepareBody, sealLine, type PreparedBody } from './chain.js';
import { EVENT_VERSION, type AuditEvent, type EventInput } from './event.js';
import { DEFAULT_MAX_BYTES, logFiles, openLogFile, openLogForReading, rotatedPath } from './files.js';
import { openHead, readHeadFd, writeHeadFd, type Head } from './head.js';
import { withLock } from '../lock.js';
import { readLogTail, type ChainPoint, type LogTail } from './tail-read.js';


/** How events are sealed and stored. */
export interface AppendOptions {
  /** HMAC key: with one, every event is sealed with HMAC-SHA256 instead of a plain hash. */
  key?: Buffer;
  /** Rotate the active file once it has reached this many bytes. */
  maxBytes?: number;
  lockTimeoutMs?: number;
}

/** Where the next event goes on, and what it must say about what it found. */
interface Continuation {
  point: ChainPoint;
  tail: LogTail;
  headMissing: boolean;
}

/**
 * Appends events to the hash-chained JSONL log as one critical section under an
 * inter-process lock: read where the chain ends, seal, write each line with one write,
 * then move the head. Parallel writers therefore keep the chain linear.
 */
export function appendEvents(path: string, inputs: EventInput[], options: AppendOptions = {}): AuditEvent[] {
  if (!existsSync(dirname(path))) makeDirs(dirname(path), 0o700);
  // Serialize outside the lock; under it only the chain fields are added and the line sealed.
  const prepared = inputs.map((input) => ({ input, body: prepareBody(input) }));
  return withLock(path, () => {
    const opened = openLogFile(path, constants.O_RDWR | constants.O_APPEND, 'log');
    let fd = opened.fd;
    const { size } = opened;
    let headFd: number;
    try {
      headFd = openHead(path);
    } catch (error) {
      closeSync(fd); // a daemon lives on after a refused head: no descriptor left behind
      throw error;
    }
    try {
      const next = continuation(path, readLogTail(fd, size), readHeadFd(headFd));
      const written: AuditEvent[] = [];
      if (size >= (options.maxBytes ?? DEFAULT_MAX_BYTES) && next.point.seq > 0 && !next.tail.torn) {
        closeSync(fd);
        const rotated = rotatedPath(path, next.point.seq);
        renameSync(path, rotated);
        fd = openLogFile(path, constants.O_RDWR | constants.O_APPEND, 'log').fd;
        next.tail = { clean: true };
        const marker = { id: `rotate-${next.point.seq + 1}`, type: 'rotate', time: new Date().toISOString(), previous: basename(rotated) };
        written.push(writeEvent(fd, next, { input: marker, body: prepareBody(marker) }, options.key));
      }
      for (const event of prepared) written.push(writeEvent(fd, next, event, options.key));
      writeHeadFd(headFd, next.point, options.key);
      return written;
    } finally {
      closeSync(headFd);
      closeSync(fd);
    }
  }, options.lockTimeoutMs);
}

/** Appends one event; see appendEvents. */
export function appendEvent(path: string, input: EventInput, options: AppendOptions = {}): AuditEvent {
  return appendEvents(path, [input], options)[0]!;
}

function writeEvent(fd: number, next: Continuation, event: { input: EventInput; body: PreparedBody }, key?: Buffer): AuditEvent {
  const chain: Record<string, unknown> = {
    v: EVENT_VERSION, seq: next.point.seq + 1, alg: key ? 'hmac-sha256' : 'sha256', prev: next.point.hash,
    ...(next.tail.torn ? { torn: next.tail.torn } : {}), ...(next.headMissing ? { head_missing: true } : {}),
  };
  const body = new Map(event.body);
  for (const [k, v] of Object.entries(chain)) body.set(k, canonicalJson(v));
  const { line, hash } = sealLine(body, key);
  writeAll(fd, `${next.tail.clean ? '' : '\n'}${line}\n`);
  next.point = { seq: chain.seq as number, hash };
  next.tail = { clean: true };
  next.headMissing = false;
  return { ...event.input, ...chain, hash } as AuditEvent;
}

/**
 * The chain goes on from the newer of the file's last event and the head. The head being
 * ahead means events were cut off the end (or the file was just rotated): linking to the
 * head keeps that gap visible to `verify` instead of papering over it.
 */
function continuation(path: string, tail: LogTail, head: Head | undefined): Continuation {
  const fromTail = tail.last ?? (head ? undefined : lastOfRotated(path));
  let point = fromTail ?? { seq: 0, hash: GENESIS };
  if (head && head.seq > point.seq) point = { seq: head.seq, hash: head.hash };
  return { point, tail, headMissing: !head && fromTail !== undefined };
}

function lastOfRotated(path: string): ChainPoint | undefined {
  const previous = logFiles(path).filter((f) => f !== path).at(-1);
  if (!previous) return undefined;
  const { fd, size } = openLogForReading(previous);
  try {
    return readLogTail(fd, size).last;
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const data = Buffer.from(text, 'utf8');
  for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
}
