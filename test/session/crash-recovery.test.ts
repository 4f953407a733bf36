import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
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

  it('a write cut short by a file-size limit (as by a full disk) is never committed: the next call rolls it back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-short-'));
    const log = join(root, 'sessions', 's', 'events.jsonl');
    const record = (pad: number, limitBlocks?: number) => new Promise<number | null>((resolve) => {
      const args = [fixture('record.mjs'), root, 's', String(pad)];
      const child = limitBlocks === undefined
        ? spawn(process.execPath, args, { stdio: 'ignore' })
        : spawn('bash', ['-c', `ulimit -f ${limitBlocks}; exec "$0" "$@"`, process.execPath, ...args], { stdio: 'ignore' });
      child.on('close', resolve);
    });
    expect(await record(10)).toBe(0);
    // Fill the log to 200 bytes short of 4 KiB (a line is the first one's length plus its extra
    // padding), then let an event padded by 600 bytes meet a 4 KiB file-size limit.
    const first = statSync(log).size;
    expect(await record(4096 - 200 - first - (first - 10))).toBe(0);
    expect(4096 - statSync(log).size).toBeGreaterThan(100);
    expect(4096 - statSync(log).size).toBeLessThan(400);
    expect(await record(600, 4)).not.toBe(0);
    expect(statSync(log).size).toBe(4096); // cut short at the limit
    expect(await openCounts(root)).toBe('2 2');
  }, 60_000);

  it('a meta cut short by a file-size limit never replaces the committed one: the next call rolls the write back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-short-meta-'));
    // The meta keeps the last event (padded by 700 bytes) in its totals: more than 1 KiB, while the log line fits.
    const limited = spawn('bash', ['-c', 'ulimit -f 1; exec "$0" "$@"', process.execPath, fixture('record.mjs'), root, 's', '700'], { stdio: 'ignore' });
    expect(await new Promise((resolve) => limited.on('close', resolve))).not.toBe(0);
    expect(await openCounts(root)).toBe('0 0');
  }, 60_000);
});
