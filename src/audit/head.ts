import { hmacSha256Hex } from '../hash.js';
import { sha256Hex } from './chain.js';
import { closeSync, constants, readSync, writeSync } from 'node:fs';
import { openLogFile, openLogForReading } from './files.js';
import type { ChainPoint } from './tail-read.js';


/**
 * The head record `<log>.head`: the seq and hash of the newest event, updated after
 * every append. A hash chain alone cannot show that events were cut off its end; a log
 * that ends before its head does. With a key, the head carries an HMAC too.
 */
export interface Head extends ChainPoint {
  mac?: string;
}

// Two fixed slots written in place, alternately: a crash mid-write spoils at most the
// slot being written and the other still holds the previous head. (Replacing the file
// by rename or truncation makes ext4 flush data at once: 50× slower per append.)
const SLOT = 256;

/** Where the head of a log is kept. */
export function headPath(logPath: string): string {
  return `${logPath}.head`;
}

/** The HMAC a keyed head carries. */
export function headMac(point: ChainPoint, key: Buffer): string {
  return hmacSha256Hex(key, `nomos-audit-head\n${point.seq}\n${point.hash}`);
}

/** Reads the head; undefined when there is none, `'invalid'` when neither slot holds one. */
export function readHead(logPath: string): Head | 'invalid' | undefined {
  let fd: number;
  try {
    fd = openLogForReading(headPath(logPath), 'head').fd;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return readHeadFd(fd) ?? 'invalid';
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens (creating) the head for reading and updating within one append. Never through a link:
 * the slots are written in place, over the first bytes of whatever file a link leads to.
 */
export function openHead(logPath: string): number {
  return openLogFile(headPath(logPath), constants.O_RDWR, 'head').fd;
}

/** The newest valid slot of an open head; undefined when it has none (new, or both slots spoilt). */
export function readHeadFd(fd: number): Head | undefined {
  const [a, b] = readSlots(fd);
  if (!a || !b) return a ?? b;
  return a.seq >= b.seq ? a : b;
}

/** Writes the head into the slot not holding the newest one. */
export function writeHead(logPath: string, point: ChainPoint, key?: Buffer): void {
  const fd = openHead(logPath);
  try {
    writeHeadFd(fd, point, key);
  } finally {
    closeSync(fd);
  }
}

/** writeHead on an open head. */
export function writeHeadFd(fd: number, point: ChainPoint, key?: Buffer): void {
  const slots = readSlots(fd);
  const target = (slots[0]?.seq ?? -1) <= (slots[1]?.seq ?? -1) ? 0 : 1;
  const head: Head = { seq: point.seq, hash: point.hash, ...(key ? { mac: headMac(point, key) } : {}) };
  const text = JSON.stringify({ ...head, check: check(head) }).padEnd(SLOT - 1);
  writeSync(fd, `${text}\n`, target * SLOT);
}

function readSlots(fd: number): (Head | undefined)[] {
  const buffer = Buffer.alloc(2 * SLOT);
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  return [0, 1].map((i) => parseSlot(buffer.toString('utf8', i * SLOT, Math.min(n, (i + 1) * SLOT))));
}

function parseSlot(text: string): Head | undefined {
  try {
    const { check: sum, ...head } = JSON.parse(text) as Head & { check?: string };
    return typeof head.seq === 'number' && typeof head.hash === 'string' && sum === check(head) ? head : undefined;
  } catch {
    return undefined;
  }
}

/** A checksum that tells a whole slot from a torn one. */
function check(head: Head): string {
  return sha256Hex(`${head.seq}\n${head.hash}\n${head.mac ?? ''}`).slice(0, 16);
}
