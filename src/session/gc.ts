import { existsSync, lstatSync, readdirSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { writeAtomic } from '../atomic-write.js';
import { basename, dirname, join } from 'node:path';
import { readJson } from './files.js';
import { LockGoneError, tryLock } from '../lock.js';
import { sessionsDir, type SessionMeta } from './store.js';

/** Expired sessions are looked for at most this often (a stamp file's mtime says when it last ran). */
const GC_EVERY_MS = 3_600_000;
/** A session being discarded is renamed to this prefix first (hidden from listing and from use). */
const DISCARDED = '.discarded-';

/**
 * Removes sessions idle past their TTL, lazily: at most once an hour, from whichever
 * call comes by. Each is removed under its lock, taken without waiting: a session in use is
 * left alone, and one written since it was first seen expired is kept.
 */
export function collectExpiredSessions(root: string, now = Date.now(), force = false): string[] {
  const dir = sessionsDir(root);
  if (!existsSync(dir)) return [];
  const stamp = join(dir, '.gc');
  if (!force && lastRun(stamp) > now - GC_EVERY_MS) return [];
  // Replaced, never written through: a link left at the stamp's name would have its target emptied.
  writeAtomic(stamp, '');
  utimesSync(stamp, new Date(now), new Date(now));
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    // A discard cut short by a crash: already renamed away, only its files remain.
    if (name.startsWith(DISCARDED)) rmSync(join(dir, name), { recursive: true, force: true });
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (!expired(path, now)) continue;
    const release = lockIfFree(join(path, 'session'));
    if (!release) continue;
    // Read again under the lock: a call may have written to it since the look above.
    const meta = expired(path, now);
    if (!meta) {
      release();
      continue;
    }
    discardLockedSession(path, release);
    removed.push(meta.id);
  }
  return removed;
}

/**
 * Removes a session whose lock the caller holds (`release` gives it back when it cannot be removed). Renamed away first, with the lock inside, so the
 * session is gone at once and whole: a call waiting for the lock starts a new session under the
 * old name, and never writes into files being deleted (its write would be lost) or finds half of them.
 */
export function discardLockedSession(path: string, release: () => void): void {
  const away = join(dirname(path), `${DISCARDED}${basename(path)}-${process.pid}-${Date.now()}`);
  try {
    renameSync(path, away);
  } catch (error) {
    release();
    throw error;
  }
  rmSync(away, { recursive: true, force: true });
}

/** The session's lock if it is free now; undefined when it is held, or the session is gone (another collection took it). */
function lockIfFree(target: string): (() => void) | undefined {
  try {
    return tryLock(target);
  } catch (error) {
    if (error instanceof LockGoneError) return undefined;
    throw error;
  }
}

/** The session's meta when it is idle past its TTL; undefined otherwise, or when damaged (reported when used, not silently deleted). */
function expired(path: string, now: number): SessionMeta | undefined {
  let meta: SessionMeta | undefined;
  try {
    meta = readJson<SessionMeta>(join(path, 'meta.json'));
  } catch {
    return undefined;
  }
  return meta && Date.parse(meta.lastActive) + meta.ttlMs < now ? meta : undefined;
}

/** When the stamp says collection last ran (epoch ms; 0 for never, or for anything but a file). */
function lastRun(stamp: string): number {
  try {
    const stat = lstatSync(stamp);
    return stat.isFile() ? stat.mtimeMs : 0;
  } catch {
    return 0;
  }
}
