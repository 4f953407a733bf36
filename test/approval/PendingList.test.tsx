import './ink-env.js';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { PendingList } from '../../src/approval/prompt/PendingList.js';
import type { Answer, ApprovalRequest } from '../../src/approval/request.js';
import { ASKED_BY_DEFAULT, ASKED_BY_RULE, NOW, requestFor } from './fixtures.js';
import { waitFor } from './wait-for.js';

afterEach(() => cleanup());

const NEWER = requestFor(ASKED_BY_RULE, 'npm publish --tag next', { id: 'bbbb0002', session: 'agent-b', created: '2030-01-01T00:00:01.000Z' });
const OLDER = requestFor(ASKED_BY_DEFAULT, 'uptime', { id: 'aaaa0001', session: 'agent-a', expires: '2030-01-01T00:01:00.000Z' });

function list(requests: ApprovalRequest[]) {
  const answers: [string, Answer][] = [];
  let quits = 0;
  const make = (rs: ApprovalRequest[], status?: string) => (
    <PendingList requests={rs} width={80} rows={30} now={NOW} onAnswer={(id, a) => answers.push([id, a])} onQuit={() => quits++} {...(status ? { status } : {})} />
  );
  const ui = render(make(requests));
  const frame = () => ui.lastFrame() ?? '';
  const press = async (keys: string, want: string) => {
    ui.stdin.write(keys);
    await waitFor(() => frame().includes(want), `"${want}" after ${JSON.stringify(keys)}`);
  };
  return { ui, frame, press, answers, quits: () => quits, update: (rs: ApprovalRequest[], status?: string) => ui.rerender(make(rs, status)) };
}

describe('PendingList', () => {
  it('lists requests in the order given (newest first), with id, seconds left, session and command', () => {
    const l = list([NEWER, OLDER]);
    expect(l.frame()).toMatchSnapshot();
    const lines = l.frame().split('\n');
    expect(lines.findIndex((x) => x.includes('bbbb0002'))).toBeLessThan(lines.findIndex((x) => x.includes('aaaa0001')));
    expect(l.frame()).toContain('> bbbb0002  118s  agent-b           npm publish --tag next');
    expect(l.frame()).toContain('  aaaa0001   58s  agent-a           uptime');
    expect(l.frame()).toContain('nomos approve · 2 pending');
  });

  it('says when nothing is waiting, and shows new requests when re-rendered (live update)', async () => {
    const l = list([]);
    expect(l.frame()).toContain('Nothing is waiting.');
    l.update([OLDER]);
    await waitFor(() => l.frame().includes('aaaa0001'), 'the new request');
    expect(l.frame()).toContain('1 pending');
  });

  it('Down then Enter opens the selected request; y answers it by id and returns to the list', async () => {
    const l = list([NEWER, OLDER]);
    await l.press('j', '> aaaa0001');
    await l.press('\r', 'request aaaa0001');
    expect(l.frame()).toContain('[y] allow once');
    l.ui.stdin.write('y');
    await waitFor(() => l.answers.length === 1, 'the answer');
    expect(l.answers).toEqual([['aaaa0001', { choice: 'once' }]]);
    l.update([NEWER], 'allowed once: aaaa0001 (uptime)');
    await waitFor(() => l.frame().includes('allowed once: aaaa0001'), 'the status line');
    expect(l.frame()).toContain('1 pending');
  });

  it('Up (arrow key) moves back; n with a reason denies the opened request', async () => {
    const l = list([NEWER, OLDER]);
    await l.press('\x1b[B', '> aaaa0001');
    await l.press('\x1b[A', '> bbbb0002');
    await l.press('\r', 'request bbbb0002');
    await l.press('n', 'Reason the agent will see');
    await l.press('no', '> no');
    l.ui.stdin.write('\r');
    await waitFor(() => l.answers.length === 1, 'the answer');
    expect(l.answers).toEqual([['bbbb0002', { choice: 'deny', text: 'no' }]]);
  });

  it('Esc in the detail goes back to the list without answering; q quits', async () => {
    const l = list([NEWER]);
    await l.press('\r', 'request bbbb0002');
    l.ui.stdin.write('\x1b');
    await waitFor(() => l.frame().includes('1 pending'), 'the list again');
    l.ui.stdin.write('q');
    await waitFor(() => l.quits() === 1, 'quit');
    expect(l.answers).toEqual([]);
  });

  it('a request that disappears while open (answered elsewhere, timed out) closes the detail', async () => {
    const l = list([NEWER]);
    await l.press('\r', 'request bbbb0002');
    l.update([]);
    await waitFor(() => l.frame().includes('Nothing is waiting.'), 'the empty list');
    expect(l.answers).toEqual([]);
  });

  it('escapes what the agent wrote, and shows a window around the selection when the list is taller than the screen', async () => {
    const many = Array.from({ length: 60 }, (_, i) => requestFor(ASKED_BY_RULE, `touch f${i} #\r\x1b[2Kls`, { id: `c${String(i).padStart(7, '0')}`, session: 'agent-c' }));
    const l = list(many);
    expect(l.frame()).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    expect(l.frame()).toContain('> c0000000  118s  agent-c           touch f0 #⟦CR⟧⟦ESC⟧[2Kls');
    expect(l.frame()).toContain('0 more above, 38 more below');
    expect(l.frame().split('\n').length).toBeLessThanOrEqual(30);
    for (let i = 0; i < 40; i++) l.ui.stdin.write('j');
    await waitFor(() => l.frame().includes('> c0000040'), 'the 41st request selected and on screen');
    expect(l.frame().split('\n').length).toBeLessThanOrEqual(30);
  });
});
