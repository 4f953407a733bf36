import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';
import { HAVE_TMUX, startTmux, waitForFile, type Tmux } from '../helpers/tmux.js';

// Real terminals: raw mode, /dev/tty and the agent's own stdout kept apart, as a person sees them.
let sb: Sandbox;
let tmux: Tmux;
let rules: string;
beforeEach(() => {
  sb = makeSandbox();
  tmux = startTmux();
  rules = sb.write('ask.yaml', 'version: 1\ndefault: allow\nrules:\n  - id: test.marker\n    match: { command: touch }\n    decision: ask\n    message: Creating files needs a human.\n');
});
afterEach(() => tmux.kill());

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const me = userInfo().username;

/** A shell line that runs the built CLI with the sandbox's environment only (as an agent would). */
function nomos(args: string[], extraEnv: Record<string, string> = {}): string {
  const env = Object.entries({ ...sb.env, NOMOS_APPROVAL_TIMEOUT: '60s', TERM: 'xterm-256color', ...extraEnv }).map(([k, v]) => `${k}=${q(String(v))}`);
  return `env -i ${env.join(' ')} ${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')}`;
}

/** An agent-like run: the command's stdout and stderr go to files (the agent reads those), the exit code to a third. */
function agentRun(command: string, prefix = ''): string {
  const out = join(sb.root, 'agent');
  return `cd ${q(sb.cwd)} && ${prefix}${nomos(['exec', '--rules', rules, '--', command])} >${q(`${out}.out`)} 2>${q(`${out}.err`)} </dev/null; echo $? >${q(`${out}.code`)}`;
}

const agent = (ext: string) => readFileSync(join(sb.root, `agent.${ext}`), 'utf8');
const decision = () => JSON.parse(readFileSync(sb.audit, 'utf8').split('\n')[0]!);

