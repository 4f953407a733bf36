import { createHmac } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ChainPoint } from './tail-read.js';

/**
 * The head record `<log>.head`: the seq and hash of the newest event, rewritten after
 * every append. A hash chain alone cannot show that events were cut off its end; a log
 * that ends before its head does. With a key, the head carries an HMAC too.
 */
export interface Head extends ChainPoint {
  mac?: string;
}

/** Where the head of a log is kept. */
export function headPath(logPath: string): string {
  return `${logPath}.head`;
}

/** The HMAC a keyed head carries. */
export function headMac(point: ChainPoint, key: Buffer): string {
  return createHmac('sha256', key).update(`nomos-audit-head\n${point.seq}\n${point.hash}`).digest('hex');
}

/** Reads the head; undefined when there is none, `'invalid'` when it cannot be read as one. */
export function readHead(logPath: string): Head | 'invalid' | undefined {
  let text: string;
  try {
    text = readFileSync(headPath(logPath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const head = JSON.parse(text) as Head;
    return typeof head.seq === 'number' && typeof head.hash === 'string' ? head : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** Replaces the head atomically (write aside, rename over), so a crash leaves the old or the new one. */
export function writeHead(logPath: string, point: ChainPoint, key?: Buffer): void {
  const path = headPath(logPath);
  const head: Head = { seq: point.seq, hash: point.hash, ...(key ? { mac: headMac(point, key) } : {}) };
  writeFileSync(`${path}.tmp`, `${JSON.stringify(head)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
