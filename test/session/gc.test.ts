import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectExpiredSessions } from '../../src/session/gc.js';
import { withSession } from '../../src/session/store.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe('collecting expired sessions while they are written (real processes)', () => {
  it('a write made while an expired session is being removed is never lost nor left as a half session', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-gc-'));
    withSession({ root, ttlMs: 1 }, 'g', (s) => s.record([{ time: new Date().toISOString(), kind: 'exec', program: 'old', decision: 'allow', rules: [], tags: [], record: {} }]));
    // Enough files that removing the session takes a while: the writer comes in half-way.
    const bulk = join(root, 'sessions', 'g', 'bulk');
    mkdirSync(bulk);
    for (let i = 0; i < 20_000; i++) writeFileSync(join(bulk, String(i)), '');
    const at = Date.now() + 400;
    // The writer comes in once the removal has begun (whatever the machine's load), not at a set time.
    const writer = new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [fixture('write-at.mjs'), root, 'g', 'mid-removal', '20000'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', () => resolve(out));
    });
    while (Date.now() < at) await new Promise((r) => setTimeout(r, 1));
    let gcError = '';
    try {
      expect(collectExpiredSessions(root, Date.now(), true)).toEqual(['g']);
    } catch (error) {
      gcError = String((error as Error).message);
    }
    expect(await writer).toBe('recorded');
    expect(gcError).toBe('');
    // The late write is there, in a whole session (the expired one's history is gone).
    expect(withSession({ root }, 'g', (s) => s.recent(10).map((e) => e.program))).toEqual(['late']);
  }, 60_000);

  it('a call waiting for the lock of a session that is discarded meanwhile starts a new one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-gc-'));
    withSession({ root }, 'w', () => undefined);
    const dir = join(root, 'sessions', 'w');
    // This (live) process holds the lock, as a discard does.
    writeFileSync(join(dir, 'session.lock'), `${process.pid} - ${readlinkSync('/proc/self/ns/pid')} 1\n`);
    const writer = new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [fixture('write-at.mjs'), root, 'w', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', () => resolve(out));
    });
    await new Promise((r) => setTimeout(r, 500));
    renameSync(dir, join(root, 'sessions', '.discarded-w'));
    expect(await writer).toBe('recorded');
    expect(withSession({ root }, 'w', (s) => s.recent(10).map((e) => e.program))).toEqual(['late']);
  });
});
