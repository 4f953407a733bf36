import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isTrusted, trustLayer } from '../../src/config/trust.js';
import { layerAt } from '../../src/config/trust-layer.js';

const WORKER = resolve(import.meta.dirname, 'always-worker.ts');
const WRITERS = 6;
const EACH = 5;

function runWorker(configDir: string, project: string, writer: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, configDir, project, String(writer), String(EACH)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

const expected = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: EACH }, (_, i) => `always.w${w}-${i + 1}`)).flat().sort();
const ids = (file: string) => (parse(readFileSync(file, 'utf8')) as { rules: { id: string }[] }).rules.map((r) => r.id).filter((id) => id.startsWith('always.')).sort();

describe('"always" answered at once by several prompts (real processes)', () => {
  it(`${WRITERS} processes × ${EACH} answers into the user's rules.yaml keep every rule`, async () => {
    const configDir = join(realpathSync(mkdtempSync(join(tmpdir(), 'nomos-always-'))), 'config');
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, w) => runWorker(configDir, '-', w)));
    expect(results.map((r) => r.stderr)).toEqual(Array(WRITERS).fill(''));
    expect(ids(join(configDir, 'rules.yaml'))).toEqual(expected);
  }, 60_000);

  it(`${WRITERS} processes × ${EACH} answers into a trusted project config keep every rule, and the config stays trusted`, async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-always-')));
    const configDir = join(root, 'config');
    const file = join(root, '.nomosrc.yaml');
    writeFileSync(file, 'version: 1\nrules:\n  - id: first\n    match: { command: frob }\n    decision: allow\n');
    await trustLayer(configDir, layerAt(file).layer);
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, w) => runWorker(configDir, file, w)));
    expect(results.map((r) => r.stderr)).toEqual(Array(WRITERS).fill(''));
    expect(ids(file)).toEqual(expected);
    expect(await isTrusted(configDir, layerAt(file).layer)).toBe(true);
  }, 60_000);
});
