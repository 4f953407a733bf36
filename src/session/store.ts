import { sha256Hex } from '../hash.js';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '../make-dirs.js';
import type { SessionEvent, SessionFilter, SessionView } from '../policy/session-view.js';
import { addToBucket, eventKeys, filterKey, shapeOf, shardOf, type Bucket } from './buckets.js';
import { appendEvents, chain, eventsSince, lastLines, readAllEvents, truncateTo, type StoredEvent } from './event-log.js';
import { corrupted, readJson, refuseLinks, writeAtomic } from './files.js';
import { LockGoneError, withLock } from '../lock.js';
import { ensurePrivateDir } from '../config/private-dir.js';
import { listSessionView } from '../policy/session-view.js';

/** A session's bookkeeping: what the event log holds and which aggregates are kept. */
export interface SessionMeta {
  v: 1;
  id: string;
  name?: string;
  created: string;
  lastActive: string;
  /** Idle time after which the session is removed. */
  ttlMs: number;
  /** Events recorded, bytes of the log they fill, and the last line's hash. */
  seq: number;
  size: number;
  lastHash: string;
  /**
   * Set while the aggregates are rebuilt after a write cut short (and by older versions while
   * writing): a write appends to the log first and saves the meta last, so a log longer than
   * `size` shows a write cut short; once the rollback has cut the log back, only this flag does.
   */
  pending: boolean;
  /** Filter shapes that have running aggregates. */
  shapes: string[];
  /**
   * The whole-session aggregate (the empty shape), saved with the meta: a write is one file
   * less than with it in its shard. Sessions written before it was kept here have it in their
   * shard until their next write moves it.
   */
  totals?: Bucket;
  /**
   * The `seq` the totals count up to. An older nomos on the same state directory keeps the meta's
   * other fields as it found them and counts in the shard: totals behind `seq` are rebuilt from the log.
   */
  totalsAt?: number;
}

/** Where sessions live and the clock. */
export interface StoreOptions {
  root: string;
  now?: () => number;
  ttlMs?: number;
  name?: string;
}

/** A session opened under its lock. */
export interface OpenSession {
  meta: SessionMeta;
  view: SessionView;
  record(events: SessionEvent[]): void;
  /** The whole-session aggregate: event count and sums of every recorded value. */
  totals(): Bucket | undefined;
  /** The newest events, newest last. */
  recent(n: number): StoredEvent[];
}

export const DEFAULT_TTL_MS = 24 * 3_600_000;

/** The bucket key of the whole session (the empty filter). */
const TOTALS_KEY = filterKey();

/** The directory holding all sessions. */
export const sessionsDir = (root: string) => join(root, 'sessions');

/** A session's own directory (ids that are not plain names are hashed). */
export function sessionDir(root: string, id: string): string {
  const safe = /^[A-Za-z0-9._-]{1,100}$/.test(id) && !id.startsWith('.') ? id : `h-${sha256Hex(id).slice(0, 32)}`;
  return join(sessionsDir(root), safe);
}

/** Runs `fn` with the session open under its inter-process lock: evaluate-and-record is one critical section. */
export function withSession<T>(options: StoreOptions, id: string, fn: (session: OpenSession) => T): T {
  ensurePrivateDir(options.root);
  ensurePrivateDir(sessionsDir(options.root));
  const dir = sessionDir(options.root, id);
  for (let attempt = 0; ; attempt++) {
    ensurePrivateDir(dir);
    try {
      return withLock(join(dir, 'session'), () => fn(openSession(dir, id, options)));
    } catch (error) {
      // Discarded (expired, or ended) while this call waited for its lock: a new session starts.
      if (!(error instanceof LockGoneError && error.path.startsWith(`${dir}/`)) || attempt >= 3) throw error;
    }
  }
}

