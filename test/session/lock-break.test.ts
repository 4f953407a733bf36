import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/hash.js';
import { withSession } from '../../src/session/store.js';

const holdLock = new URL('./fixtures/hold-lock.mjs', import.meta.url).pathname;
/** How long the breaker in the first test stalls. */
const STALL_MS = 3_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];

/**
 * A process that takes the session's lock, prints "locked" and holds it; `out()` is what it printed so far.
 * With `stallMs`, its first removal of the lock file (a breaker's, once it judged the lock stale) starts
 * that much later, as under a SIGSTOP or a loaded machine: strace's fault injection, in a process group of its own.
 */
function holder(root: string, id: string, stallMs?: number): { child: ChildProcess; out: () => string } {
  const argv = [process.execPath, holdLock, root, id];
  const lock = join(root, 'sessions', id, 'session.lock');
  const stall = ['-f', '-qq', '-o', '/dev/null', '-P', lock, '-e', 'trace=unlink,unlinkat', '-e', `inject=unlink,unlinkat:delay_enter=${(stallMs ?? 0) * 1000}:when=1`];
  const child = stallMs === undefined ? spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn('strace', [...stall, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', () => undefined);
  return { child, out: () => out };
}

async function until(check: () => boolean, ms = 5_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (check()) return true;
  return check();
}

afterEach(() => {
  // A group of its own is strace's (its tracee outlives it): the whole group goes.
  for (const child of children.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
});

describe('breaking a stale lock (real processes)', () => {
  it('a breaker stalled inside the break (longer than any timeout) never lets two processes hold the lock', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-break-'));
    withSession({ root }, 'b', () => undefined);
    const dir = join(root, 'sessions', 'b');
    const lock = join(dir, 'session.lock');
    // A lock left by a dead process.
    const stale = `${spawnSync('true').pid} 1 ${readlinkSync('/proc/self/ns/pid')} 1\n`;
    writeFileSync(lock, stale);
    // A judges it stale under its break marker, and stalls exactly where a SIGSTOP or a loaded
    // machine could, between "it is stale" and removing it.
    const a = holder(root, 'b', STALL_MS);
    const marker = () => readdirSync(dir).find((n) => n.startsWith('session.lock.break'));
    expect(await until(() => marker() !== undefined)).toBe(true);
    // A's stall ends at the latest STALL_MS from now (it began after the marker was made).
    const stallEnds = Date.now() + STALL_MS;
    // A is stalled. Meanwhile the stale lock is another file, and A's marker old.
    unlinkSync(lock);
    writeFileSync(lock, stale);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, marker()!), old, old);
    const b = holder(root, 'b');
    // A goes on: it removes what it judged stale, and takes the lock; B must not hold it too.
    expect(await until(() => a.out() === 'locked' || b.out() === 'locked', STALL_MS + 8_000)).toBe(true);
    await sleep(Math.max(0, stallEnds - Date.now()) + 1_500);
    expect([a.out(), b.out()].filter((o) => o === 'locked')).toHaveLength(1);
  }, 20_000);

  it('a marker left by a breaker killed mid-break is broken too, at once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-break-'));
    withSession({ root }, 'm', () => undefined);
    const lock = join(root, 'sessions', 'm', 'session.lock');
    const ns = readlinkSync('/proc/self/ns/pid');
    const stale = `${spawnSync('true').pid} 1 ${ns} 1\n`;
    writeFileSync(lock, stale);
    writeFileSync(`${lock}.break-${sha256Hex(stale).slice(0, 16)}`, `${spawnSync('true').pid} 1 ${ns} 1\n`);
    const started = Date.now();
    const h = holder(root, 'm');
    expect(await until(() => h.out() === 'locked')).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(readdirSync(join(root, 'sessions', 'm')).filter((n) => n.includes('.break'))).toEqual([]);
  });
});
