import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { linkSync, mkdtempSync, readdirSync, readlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/hash.js';
import { withSession } from '../../src/session/store.js';

const holdLock = new URL('./fixtures/hold-lock.mjs', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];

/** A process that takes the session's lock, prints "locked" and holds it; `out()` is what it printed so far. */
function holder(root: string, id: string): { child: ChildProcess; out: () => string } {
  const child = spawn(process.execPath, [holdLock, root, id], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', () => undefined);
  return { child, out: () => out };
}

/** Writes `text` into a FIFO (blocks, in a shell, until a reader opens it). */
function feed(fifo: string, text: string): Promise<void> {
  return new Promise((resolve) => spawn('sh', ['-c', 'printf "%s" "$1" > "$0"', fifo, text]).on('close', () => resolve()));
}

async function until(check: () => boolean, ms = 5_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (check()) return true;
  return check();
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('breaking a stale lock (real processes)', () => {
  it('a breaker stalled inside the break (longer than any timeout) never lets two processes hold the lock', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-break-'));
    withSession({ root }, 'b', () => undefined);
    const dir = join(root, 'sessions', 'b');
    const lock = join(dir, 'session.lock');
    // A lock left by a dead process.
    const stale = `${spawnSync('true').pid} 1 ${readlinkSync('/proc/self/ns/pid')} 1\n`;
    // The lock is a FIFO at first: reading its owner blocks, which stalls breaker A exactly where a
    // SIGSTOP or a loaded machine could, inside the break, between "it is stale" and removing it.
    await new Promise((r) => spawn('mkfifo', [lock]).on('close', r));
    const fifo = join(dir, 'held-fifo');
    linkSync(lock, fifo);
    const a = holder(root, 'b');
    await feed(fifo, stale); // A's first look: stale, so it takes the break marker and looks again
    const marker = () => readdirSync(dir).find((n) => n.startsWith('session.lock.break'));
    expect(await until(() => marker() !== undefined)).toBe(true);
    // A is stalled reading the FIFO again. Meanwhile the stale lock is a plain file, and A's marker old.
    unlinkSync(lock);
    writeFileSync(lock, stale);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, marker()!), old, old);
    const b = holder(root, 'b');
    await sleep(1_500);
    // A goes on: it removes what it judged stale, and takes the lock.
    await feed(fifo, stale);
    expect(await until(() => a.out() === 'locked' || b.out() === 'locked')).toBe(true);
    await sleep(1_500);
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