function openSession(dir: string, id: string, options: StoreOptions): OpenSession {
  const now = options.now ?? Date.now;
  const paths = { meta: join(dir, 'meta.json'), log: join(dir, 'events.jsonl'), idx: join(dir, 'idx') };
  refuseLinks([paths.meta, paths.log, paths.idx]);
  const meta = checkMeta(paths.meta, readJson<SessionMeta>(paths.meta)) ?? newMeta(id, options, now());
  if (!existsSync(paths.meta) && existsSync(paths.log)) throw corrupted(paths.meta, 'is missing but the session has events');
  const shards = new Map<string, Record<string, Bucket>>();
  const dirty = new Set<string>();
  const shard = (name: string) => {
    if (!shards.has(name)) shards.set(name, readJson<Record<string, Bucket>>(join(paths.idx, `${name}.json`)) ?? {});
    return shards.get(name)!;
  };
  /** A bucket as committed: the totals from the meta (or an older session's shard), the rest from their shards. */
  const get = (key: string): Bucket | undefined => {
    if (key === TOTALS_KEY && meta.totals) return meta.totals;
    return shard(shardOf(key))[key];
  };
  /** Adds an event to its buckets; keys in `fresh` not seen yet start from nothing (a rebuild). */
  const add = (shape: string, event: SessionEvent, fresh?: Set<string>) => {
    for (const key of eventKeys(event, shape)) {
      const start = fresh && !fresh.has(key) ? (fresh.add(key), undefined) : get(key);
      const next = addToBucket(start, event);
      if (key === TOTALS_KEY) meta.totals = next;
      else {
        const name = shardOf(key);
        shard(name)[key] = next;
        dirty.add(name);
      }
    }
  };
  const flush = () => {
    if (dirty.size === 0) return;
    makeDirs(paths.idx, 0o700);
    for (const name of dirty) writeAtomic(join(paths.idx, `${name}.json`), JSON.stringify(shards.get(name)));
    dirty.clear();
  };
  const saveMeta = () => writeAtomic(paths.meta, JSON.stringify(meta));
  // A shape's buckets are built from the whole log, over whatever a crash left of an earlier try.
  const backfill = (shapes: string[]) => {
    const fresh = new Set<string>();
    for (const event of readAllEvents(paths.log)) for (const shape of shapes) add(shape, event, fresh);
  };
  // The log is appended to first and the meta saved last: a log longer than the meta says
  // is a write a crash cut short (or one from before the `pending` flag was dropped).
  let size = logSize(paths.log);
  if (meta.pending || size > meta.size) {
    // Drop its uncommitted tail and rebuild the aggregates. Marked pending first: once the log
    // is cut back nothing else shows the aggregates are being rebuilt, and a process killed
    // before the rebuild is saved would leave them missing (counted as zero).
    if (!meta.pending) {
      meta.pending = true;
      saveMeta();
    }
    truncateTo(paths.log, meta.size);
    rmSync(paths.idx, { recursive: true, force: true });
    shards.clear();
    delete meta.totals;
    backfill(['', ...meta.shapes]);
    flush();
    meta.totalsAt = meta.seq;
    meta.pending = false;
    saveMeta();
    size = logSize(paths.log);
  }
  checkLog(paths.log, meta, size);
  if (meta.totals && meta.totalsAt !== meta.seq) {
    delete meta.totals;
    backfill(['']);
    meta.totalsAt = meta.seq;
  }
  const bucket = (filter?: SessionFilter): Bucket | undefined => {
    const shape = shapeOf(filter);
    if (shape && !meta.shapes.includes(shape)) {
      backfill([shape]);
      flush();
      meta.shapes.push(shape);
      saveMeta();
    }
    return get(filterKey(filter));
  };
  const view = makeView(id, bucket, paths.log, now);
  const record = (events: SessionEvent[]) => {
    if (events.length === 0) return;
    const stored = events.map((e, i) => ({ ...e, seq: meta.seq + i + 1 }));
    meta.lastHash = appendEvents(paths.log, stored, meta.lastHash);
    for (const event of stored) for (const shape of ['', ...meta.shapes]) add(shape, event);
    flush();
    Object.assign(meta, { seq: meta.seq + events.length, size: statSync(paths.log).size, pending: false, lastActive: new Date(now()).toISOString() });
    if (meta.totals) meta.totalsAt = meta.seq;
    saveMeta();
  };
  if (!existsSync(paths.meta)) saveMeta();
  const recent = (n: number) => (meta.size ? lastLines(paths.log, n).lines.map((l) => JSON.parse(l) as StoredEvent) : []);
  return { meta, view, record, totals: () => bucket(), recent };
}

/**
 * A meta whose counts are not counts would cut the log back or count from nothing, and one with
 * no time of last use or TTL would never expire (or not list): fail closed.
 */
export function checkMeta(path: string, meta: SessionMeta | undefined): SessionMeta | undefined {
  if (!meta) return meta;
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  const valid = count(meta.seq) && count(meta.size) && typeof meta.lastHash === 'string' && Array.isArray(meta.shapes) && meta.shapes.every((s) => typeof s === 'string')
    && typeof meta.id === 'string' && typeof meta.lastActive === 'string' && typeof meta.ttlMs === 'number';
  if (!valid) throw corrupted(path, 'does not hold a session meta (id, lastActive, ttlMs, seq, size, lastHash, shapes)');
  return meta;
}

function logSize(log: string): number {
  return existsSync(log) ? statSync(log).size : 0;
}

function newMeta(id: string, options: StoreOptions, now: number): SessionMeta {
  const time = new Date(now).toISOString();
  return { v: 1, id, ...(options.name ? { name: options.name } : {}), created: time, lastActive: time, ttlMs: options.ttlMs ?? DEFAULT_TTL_MS, seq: 0, size: 0, lastHash: '', pending: false, shapes: [] };
}

/** The log must be exactly what the meta says was committed, ending in the recorded, intact event. */
function checkLog(log: string, meta: SessionMeta, size: number): void {
  if (size < meta.size) throw corrupted(log, `was truncated (${size} bytes, ${meta.size} recorded)`);
  if (size === 0) return;
  const { lines, reachedStart } = lastLines(log, 2);
  try {
    const last = JSON.parse(lines.at(-1) ?? '') as StoredEvent;
    const prev = lines.length >= 2 ? (JSON.parse(lines.at(-2)!) as StoredEvent).h : reachedStart ? '' : undefined;
    const { h, ...body } = last;
    if (h === meta.lastHash && (prev === undefined || chain(prev, body) === h)) return;
  } catch {
    // fall through: unparseable is modified
  }
  throw corrupted(log, 'does not end with the recorded event (modified)');
}

function makeView(id: string, bucket: (f?: SessionFilter) => Bucket | undefined, log: string, now: () => number): SessionView {
  return {
    id,
    count: (f) => bucket(f)?.count ?? 0,
    sum: (key, f) => bucket(f)?.sums[key.startsWith('record.') ? key.slice(7) : key] ?? 0,
    seen: (f) => (bucket(f)?.count ?? 0) > 0,
    last: (f) => bucket(f)?.last,
    // Windows read the log backwards only as far as the window reaches.
    since: (ms) => listSessionView(id, eventsSince(log, now() - ms), now),
  };
}
