import { existsSync, lstatSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { writeAtomic } from '../atomic-write.js';
import { join } from 'node:path';
import { readJson } from './files.js';
import { sessionsDir, type SessionMeta } from './store.js';

/** Expired sessions are looked for at most this often (a stamp file's mtime says when it last ran). */
const GC_EVERY_MS = 3_600_000;

/**
 * Removes sessions idle past their TTL, lazily: at most once an hour, from whichever
 * call comes by. A session whose lock is held is in use and is left alone.
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
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let meta: SessionMeta | undefined;
    try {
      meta = readJson<SessionMeta>(join(path, 'meta.json'));
    } catch {
      continue; // damaged sessions are reported when used, not silently deleted
    }
    if (!meta || existsSync(join(path, 'session.lock'))) continue;
    if (Date.parse(meta.lastActive) + meta.ttlMs < now) {
      rmSync(path, { recursive: true, force: true });
      removed.push(meta.id);
    }
  }
  return removed;
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
