import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealLine } from '../../src/audit/chain.js';
import { readHead, writeHead, type Head } from '../../src/audit/head.js';
import { verifyFiles } from '../../src/audit/verify.js';
import type { VerifyProblem } from '../../src/audit/verify-types.js';
import { writeSampleLog } from './fixtures.js';

const N = 1000;
let original: string[];
let path: string;

beforeAll(() => {
  path = writeSampleLog(N);
  original = readFileSync(path, 'utf8').split('\n').slice(0, -1);
});

function verifyText(text: string) {
  writeFileSync(path, text);
  return verifyFiles([path], { head: readHead(path), requireGenesis: true });
}

const verifyLines = (lines: string[]) => verifyText(lines.map((l) => `${l}\n`).join(''));

// First, middle and last events, and every 13th in between (all 1,000 take ~10× longer for no new case).
const POSITIONS = [...new Set([0, 1, 2, 498, 499, 500, 501, 997, 998, 999, ...Array.from({ length: 77 }, (_, k) => 3 + 13 * k)])];

/** Applies `tamper` at each sampled position and collects the positions where verify did not report `want`. */
function misses(tamper: (i: number) => string[] | string, want: (i: number) => Partial<VerifyProblem>, last = N - 1): string[] {
  const wrong: string[] = [];
  for (const i of POSITIONS.filter((p) => p <= last)) {
    const damaged = tamper(i);
    const problem = typeof damaged === 'string' ? verifyText(damaged).problem : verifyLines(damaged).problem;
    const expected = want(i);
    if (!problem || Object.entries(expected).some(([k, v]) => problem[k as keyof VerifyProblem] !== v)) {
      wrong.push(`${i}: want ${JSON.stringify(expected)}, got ${JSON.stringify(problem)}`);
    }
  }
  return wrong.slice(0, 5);
}

describe('audit verify on a log of 1,000 events: single-event tampering at first, middle, last and sampled positions, at the right line', () => {
  it('passes the untouched log', () => {
    const r = verifyLines(original);
    expect(r.problem).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.events).toBe(N);
  });

  it('finds each edit of one event', () => {
    const edit = (i: number) => original.map((l, k) => (k === i ? l.replace(/"request":"echo \d+/, '"request":"echo x') : l));
    expect(misses(edit, (i) => ({ kind: 'modified', line: i + 1 }))).toEqual([]);
  });

  it('finds each edit of one event that was re-sealed (hash recomputed)', () => {
    const reseal = (i: number) => original.map((l, k) => {
      if (k !== i) return l;
      const { hash: _h, ...body } = JSON.parse(l);
      return sealLine({ ...body, decision: 'allow', request: 'harmless' }).line;
    });
    expect(misses(reseal, (i) => ({ kind: 'modified', line: i + 1 }))).toEqual([]);
  });

  it('finds each deletion of one event at the line it stood on', () => {
    const del = (i: number) => original.filter((_, k) => k !== i);
    expect(misses(del, (i) => ({ kind: i === N - 1 ? 'truncated' : 'deleted', line: i + 1 }))).toEqual([]);
  });

  it('finds each swap of neighbours and of events far apart', () => {
    const swap = (i: number, j: number) => original.map((l, k) => (k === i ? original[j]! : k === j ? original[i]! : l));
    expect(misses((i) => swap(i, i + 1), (i) => ({ kind: 'reordered', line: i + 1 }), N - 2)).toEqual([]);
    expect(misses((i) => swap(i, (i + 400) % N), (i) => ({ kind: 'reordered', line: Math.min(i, (i + 400) % N) + 1 }))).toEqual([]);
  });

  it('finds each duplicated event at the copy', () => {
    const dup = (i: number) => [...original.slice(0, i + 1), original[i]!, ...original.slice(i + 1)];
    expect(misses(dup, (i) => ({ kind: 'duplicated', line: i + 2 }))).toEqual([]);
  });

  it('finds each truncation, at a line boundary and inside a line', () => {
    expect(misses((i) => original.slice(0, i), (i) => ({ kind: 'truncated', line: i + 1 }))).toEqual([]);
    const text = original.map((l) => `${l}\n`).join('');
    const cut = (i: number) => text.slice(0, original.slice(0, i).reduce((n, l) => n + l.length + 1, 0) + 40);
    expect(misses(cut, (i) => ({ kind: 'truncated', line: i + 1 }))).toEqual([]);
  });

  it('with a key, finds a chain rewritten without it and a head without a valid HMAC', () => {
    const key = Buffer.from('k'.repeat(32));
    const keyed = writeSampleLog(5, { key });
    expect(verifyFiles([keyed], { key, head: readHead(keyed), requireGenesis: true }).ok).toBe(true);
    expect(verifyFiles([keyed], { head: readHead(keyed), requireGenesis: true }).problem?.kind).toBe('needs-key');
    const unkeyed = writeSampleLog(5);
    expect(verifyFiles([unkeyed], { key, head: readHead(unkeyed), requireGenesis: true }).problem).toMatchObject({ kind: 'unauthenticated', line: 1 });
    const wrong = Buffer.from('w'.repeat(32));
    expect(verifyFiles([keyed], { key: wrong, head: readHead(keyed), requireGenesis: true }).problem).toMatchObject({ kind: 'modified', line: 1 });
    const head = readHead(keyed) as Head;
    for (const _slot of [0, 1]) writeHead(keyed, { seq: head.seq, hash: head.hash }); // both head slots rewritten without the key
    expect(verifyFiles([keyed], { key, head: readHead(keyed), requireGenesis: true }).problem).toMatchObject({ kind: 'modified', line: 6 });
  });
});
