import { createHash } from 'node:crypto';

/** JSON with keys sorted at every level: the bytes a hash is taken over. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of an event: over the previous hash and the event without its own hash. */
export function hashEvent(prev: string, event: Record<string, unknown>): string {
  const { hash: _omit, ...body } = event;
  return createHash('sha256').update(prev).update('\n').update(canonicalJson(body)).digest('hex');
}

/** The hash the first event of a chain links to. */
export const GENESIS = '0'.repeat(64);
