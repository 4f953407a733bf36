import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGrants } from '../../src/approval/session-grants.js';

const WORKER = resolve(import.meta.dirname, 'grant-worker.ts');

function runWorker(stateDir: string, writer: number, count: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, stateDir, String(writer), String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('session grants given at once (real processes)', () => {
  it('8 processes × 25 grants in one session keep all 200: none is lost to another writer', async () => {
    const stateDir = join(mkdtempSync(join(tmpdir(), 'nomos-grants-')), 'state');
    const results = await Promise.all(Array.from({ length: 8 }, (_, w) => runWorker(stateDir, w, 25)));
    expect(results.map((r) => r.stderr)).toEqual(Array(8).fill(''));
    expect(results.map((r) => r.code)).toEqual(Array(8).fill(0));
    const keys = readGrants(stateDir, 'one-session', Buffer.alloc(32, 7)).map((g) => g.key).sort();
    expect(keys).toEqual(Array.from({ length: 8 }, (_, w) => Array.from({ length: 25 }, (_, i) => `${w}-${i + 1}`)).flat().sort());
  }, 60_000);
});
