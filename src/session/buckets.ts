import { sha1Hex } from '../hash.js';
import type { SessionEvent, SessionFilter } from '../policy/session-view.js';

/**
 * Running aggregates are kept per "bucket": a filter shape (its sorted keys) plus the
 * values. `session.count({kind:"file", op:"read", path: p})` is one bucket lookup, so
 * queries cost the same at 100 events or 100,000.
 */
export interface Bucket {
  count: number;
  sums: Record<string, number>;
  last?: SessionEvent;
}

/** The shape of a filter: its keys, sorted. The empty shape is the whole session. */
export function shapeOf(filter: SessionFilter = {}): string {
  return Object.keys(filter).sort().join(',');
}

/** The bucket key a filter reads. */
export function filterKey(filter: SessionFilter = {}): string {
  const shape = shapeOf(filter);
  return `${shape}|${JSON.stringify(shape ? shape.split(',').map((k) => filter[k]) : [])}`;
}

/** Every bucket key of a shape that an event falls into (one per rule id or tag it has). */
export function eventKeys(event: SessionEvent, shape: string): string[] {
  // Outcomes (exit codes) only count where a filter asks for them by kind.
  if (event.kind === 'outcome' && !shape.split(',').includes('kind')) return [];
  if (!shape) return [`|[]`];
  let combos: unknown[][] = [[]];
  for (const key of shape.split(',')) {
    const values = valuesOf(event, key);
    combos = combos.flatMap((combo) => values.map((v) => [...combo, v]));
  }
  return combos.map((values) => `${shape}|${JSON.stringify(values)}`);
}

function valuesOf(event: SessionEvent, key: string): unknown[] {
  if (key === 'rule') return event.rules;
  if (key === 'tag') return event.tags;
  if (key.startsWith('record.')) return key.slice(7) in event.record ? [event.record[key.slice(7)]] : [];
  const value = (event as unknown as Record<string, unknown>)[key];
  return value === undefined ? [] : [value];
}

/** Adds an event to a bucket. */
export function addToBucket(bucket: Bucket | undefined, event: SessionEvent): Bucket {
  const out: Bucket = bucket ?? { count: 0, sums: {} };
  out.count++;
  for (const [k, v] of Object.entries(event.record)) if (typeof v === 'number') out.sums[k] = (out.sums[k] ?? 0) + v;
  out.last = event;
  return out;
}

/** Which shard file holds a bucket (256 shards: a lookup reads one small file). */
export function shardOf(key: string): string {
  return sha1Hex(key).slice(0, 2);
}
