import { mkdtempSync, mkdirSync, readdirSync, symlinkSync, readFileSync, writeFileSync, appendFileSync, truncateSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/policy/session-view.js';
import { withSession, sessionDir } from '../../src/session/store.js';
import { shardOf } from '../../src/session/buckets.js';

let root: string;
beforeEach(() => {
  root = join(mkdtempSync(join(tmpdir(), 'nomos-session-')), 'state');
});

const ev = (over: Partial<SessionEvent>): SessionEvent => ({
  time: new Date().toISOString(), kind: 'exec', program: 'git', decision: 'allow', rules: [], tags: [], record: {}, ...over,
});

describe('session store', () => {
  it('counts, sums, finds and remembers the last event per filter', () => {
    withSession({ root }, 's1', (s) => {
      s.record([ev({ rules: ['pay.charge'], tags: ['money'], record: { amount: 300 } })]);
      s.record([ev({ rules: ['pay.charge'], tags: ['money'], record: { amount: 200 } }), ev({ kind: 'file', program: undefined, op: 'read', path: '/w/a' })]);
    });
    withSession({ root }, 's1', (s) => {
      expect(s.view.count()).toBe(3);
      expect(s.view.sum('amount')).toBe(500);
      expect(s.view.sum('record.amount', { rule: 'pay.charge' })).toBe(500);
      expect(s.view.count({ tag: 'money' })).toBe(2);
      expect(s.view.seen({ kind: 'file', op: 'read', path: '/w/a' })).toBe(true);
      expect(s.view.seen({ kind: 'file', op: 'read', path: '/w/b' })).toBe(false);
      expect(s.view.last({ rule: 'pay.charge' })?.record.amount).toBe(200);
      expect(s.meta.seq).toBe(3);
    });
  });

  it('keeps aggregates for a filter shape used for the first time after events exist, and going forward', () => {
    withSession({ root }, 's', (s) => s.record([ev({ program: 'rm' }), ev({ program: 'git' }), ev({ program: 'rm' })]));
    withSession({ root }, 's', (s) => expect(s.view.count({ program: 'rm' })).toBe(2));
    withSession({ root }, 's', (s) => s.record([ev({ program: 'rm' })]));
    withSession({ root }, 's', (s) => {
      expect(s.view.count({ program: 'rm' })).toBe(3);
      expect(s.meta.shapes).toEqual(['program']);
    });
  });

  it('does not count outcome events unless asked for by kind', () => {
    withSession({ root }, 's', (s) => s.record([ev({}), { time: new Date().toISOString(), kind: 'outcome', exit: 3, decision: 'allow', rules: [], tags: [], record: {} }]));
    withSession({ root }, 's', (s) => {
      expect(s.view.count()).toBe(1);
      expect(s.view.count({ kind: 'outcome' })).toBe(1);
      expect(s.view.last({ kind: 'outcome' })?.exit).toBe(3);
    });
  });

  it('answers since() from the recent part of the log only', () => {
    const old = new Date(Date.now() - 2 * 3_600_000).toISOString();
    withSession({ root }, 's', (s) => s.record([ev({ time: old }), ev({ time: old }), ev({})]));
    withSession({ root }, 's', (s) => {
      expect(s.view.since(3_600_000).count()).toBe(1);
      expect(s.view.since(3 * 3_600_000).count()).toBe(3);
    });
  });

  it('fails closed on a truncated event log', () => {
    withSession({ root }, 's', (s) => s.record([ev({}), ev({})]));
    const log = join(sessionDir(root, 's'), 'events.jsonl');
    truncateSync(log, readFileSync(log).length - 5);
    expect(() => withSession({ root }, 's', () => 0)).toThrow(/was truncated/);
  });

  it('fails closed on a modified last event and on damaged meta', () => {
    withSession({ root }, 's', (s) => s.record([ev({ record: { amount: 1 } })]));
    const log = join(sessionDir(root, 's'), 'events.jsonl');
    writeFileSync(log, readFileSync(log, 'utf8').replace('"amount":1', '"amount":9'));
    expect(() => withSession({ root }, 's', () => 0)).toThrow(/modified|never recorded|truncated/);
    writeFileSync(join(sessionDir(root, 's'), 'meta.json'), '{"v":1,');
    expect(() => withSession({ root }, 's', () => 0)).toThrow(/not valid JSON/);
  });

  it('fails closed on an aggregate shard that holds no object (null is not "nothing counted yet")', () => {
    withSession({ root }, 's', (s) => {
      s.view.count({ tag: 'push' });
      s.record([ev({ tags: ['push'] })]);
    });
    writeFileSync(join(sessionDir(root, 's'), 'idx', `${shardOf('tag|["push"]')}.json`), 'null');
    expect(() => withSession({ root }, 's', (s) => s.view.count({ tag: 'push' }))).toThrow(/does not hold a JSON object/);
  });

  it('refuses an aggregate directory that is a link: nothing is written where it leads', () => {
    withSession({ root }, 's', (s) => s.record([ev({ tags: ['push'] })]));
    const outside = mkdtempSync(join(tmpdir(), 'nomos-outside-'));
    symlinkSync(outside, join(sessionDir(root, 's'), 'idx'));
    expect(() => withSession({ root }, 's', (s) => s.view.count({ tag: 'push' }))).toThrow(/idx is a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('rolls back a write a crash cut short after the log and the aggregates were written, before the meta', () => {
    withSession({ root }, 's', (s) => {
      s.view.count({ program: 'git' }); // a shape with running aggregates, so the crash leaves them ahead too
      s.record([ev({ record: { amount: 5 } })]);
    });
    const dir = sessionDir(root, 's');
    const meta = readFileSync(join(dir, 'meta.json'), 'utf8');
    // What a kill before the meta is saved leaves: a whole new line and aggregates that count it.
    withSession({ root }, 's', (s) => s.record([ev({ record: { amount: 7 } })]));
    writeFileSync(join(dir, 'meta.json'), meta);
    withSession({ root }, 's', (s) => {
      expect(s.view.count()).toBe(1);
      expect(s.view.sum('amount')).toBe(5);
      expect(s.view.count({ program: 'git' })).toBe(1);
      expect(s.recent(5).map((e) => e.seq)).toEqual([1]);
    });
  });

  it('builds a new filter shape once even if a crash left its aggregates written but not committed', () => {
    withSession({ root }, 's', (s) => s.record([ev({ program: 'rm' }), ev({ program: 'rm' })]));
    const dir = sessionDir(root, 's');
    const meta = readFileSync(join(dir, 'meta.json'), 'utf8');
    withSession({ root }, 's', (s) => expect(s.view.count({ program: 'rm' })).toBe(2));
    writeFileSync(join(dir, 'meta.json'), meta); // the shape's aggregates are on disk, the meta does not list it
    withSession({ root }, 's', (s) => expect(s.view.count({ program: 'rm' })).toBe(2));
  });

  it('drops a write a crash left half done and rebuilds the aggregates exactly', () => {
    withSession({ root }, 's', (s) => {
      s.record([ev({ record: { amount: 5 } })]);
      expect(s.view.count({ program: 'git' })).toBe(1);
    });
    const dir = sessionDir(root, 's');
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    // What a SIGKILL between "pending" and "committed" leaves: the flag set and an extra line.
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ ...meta, pending: true }));
    appendFileSync(join(dir, 'events.jsonl'), '{"seq":2,"half":');
    withSession({ root }, 's', (s) => {
      expect(s.meta.pending).toBe(false);
      expect(s.view.count()).toBe(1);
      expect(s.view.sum('amount')).toBe(5);
      expect(s.view.count({ program: 'git' })).toBe(1);
      s.record([ev({ record: { amount: 7 } })]);
      expect(s.view.sum('amount')).toBe(12);
    });
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual([1, 2]);
  });

  it('keeps the whole-session totals in the meta: a write with no filter shapes touches no shard', () => {
    withSession({ root }, 's', (s) => s.record([ev({ record: { amount: 2 } }), ev({ record: { amount: 3 } })]));
    const dir = sessionDir(root, 's');
    expect(existsSync(join(dir, 'idx'))).toBe(false);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    expect({ count: meta.totals.count, sums: meta.totals.sums }).toEqual({ count: 2, sums: { amount: 5 } });
    withSession({ root }, 's', (s) => expect([s.view.count(), s.view.sum('amount')]).toEqual([2, 5]));
  });

  it('reads the totals of a session written before they were kept in the meta, and moves them there', () => {
    withSession({ root }, 's', (s) => s.record([ev({ record: { amount: 2 } }), ev({ record: { amount: 3 } })]));
    const dir = sessionDir(root, 's');
    const { totals, ...meta } = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    // The older layout: the empty filter's bucket in its shard, none in the meta.
    mkdirSync(join(dir, 'idx'));
    writeFileSync(join(dir, 'idx', `${shardOf('|[]')}.json`), JSON.stringify({ '|[]': totals }));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    withSession({ root }, 's', (s) => {
      expect([s.view.count(), s.view.sum('amount')]).toEqual([2, 5]);
      s.record([ev({ record: { amount: 4 } })]);
    });
    expect(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')).totals.count).toBe(3);
    withSession({ root }, 's', (s) => expect([s.view.count(), s.view.sum('amount')]).toEqual([3, 9]));
  });

  it('recounts totals an older nomos left behind (it writes the log and the meta, but not the totals it does not know)', () => {
    withSession({ root }, 's', (s) => s.record([ev({ record: { amount: 2 } })]));
    const dir = sessionDir(root, 's');
    const stale = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    withSession({ root }, 's', (s) => s.record([ev({ record: { amount: 3 } })]));
    const after = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    // What an older version leaves: its own event counted (in its shard), the totals as it found them.
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ ...after, totals: stale.totals, totalsAt: stale.totalsAt }));
    withSession({ root }, 's', (s) => expect([s.view.count(), s.view.sum('amount')]).toEqual([2, 5]));
  });

  it('refuses a state directory others can write to', () => {
    withSession({ root }, 's', () => 0);
    chmodSync(root, 0o777);
    expect(() => withSession({ root }, 's', () => 0)).toThrow(/group or world writable/);
  });
});
