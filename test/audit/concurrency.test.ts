import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHead } from '../../src/audit/head.js';
import { verifyFiles } from '../../src/audit/verify.js';
import { tempLog } from './fixtures.js';

const WORKER = resolve(import.meta.dirname, 'append-worker.ts');

function runWorker(path: string, writer: number, count: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, path, String(writer), String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('parallel appends from separate processes', () => {
  it('16 processes × 200 decisions give 3,200 whole lines in one linear chain that verifies', async () => {
    const path = tempLog();
    const results = await Promise.all(Array.from({ length: 16 }, (_, w) => runWorker(path, w, 200)));
    expect(results.map((r) => r.stderr)).toEqual(Array(16).fill(''));
    expect(results.map((r) => r.code)).toEqual(Array(16).fill(0));
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const events = lines.map((l) => JSON.parse(l)); // throws on any interleaved or torn line
    expect(events.length).toBe(3200);
    expect(events.filter((e) => e.type === 'decision').length).toBe(3200);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 3200 }, (_, i) => i + 1));
    for (let w = 0; w < 16; w++) {
      const mine = events.filter((e) => e.session === `writer-${w}`).map((e) => e.id);
      expect(mine).toEqual(Array.from({ length: 200 }, (_, i) => `${w}-${i + 1}`));
    }
    const result = verifyFiles([path], { head: readHead(path), requireGenesis: true });
    expect(result.problem).toBeUndefined();
    expect(result.events).toBe(3200);
  }, 120_000);
});