describe.skipIf(!HAVE_TMUX)('approval in a real terminal (tmux)', () => {
  it('y at the prompt on /dev/tty runs the command; the agent\'s stdout and stderr stay clean; the audit names the approver', async () => {
    tmux.open('agent', agentRun('touch made && echo agent-output'));
    const screen = await tmux.waitForScreen('agent', 'Denied in');
    expect(screen).toContain('Command   touch made && echo agent-output');
    expect(screen).toContain('test.marker: Creating files needs a human.');
    tmux.keys('agent', 'y');
    await waitForFile(join(sb.root, 'agent.code'));
    expect(agent('code').trim()).toBe('0');
    expect(agent('out')).toBe('agent-output\n');
    expect(agent('err')).toBe('');
    expect(readdirSync(sb.cwd)).toContain('made');
    expect(decision().approval).toMatchObject({ approved: true, scope: 'once', by: `tty:${me}` });
  });

  it('n, a reason and Enter deny: nothing runs, exit 77, the agent reads the reason on stderr', async () => {
    tmux.open('agent', agentRun('touch made'));
    await tmux.waitForScreen('agent', '[n] deny');
    tmux.keys('agent', 'n');
    await tmux.waitForScreen('agent', 'Reason the agent will see');
    tmux.type('agent', 'not in this repo');
    await tmux.waitForScreen('agent', '> not in this repo');
    tmux.keys('agent', 'Enter');
    await waitForFile(join(sb.root, 'agent.code'));
    expect(agent('code').trim()).toBe('77');
    expect(agent('out')).toBe('');
    expect(agent('err')).toBe(`nomos: denied: denied by tty:${me}: not in this repo\n`);
    expect(readdirSync(sb.cwd)).not.toContain('made');
    expect(decision().approval).toMatchObject({ approved: false, by: `tty:${me}` });
  });

  it('e edits the command, which is evaluated again and (now allowed) runs instead', async () => {
    tmux.open('agent', agentRun('touch made'));
    await tmux.waitForScreen('agent', '[e] edit');
    tmux.keys('agent', 'e');
    await tmux.waitForScreen('agent', '> touch made');
    tmux.keys('agent', 'C-u');
    tmux.type('agent', 'echo edited');
    await tmux.waitForScreen('agent', '> echo edited');
    tmux.keys('agent', 'Enter');
    await waitForFile(join(sb.root, 'agent.code'));
    expect(agent('code').trim()).toBe('0');
    expect(agent('out')).toBe('edited\n');
    expect(readdirSync(sb.cwd)).not.toContain('made');
  });

  it('a command whose text would redraw the screen (\\r, ESC[2K) is shown escaped, with a warning, and what it names', async () => {
    // On a raw terminal this command reads `ls -la`: \r returns to the line start and ESC[2K erases it.
    tmux.open('agent', agentRun('touch made #\r\x1b[2Kls -la\x1b[8m'));
    const screen = await tmux.waitForScreen('agent', 'Denied in');
    expect(screen).toContain('Command   touch made #⟦CR⟧⟦ESC⟧[2Kls -la⟦ESC⟧[8m');
    expect(screen).toContain('Runs      touch made');
    expect(screen).toContain('! The request holds control or invisible characters, shown escaped');
    tmux.keys('agent', 'n');
    await tmux.waitForScreen('agent', 'Reason the agent will see');
    tmux.keys('agent', 'Enter');
    await waitForFile(join(sb.root, 'agent.code'));
    expect(agent('code').trim()).toBe('77');
    expect(readdirSync(sb.cwd)).not.toContain('made');
  });

  it('a request taller than the terminal is paged with the title on screen; y waits until its end was shown', async () => {
    tmux.open('agent', agentRun(`true${'\n'.repeat(120)}touch made`));
    let screen = await tmux.waitForScreen('agent', 'Denied in');
    expect(screen).toContain('nomos: approval needed');
    expect(screen).toMatch(/Lines 1-\d+ of \d+: \d+ below/);
    expect(screen).not.toContain('touch made');
    tmux.keys('agent', 'y');
    await tmux.waitForScreen('agent', 'Read the whole request first');
    for (let i = 0; i < 20 && screen.includes(' below ('); i++) {
      tmux.keys('agent', 'PageDown');
      await new Promise((r) => setTimeout(r, 150));
      screen = tmux.screen('agent');
    }
    expect(screen).toContain('touch made');
    expect(screen).toContain('nomos: approval needed');
    tmux.keys('agent', 'y');
    await waitForFile(join(sb.root, 'agent.code'));
    expect(agent('code').trim()).toBe('0');
    expect(readdirSync(sb.cwd)).toContain('made');
  });

  it('nomos approve in a second window answers a request whose command waits without a terminal', async () => {
    // setsid: the agent's nomos has no controlling terminal, so it queues the request and waits.
    tmux.open('agent', agentRun('touch made', 'setsid -w '));
    tmux.open('human', `cd ${q(sb.cwd)} && ${nomos(['approve'])}; echo approve-exited-$?`);
    await tmux.waitForScreen('human', 'touch made');
    tmux.keys('human', 'Enter');
    await tmux.waitForScreen('human', 'test.marker: Creating files needs a human.');
    tmux.keys('human', 'y');
    await waitForFile(join(sb.root, 'agent.code'));
    expect(agent('code').trim()).toBe('0');
    expect(agent('out')).toBe('');
    expect(agent('err')).toMatch(/^nomos: waiting for approval \(test\.marker asked\); in another terminal run: nomos approve [0-9a-f]{8} --allow\|--deny \(or nomos approve\); denied in 60 s\n$/);
    expect(readdirSync(sb.cwd)).toContain('made');
    expect(decision().approval).toMatchObject({ approved: true, by: `approve:${me}` });
    await tmux.waitForScreen('human', 'Nothing is waiting.');
    tmux.keys('human', 'q');
    await tmux.waitForScreen('human', 'approve-exited-0');
  });

  it('two calls asking at once on one terminal take turns: a key answers the prompt on screen, never the other', async () => {
    const code = (name: string) => join(sb.root, `${name}.code`);
    const call = (name: string) => `(${nomos(['exec', '--rules', rules, '--', `touch ${name}`])} </dev/null >/dev/null 2>&1; echo $? >${q(code(name))})`;
    tmux.open('agent', `cd ${q(sb.cwd)} && { ${call('first')} & sleep 1; ${call('second')} & wait; }`);
    await tmux.waitForScreen('agent', 'Command   touch first');
    await new Promise((r) => setTimeout(r, 2500)); // the second call has asked meanwhile
    // Both prompts read the terminal's keys when drawn together: which one a key answered was the kernel's choice.
    const screen = tmux.screen('agent');
    expect(screen).not.toContain('touch second');
    expect(new Set(screen.match(/request [0-9a-f]{8}/g)).size).toBe(1);
    tmux.keys('agent', 'y');
    await waitForFile(code('first'));
    expect(readFileSync(code('first'), 'utf8').trim()).toBe('0');
    await tmux.waitForScreen('agent', 'Command   touch second');
    tmux.keys('agent', 'n');
    await tmux.waitForScreen('agent', 'Enter denies');
    tmux.keys('agent', 'Enter');
    await waitForFile(code('second'));
    expect(readFileSync(code('second'), 'utf8').trim()).toBe('77');
    expect(readdirSync(sb.cwd)).toEqual(['first']);
  });

  it('audit tail in a terminal cuts a long command to its width and says so; piped, the line is whole', async () => {
    const command = `echo ${'a'.repeat(150)} ${'日'.repeat(20)} && echo end-of-command`;
    tmux.open('agent', `${agentRun(command)} && ${nomos(['audit', 'tail'])}; echo tail-exited`);
    await tmux.waitForScreen('agent', 'tail-exited');
    const screen = tmux.history('agent'); // the first line may have scrolled off the top
    const line = screen.split('\n').find((l) => l.includes('ALLOW')) ?? screen;
    expect(line).toMatch(/ALLOW {2}echo a+⟦…⟧ base\.read-only$/);
    expect(screen).not.toContain('end-of-command');
    expect(line.length).toBe(100); // the terminal's width, no more (it would wrap), no less
    const piped = await runCli(['audit', 'tail'], sb);
    expect(piped.stdout).toContain(command);
  });
});

