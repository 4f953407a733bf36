import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSession } from '../../src/session/store.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const EVENTS = 60_000;

function openCounts(root: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture('open.mjs'), root, 's'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

describe('rolling back a write cut short, itself killed (real processes)', () => {
  it('a process killed while it rebuilds the aggregates leaves them to be rebuilt, never counted as zero', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-rebuild-'));
    const event = { time: new Date().toISOString(), kind: 'http' as const, method: 'POST', host: 'pay', decision: 'allow' as const, rules: ['pay.charge'], tags: [], record: { amount: 1 } };
    withSession({ root }, 's', (s) => {
      s.view.count({ rule: 'pay.charge', decision: 'allow' });
      s.record(Array.from({ length: EVENTS }, () => event));
    });
    const dir = join(root, 'sessions', 's');
    // A write a crash cut short: bytes in the log past what the meta committed.
    appendFileSync(join(dir, 'events.jsonl'), '{"time":"torn');
    // The next call rolls it back: it cuts the log back, drops the aggregates and rebuilds
    // them from the whole log (long, for this many events). Killed in the middle of that:
    const child = spawn(process.execPath, [fixture('open.mjs'), root, 's'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 20_000;
    while (existsSync(join(dir, 'idx')) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dir, 'idx'))).toBe(false); // killed between dropping and rebuilding them
    expect(await openCounts(root)).toBe(`${EVENTS} ${EVENTS}`);
  }, 60_000);
});
