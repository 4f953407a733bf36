import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, readlinkSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sealBytes, unsealLine } from '../../src/audit/chain.js';
import { appendEvent } from '../../src/audit/log.js';
import { logFiles } from '../../src/audit/files.js';
import { readHead } from '../../src/audit/head.js';
import { LockTimeoutError } from '../../src/lock.js';
import { processStartTime } from '../../src/session/identity.js';
import { verifyFiles } from '../../src/audit/verify.js';
import { sampleDecision, writeSampleLog } from './fixtures.js';

const verifyAll = (path: string) => verifyFiles(logFiles(path), { head: readHead(path), requireGenesis: true });
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

describe('appending to the audit log', () => {
  it('writes each line as the canonical JSON of its event, hash last, so anyone can re-derive the sealed bytes', () => {
    const path = writeSampleLog(3);
    for (const line of lines(path)) {
      const { hash, ...body } = JSON.parse(line);
      expect(unsealLine(line)).toEqual({ canonical: canonicalJson(body), hash });
      expect(sealBytes(body.prev, canonicalJson(body))).toBe(hash);
    }
  });

  it('reports a torn last line as truncated, and the next append steps over it on a clean line', () => {
    const path = writeSampleLog(3);
    const fragment = '{"actions":[{"argv":["echo","4"';
    appendFileSync(path, fragment); // a writer killed mid-write
    expect(verifyAll(path).problem).toMatchObject({ kind: 'truncated', line: 4 });
    const next = appendEvent(path, sampleDecision(4));
    expect(next).toMatchObject({ seq: 4, torn: { lines: 1, bytes: Buffer.byteLength(fragment) } });
    expect(next.prev).toBe(JSON.parse(lines(path)[2]!).hash);
    expect(lines(path)[3]).toBe(fragment);
    const result = verifyAll(path);
    expect(result.problem).toBeUndefined();
    expect(result.events).toBe(4);
    expect(result.notes.join('\n')).toContain(':4: a torn write');
  });

  it('refuses a torn line that the next event does not account for (an inserted line)', () => {
    const path = writeSampleLog(3);
    const text = readFileSync(path, 'utf8').split('\n');
    text.splice(1, 0, 'garbage');
    writeFileSync(path, text.join('\n'));
    expect(verifyAll(path).problem).toMatchObject({ kind: 'malformed', line: 2 });
  });

  it('links to the head when events were cut off the end, so the gap stays visible', () => {
    const path = writeSampleLog(10);
    const keep = lines(path).slice(0, 7).map((l) => `${l}\n`).join('');
    truncateSync(path, Buffer.byteLength(keep));
    const next = appendEvent(path, sampleDecision(11));
    expect(next.seq).toBe(11);
    expect(verifyAll(path).problem).toMatchObject({ kind: 'deleted', line: 8 });
  });

  it('marks an event written while the head was missing, and verify flags it', () => {
    const path = writeSampleLog(5);
    rmSync(`${path}.head`);
    expect(appendEvent(path, sampleDecision(6)).head_missing).toBe(true);
    expect(verifyAll(path).problem).toMatchObject({ kind: 'truncated', line: 6 });
  });

  it('rotates by size; each new file starts with the last hash of the previous one', () => {
    const path = writeSampleLog(1);
    for (let i = 2; i <= 40; i++) appendEvent(path, sampleDecision(i), { maxBytes: 4000 });
    const files = logFiles(path);
    expect(files.length).toBeGreaterThan(3);
    expect(files.at(-1)).toBe(path);
    for (let f = 1; f < files.length; f++) {
      const first = JSON.parse(lines(files[f]!)[0]!);
      const previousLast = JSON.parse(lines(files[f - 1]!).at(-1)!);
      expect(first).toMatchObject({ type: 'rotate', previous: basename(files[f - 1]!), prev: previousLast.hash, seq: previousLast.seq + 1 });
    }
    const result = verifyAll(path);
    expect(result.problem).toBeUndefined();
    expect(result.events).toBe(40 + files.length - 1);
    rmSync(files[1]!); // a whole rotated file removed
    expect(verifyAll(path).problem).toMatchObject({ kind: 'deleted', file: files[2], line: 1 });
  });
});

describe('the append lock', () => {
  it('breaks a lock left by a process that died holding it, at once', () => {
    const path = writeSampleLog(1);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${path}.lock`, `${dead.stdout} 123 ${pidNamespace()}\n`);
    const started = Date.now();
    expect(appendEvent(path, sampleDecision(2), { lockTimeoutMs: 2000 }).seq).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('breaks a lock of an owner it cannot check (another pid namespace) only once it is old', () => {
    const path = writeSampleLog(1);
    writeFileSync(`${path}.lock`, `1 1 pid:[elsewhere]\n`);
    expect(() => appendEvent(path, sampleDecision(2), { lockTimeoutMs: 200 })).toThrow(LockTimeoutError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect(appendEvent(path, sampleDecision(2), { lockTimeoutMs: 2000 }).seq).toBe(2);
  });

  it('waits for a live holder and then fails closed with a clear error', () => {
    const path = writeSampleLog(1);
    writeFileSync(`${path}.lock`, `${process.pid} ${processStartTime(process.pid) ?? '-'} ${pidNamespace()}\n`);
    expect(() => appendEvent(path, sampleDecision(2), { lockTimeoutMs: 300 })).toThrow(LockTimeoutError);
    expect(lines(path).length).toBe(1);
  });
});

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return 'no-proc';
  }
}
