import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleShaWasm, shaWasmSource } from '../../scripts/gen-sha-wasm.mjs';
import { digestWith, MAX_WASM_BYTES, sha1Hex, sha256Hex } from '../../src/hash.js';
import { randomUuid } from '../../src/random.js';
import { canonicalJson } from '../../src/audit/chain.js';
import fc from 'fast-check';

const BIN = resolve(import.meta.dirname, '../../bin/nomos.js');

// SHA-256 and SHA-1 run in WebAssembly (src/sha.wat): every path is held to node:crypto.
const node = (algorithm: 'sha256' | 'sha1', parts: (string | Uint8Array)[]) => {
  const h = createHash(algorithm);
  for (const part of parts) h.update(part);
  return h.digest('hex');
};

/** A random string with ASCII, 2-, 3- and 4-byte UTF-8 and a lone surrogate now and then. */
function randomText(length: number): string {
  const pick = ['a', 'Z', '0', ' ', '\n', '"', 'é', 'ß', '€', '✓', '𝄞', '😀', '\ud800', '\udc00'];
  let s = '';
  for (let i = 0; i < length; i++) s += pick[randomBytes(1)[0]! % (i % 7 === 0 ? pick.length : 4)]!;
  return s;
}

describe('sha256 and sha1 in WebAssembly', () => {
  it('match node:crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(length);
      for (const algorithm of ['sha256', 'sha1'] as const) expect(digestWith.wasm(algorithm, [bytes]), `${algorithm} ${length}`).toBe(node(algorithm, [bytes]));
    }
  });

  it('match node:crypto on strings (UTF-8, lone surrogates) and on parts mixed with bytes', () => {
    for (let run = 0; run < 300; run++) {
      const parts = Array.from({ length: 1 + (run % 4) }, (_, i) => (i % 2 ? randomBytes(run % 97) : randomText(run * 3)));
      for (const algorithm of ['sha256', 'sha1'] as const) expect(digestWith.wasm(algorithm, parts)).toBe(node(algorithm, parts));
    }
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('gives the same digests after a process\'s first hashes, when node:crypto takes over', () => {
    for (let i = 0; i < 200; i++) {
      const text = `${i}:${randomText(i)}`;
      expect(sha256Hex(text), String(i)).toBe(node('sha256', [text]));
      expect(sha1Hex(text)).toBe(node('sha1', [text]));
    }
  });

  it('hashes up to the module memory in WebAssembly and longer messages with node:crypto', () => {
    for (const length of [MAX_WASM_BYTES - 1, MAX_WASM_BYTES, MAX_WASM_BYTES + 1, 200_000]) {
      const text = 'x'.repeat(length);
      expect(sha256Hex(text), String(length)).toBe(node('sha256', [text]));
      expect(sha256Hex(text.slice(0, 10), text.slice(10))).toBe(node('sha256', [text]));
    }
    // A string whose UTF-8 is longer than its length must not be cut at the memory's end.
    const wide = '€'.repeat(Math.ceil(MAX_WASM_BYTES / 3) + 5);
    expect(sha256Hex(wide)).toBe(node('sha256', [wide]));
  });

  it('a log sealed in WebAssembly verifies where WebAssembly is off (--jitless: node:crypto)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nomos-hash-'));
    const env = { ...process.env, HOME: dir, NOMOS_STATE_DIR: join(dir, 'state'), NOMOS_AUDIT_LOG: join(dir, 'audit.jsonl'), NOMOS_SESSION: 's', NOMOS_DAEMON: 'off' };
    for (let i = 0; i < 3; i++) expect(spawnSync(process.execPath, [BIN, 'exec', '--', 'true'], { env, cwd: dir }).status).toBe(0);
    const wasmOff = spawnSync(process.execPath, ['--jitless', '-e', 'process.stdout.write(typeof WebAssembly)'], { encoding: 'utf8' });
    expect(wasmOff.stdout).toBe('undefined');
    const verify = (flags: string[]) => spawnSync(process.execPath, [...flags, BIN, 'audit', 'verify', '--json'], { env, cwd: dir, encoding: 'utf8' });
    for (const flags of [[], ['--jitless']]) {
      const r = verify(flags);
      expect(r.status, `${flags.join(' ')} ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, events: 6 });
    }
    // The check can fail: a record changed by one character breaks the chain on both paths.
    const log = join(dir, 'audit.jsonl');
    writeFileSync(log, readFileSync(log, 'utf8').replace('"exit_code":0', '"exit_code":1'));
    for (const flags of [[], ['--jitless']]) expect(verify(flags).status).toBe(1);
  });

  it('src/sha-wasm.ts is what src/sha.wat assembles to', async () => {
    expect(readFileSync(resolve(import.meta.dirname, '../../src/sha-wasm.ts'), 'utf8')).toBe(shaWasmSource(await assembleShaWasm()));
  });
});

describe('random UUIDs from /dev/urandom', () => {
  it('are version 4 UUIDs, all different', () => {
    const ids = Array.from({ length: 200 }, () => randomUuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('come from the kernel device only: /dev/zero bound over /dev/urandom gives node:crypto\'s ids, not zeros', () => {
    // A private mount namespace (unshare, as root): skipped where one cannot be made.
    const probe = spawnSync('unshare', ['--mount', 'true']);
    if (probe.status !== 0) return;
    const script = `import(${JSON.stringify(resolve(import.meta.dirname, '../../src/random.ts'))}).then((m) => process.stdout.write(m.randomUuid()))`;
    const r = spawnSync('unshare', ['--mount', 'sh', '-c', `mount --bind /dev/zero /dev/urandom && exec "$0" --import tsx -e "$1"`, process.execPath, script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.stdout).not.toBe('00000000-0000-4000-8000-000000000000');
  });

  it('set the version and variant bits of the bytes they are given, as crypto.randomUUID does', () => {
    expect(randomUuid(new Uint8Array(16).fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(randomUuid(new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000');
  });
});

describe('canonical JSON', () => {
  /** The first implementation: every log written so far was sealed over its bytes. */
  const reference = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  };

  it('gives the bytes the first implementation gave, for any value (logs already sealed still verify)', () => {
    const value = fc.anything({ withNullPrototype: true, withObjectString: false, key: fc.string({ unit: 'binary' }), stringUnit: 'binary', maxDepth: 4 });
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 2000 });
    expect(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: 'x' }], é: null, A: true })).toBe('{"A":true,"a":[null,{"c":"x"}],"b":1,"é":null}');
  });
});
