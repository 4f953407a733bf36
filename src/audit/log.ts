import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { GENESIS, hashEvent } from './chain.js';

/** One audit event as written: versioned, linked to the previous by hash. */
export interface AuditEventInput {
  id: string;
  type: 'decision' | 'outcome';
  time: string;
  [field: string]: unknown;
}

/** An event as stored: the input plus version and chain links. */
export type AuditEvent = AuditEventInput & { v: 1; prev: string; hash: string };

/**
 * Appends one event to the hash-chained JSONL log. The file is opened for append, the
 * last event's hash read from its tail, and the line written in one write.
 */
export function appendAuditEvent(path: string, event: AuditEventInput): AuditEvent {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a+', 0o600);
  try {
    const prev = lastHash(fd);
    const full: AuditEvent = { v: 1, ...event, prev, hash: '' };
    full.hash = hashEvent(prev, full);
    writeSync(fd, `${JSON.stringify(full)}\n`);
    return full;
  } finally {
    closeSync(fd);
  }
}

function lastHash(fd: number): string {
  const size = fstatSync(fd).size;
  if (size === 0) return GENESIS;
  const length = Math.min(size, 64 * 1024);
  const buffer = Buffer.alloc(length);
  readSync(fd, buffer, 0, length, size - length);
  const lines = buffer.toString('utf8').split('\n').filter(Boolean);
  const last = lines[lines.length - 1];
  try {
    return (JSON.parse(last ?? '') as { hash?: string }).hash ?? GENESIS;
  } catch {
    return GENESIS;
  }
}
