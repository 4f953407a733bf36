import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSession } from '../../src/session/store.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

function run(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture(script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

describe('session state under concurrency (real processes)', () => {
  it('20 parallel charges never overspend a 10,000 budget and allow exactly what a sequential run would', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-conc-'));
    const results = await Promise.all(Array.from({ length: 20 }, () => run('charge.mjs', [root, 'budget', '700', '10000'])));
    expect(results.filter((r) => r === 'allowed').length).toBe(Math.floor(10000 / 700));
    expect(results.filter((r) => r === 'denied').length).toBe(20 - 14);
    withSession({ root }, 'budget', (s) => {
      expect(s.view.sum('amount')).toBe(14 * 700);
      expect(s.view.count()).toBe(14);
      expect(s.meta.seq).toBe(14);
    });
  });

  it('recovers at once from a holder killed with SIGKILL, losing and duplicating nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-kill-'));
    withSession({ root }, 'k', (s) => s.record([{ time: new Date().toISOString(), kind: 'exec', program: 'before', decision: 'allow', rules: [], tags: [], record: {} }]));
    const child = spawn(process.execPath, [fixture('hold-lock.mjs'), root, 'k'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('locked') && resolve()));
    const waiter = run('charge.mjs', [root, 'k', '5', '100']);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    const started = Date.now();
    expect(await waiter).toBe('allowed');
    expect(Date.now() - started).toBeLessThan(5_000);
    withSession({ root }, 'k', (s) => {
      // The holder's committed event survives its death; every event is there exactly once.
      expect(s.recent(10).map((e) => e.program ?? e.method)).toEqual(['before', 'held', 'POST']);
      expect(s.recent(10).map((e) => e.seq)).toEqual([1, 2, 3]);
    });
  });

  it('recovers at once from a holder killed with SIGKILL that its parent has not reaped yet (a zombie)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-zombie-'));
    // sh starts the holder, then becomes `sleep`, which never waits for it: once killed, it stays a zombie.
    const parent = spawn('sh', ['-c', `"$0" "$1" "$2" z > "$2/out" & exec sleep 30`, process.execPath, fixture('hold-lock.mjs'), root], { stdio: 'ignore' });
    const lock = join(root, 'sessions', 'z', 'session.lock');
    const out = join(root, 'out');
    for (let i = 0; i < 400 && !(existsSync(out) && readFileSync(out, 'utf8') === 'locked'); i++) await new Promise((r) => setTimeout(r, 25));
    const holder = Number(readFileSync(lock, 'utf8').split(' ')[0]);
    process.kill(holder, 'SIGKILL');
    const state = () => readFileSync(`/proc/${holder}/stat`, 'utf8');
    for (let i = 0; i < 200 && !/\) Z /.test(state()); i++) await new Promise((r) => setTimeout(r, 10));
    expect(state()).toMatch(/\) Z /);
    const started = Date.now();
    expect(await run('charge.mjs', [root, 'z', '5', '100'])).toBe('allowed');
    expect(Date.now() - started).toBeLessThan(5_000);
    parent.kill('SIGKILL');
  });
});
