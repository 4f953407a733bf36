import { sha256Hex } from '../hash.js';
import { closeSync, constants, ftruncateSync, openSync, readSync, writeSync, existsSync } from 'node:fs';
import type { SessionEvent } from '../policy/session-view.js';
import { corrupted, readState, stateError } from './files.js';
import { openRegular } from '../regular-file.js';

/** An event as stored: sequence number and a hash chained to the previous line. */
export interface StoredEvent extends SessionEvent {
  seq: number;
  h: string;
}

/** Hash of an event line's body, chained to the previous hash. */
export function chain(prev: string, body: Omit<StoredEvent, 'h'>): string {
  return sha256Hex(prev, JSON.stringify(body)).slice(0, 32);
}

/** Appends events in one write; returns the new last hash. */
export function appendEvents(path: string, events: Omit<StoredEvent, 'h'>[], prevHash: string): string {
  let prev = prevHash;
  const lines = events.map((e) => {
    prev = chain(prev, e);
    return `${JSON.stringify({ ...e, h: prev })}\n`;
  });
  // No following a link planted after the store checked (the store refuses links): ELOOP fails closed.
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  try {
    // All of it, or an error before the meta commits it: a short write (disk full, file-size
    // limit) counted as written would commit a torn line and leave the session unusable.
    const data = Buffer.from(lines.join(''), 'utf8');
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
  } finally {
    closeSync(fd);
  }
  return prev;
}

/** Reads and verifies every event (used to rebuild indexes and by `session show --verify`). */
export function readAllEvents(path: string): StoredEvent[] {
  const data = readState(path);
  if (data === undefined) return [];
  const lines = data.toString('utf8').split('\n');
  if (lines.pop() !== '') throw corrupted(path, 'ends in a torn line');
  let prev = '';
  return lines.map((line, i) => {
    let event: StoredEvent;
    try {
      event = JSON.parse(line) as StoredEvent;
    } catch (cause) {
      throw corrupted(path, `line ${i + 1} is not valid JSON`, cause);
    }
    const { h, ...body } = event;
    prev = chain(prev, body);
    if (h !== prev) throw corrupted(path, `line ${i + 1} was modified, removed or reordered (hash chain broken)`);
    return event;
  });
}

/** The last `maxBytes` of the file as complete lines, newest last. */
export function readTail(path: string, maxBytes: number): { lines: string[]; reachedStart: boolean } {
  let opened;
  try {
    opened = openRegular(path, true);
  } catch (error) {
    throw stateError(path, error);
  }
  const { fd, size } = opened;
  try {
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    lines.pop();
    if (length < size) lines.shift(); // a partial first line
    return { lines, reachedStart: length === size };
  } finally {
    closeSync(fd);
  }
}

/** The last `n` complete lines (fewer if the file has fewer), reading back from 4 KB as far as needed. */
export function lastLines(path: string, n: number): { lines: string[]; reachedStart: boolean } {
  for (let bytes = 4096; ; bytes *= 4) {
    const tail = readTail(path, bytes);
    if (tail.lines.length >= n || tail.reachedStart) return { lines: tail.lines.slice(-n), reachedStart: tail.reachedStart && tail.lines.length <= n };
  }
}

/** Events newer than `cutoffMs`, reading backwards only as far as needed. */
export function eventsSince(path: string, cutoffMs: number): StoredEvent[] {
  if (!existsSync(path)) return [];
  for (let bytes = 64 * 1024; ; bytes *= 4) {
    const { lines, reachedStart } = readTail(path, bytes);
    const events = lines.map((l) => JSON.parse(l) as StoredEvent);
    const first = events[0];
    if (reachedStart || (first && Date.parse(first.time) < cutoffMs)) return events.filter((e) => Date.parse(e.time) >= cutoffMs);
  }
}

/** Cuts the file back to `size` bytes (drops a write a crash left uncommitted). */
export function truncateTo(path: string, size: number): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, constants.O_RDWR | constants.O_NOFOLLOW);
  try {
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}
