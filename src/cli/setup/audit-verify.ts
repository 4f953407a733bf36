import { GENESIS, hashEvent } from '../../audit/chain.js';

/** The outcome of checking a log's hash chain: intact with N events, or the first broken line. */
export type ChainCheck = { ok: true; events: number } | { ok: false; line: number; problem: string };

/**
 * A minimal check of the audit hash chain, used by `nomos doctor` only when this version
 * has no `nomos audit verify`: every line parses, links to the previous hash, and hashes right.
 */
export function verifyAuditText(text: string): ChainCheck {
  const lines = text.split('\n');
  const torn = lines.pop() !== '';
  let prev = GENESIS;
  for (const [i, line] of lines.entries()) {
    const event = parseEvent(line);
    if (!event) return { ok: false, line: i + 1, problem: 'is not a JSON event (edited, or a torn write)' };
    if (event.prev !== prev) return { ok: false, line: i + 1, problem: 'does not link to the event before it (an event was deleted, inserted or reordered)' };
    if (hashEvent(prev, event) !== event.hash) return { ok: false, line: i + 1, problem: 'was modified after it was written (its hash does not match)' };
    prev = event.hash as string;
  }
  if (torn) return { ok: false, line: lines.length + 1, problem: 'is incomplete (the file does not end with a newline: a torn write or truncation)' };
  return { ok: true, events: lines.length };
}

function parseEvent(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
