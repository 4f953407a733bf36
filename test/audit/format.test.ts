import { describe, expect, it } from 'vitest';
import type { DecisionEvent, OutcomeEvent } from '../../src/audit/event.js';
import { formatEventLine, type Paint } from '../../src/audit/format.js';
import { textWidth } from '../../src/text-width.js';

const plain: Paint = { red: (t) => t, green: (t) => t, yellow: (t) => t, cyan: (t) => t, dim: (t) => t, bold: (t) => t };

function decision(request: string): DecisionEvent {
  return {
    type: 'decision', v: 1, seq: 1, id: 'd1', time: '2030-01-01T00:00:00.000Z', prev: '', hash: '', session: 'sess-1',
    actor: { user: 'u', pid: 1, ppid: 1 }, cwd: '/w', request, decision: 'allow', evaluated: 'allow', reason: 'r',
    rules: [{ id: 'base.read-only', decision: 'allow', source: 'rules/base.yaml:7:5' }], actions: [], opaque: [], policy: { sha256: 'x', files: [] },
  } as unknown as DecisionEvent;
}

describe('audit tail lines', () => {
  it('a terminal gets the line cut to its width, ending in ⟦…⟧; the rule still shows', () => {
    const command = `echo ${'a'.repeat(200)} && rm -rf ~/x`;
    const line = formatEventLine(decision(command), plain, 80);
    expect(textWidth(line)).toBe(80);
    expect(line).toMatch(/^2030-01-01 00:00:00Z sess-1 ALLOW  echo a+⟦…⟧ base\.read-only$/);
    const wide = formatEventLine(decision(command), plain, 200);
    expect(textWidth(wide)).toBe(200);
  });

  it('without a width (not a terminal) the command is whole, however long', () => {
    const command = `echo ${'a'.repeat(200)} && rm -rf ~/x`;
    expect(formatEventLine(decision(command), plain)).toContain(`${command} base.read-only`);
    expect(formatEventLine(decision('echo short'), plain, 80)).toBe('2030-01-01 00:00:00Z sess-1 ALLOW  echo short base.read-only');
  });

  it('wide characters count two columns, and an escape is never cut in half', () => {
    const line = formatEventLine(decision(`echo ${'日'.repeat(100)}`), plain, 70);
    expect(textWidth(line)).toBeLessThanOrEqual(70);
    expect(line).toContain('日⟦…⟧');
    const escaped = formatEventLine(decision(`echo ${'\u202e'.repeat(30)}`), plain, 70);
    expect(escaped).toMatch(/ALLOW {2}echo (⟦U\+202E⟧)+⟦…⟧ base/);
  });

  it('an outcome\'s error is cut the same way', () => {
    const outcome = { type: 'outcome', v: 1, seq: 2, id: 'o1', time: '2030-01-01T00:00:01.000Z', prev: '', hash: '', session: 'sess-1', decision_id: 'd1d1d1d1d1', exit_code: 1, error: 'x'.repeat(300) } as unknown as OutcomeEvent;
    const line = formatEventLine(outcome, plain, 80);
    expect(textWidth(line)).toBe(80);
    expect(line).toMatch(/error: x+⟦…⟧ of d1d1d1d1$/);
  });
});
