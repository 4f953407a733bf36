import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/audit/event.js';
import { exportLine } from '../../src/audit/export.js';
import { logFiles } from '../../src/audit/files.js';
import { makeFilter, parseDecisions, parseTimeArg } from '../../src/audit/filter.js';
import { appendEvent } from '../../src/audit/log.js';
import { findDecision, verifyLog } from '../../src/audit/query.js';
import { readRecent } from '../../src/audit/read.js';
import { sampleDecision, writeSampleLog } from './fixtures.js';

const decision = (id: string, over: Record<string, unknown> = {}) => ({ ...sampleDecision(1), id, ...over }) as unknown as AuditEvent;
const outcome = (id: string, of: string) => ({ id, type: 'outcome', decision_id: of, session: 's1', time: '2025-01-01T00:00:02.000Z' }) as unknown as AuditEvent;

describe('selecting events', () => {
  it('keeps decisions by decision (final or evaluated), rule and session, with their outcomes', () => {
    const keep = makeFilter({ decisions: ['deny', 'ask'] });
    const events = [decision('a', { decision: 'allow' }), outcome('oa', 'a'), decision('b', { decision: 'deny' }), outcome('ob', 'b'), decision('c', { decision: 'allow', evaluated: 'ask' })];
    expect(events.filter(keep).map((e) => e.id)).toEqual(['b', 'ob', 'c']);
    const byRule = makeFilter({ rule: 'fs.rm' });
    expect([decision('x', { rules: [{ id: 'fs.rm' }] }), decision('y')].filter(byRule).map((e) => e.id)).toEqual(['x']);
    expect([decision('s', { session: 'other' }), decision('t')].filter(makeFilter({ session: 's1' })).map((e) => e.id)).toEqual(['t']);
  });

  it('reads relative and absolute times, and refuses what it cannot read', () => {
    const now = new Date('2025-01-02T00:00:00Z');
    expect(parseTimeArg('1h', now).toISOString()).toBe('2025-01-01T23:00:00.000Z');
    expect(parseTimeArg('2d', now).toISOString()).toBe('2024-12-31T00:00:00.000Z');
    expect(parseTimeArg('2025-01-01T12:00:00Z').toISOString()).toBe('2025-01-01T12:00:00.000Z');
    expect(() => parseTimeArg('yesterday')).toThrow(/invalid time/);
    expect(() => parseDecisions('deny,maybe')).toThrow(/unknown decision "maybe"/);
  });

  it('reads the newest N across rotated files, and finds a decision by a prefix of its id', () => {
    const path = writeSampleLog(1);
    for (let i = 2; i <= 30; i++) appendEvent(path, sampleDecision(i), { maxBytes: 3000 });
    expect(logFiles(path).length).toBeGreaterThan(2);
    const recent = readRecent(path, (e) => e.type === 'decision', 25);
    expect(recent.map((s) => s.event.id)).toEqual(Array.from({ length: 25 }, (_, k) => `d-${k + 6}`));
    expect(findDecision(path, 'd-17')).toMatchObject({ decision: { id: 'd-17' } });
    expect(findDecision(path, 'd-99')).toBeUndefined();
  });

  it('verifies named files as one chain and says what it could not check', () => {
    const path = writeSampleLog(1);
    for (let i = 2; i <= 30; i++) appendEvent(path, sampleDecision(i), { maxBytes: 3000 });
    const files = logFiles(path);
    const tailOnly = verifyLog(path, files.slice(1, -1), { head: true });
    expect(tailOnly.ok).toBe(true);
    expect(tailOnly.notes.join('\n')).toMatch(/starts at seq \d+; its link to earlier files was not checked[\s\S]*no head record beside/);
    expect(verifyLog(path, [files[0]!, files[2]!], { head: true }).problem).toMatchObject({ kind: 'deleted', file: files[2], line: 1 });
    expect(verifyLog(path, [], { head: true }).ok).toBe(true);
  });

  it('exports CSV with quoting and defused formulas, and CEF with escaping', () => {
    const stored = { event: decision('q', { request: '=cmd|"x",y', reason: 'a=b\nc|d' }), line: '' };
    const csv = exportLine(stored, 'csv');
    expect(csv).toContain(`"'=cmd|""x"",y"`);
    const cef = exportLine(stored, 'cef');
    expect(cef).toContain('request==cmd|"x",y'.replace('==', '=\\='));
    expect(cef).toContain('reason=a\\=b\\nc|d');
  });
});
