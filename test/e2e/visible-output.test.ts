import { beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

// Text output reaches a terminal, and the agent wrote the command, paths and URLs in it: a control
// character would be obeyed (\r\e[2K erases what came before), a bidi override reorders the line.
// Human output escapes them; --json stays the exact data (JSON escapes what it must).
let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

/** Controls a terminal obeys or hides (a line break is output's own). */
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u;
const BIDI = '$X\u202e\u2066 -rf /';

describe('human output escapes what the agent wrote', () => {
  it('check: the reason quoting a bidi override is escaped; --json keeps the exact text', async () => {
    const r = await runCli(['check', '--', BIDI], sb);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('"$X⟦U+202E⟧⟦U+2066⟧ -rf /"');
    const json = await runCli(['check', '--json', '--', BIDI], sb);
    expect(JSON.parse(json.stdout).opaque[0].text).toBe(BIDI);
  });

  it('explain: a path holding a line break and a cursor-up shows as escapes on its own line', async () => {
    const r = await runCli(['explain', '--', "cat $'a\\nb\\e[1A'"], sb);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout.split('\n')).toContain(`└ read ${sb.cwd}/a⟦LF⟧b⟦ESC⟧[1A`);
    const json = await runCli(['explain', '--json', '--', "cat $'a\\nb\\e[1A'"], sb);
    expect(JSON.parse(json.stdout).actions[1].path).toBe(`${sb.cwd}/a\nb\x1b[1A`);
  });

  it('explain: a program named in look-alike letters says so', async () => {
    const r = await runCli(['explain', '--', '\u0441url https://x.example'], sb);
    expect(r.stdout).toContain('\u0441url: "\u0441url" https://x.example  (program name not plain ASCII: ⟦U+0441⟧url)');
  });

  it('audit tail and show: a command that would erase its own line is shown escaped', async () => {
    const rules = sb.write('rules.yaml', 'version: 1\ndefault: allow\nrules:\n  - { id: t.touch, match: { command: touch }, decision: deny }\n');
    const command = 'touch pwned #\r\x1b[2Kls';
    const run = await runCli(['exec', '--rules', rules, '--', command], sb, { cwd: sb.cwd });
    expect(run.code).toBe(77);
    const tail = await runCli(['audit', 'tail'], sb);
    expect(tail.stdout).not.toMatch(RAW);
    expect(tail.stdout).toContain('touch pwned #⟦CR⟧⟦ESC⟧[2Kls t.touch');
    const id = JSON.parse((await runCli(['audit', 'tail', '--json'], sb)).stdout.trim().split('\n')[0]!).id;
    const show = await runCli(['audit', 'show', id], sb);
    expect(show.stdout).not.toMatch(RAW);
    expect(show.stdout).toContain('request   touch pwned #⟦CR⟧⟦ESC⟧[2Kls');
  });

  it('audit tail: a typed \\n, \\u202e or ⏎ reads unlike a real line break or override', async () => {
    const rules = sb.write('rules.yaml', 'version: 1\ndefault: allow\nrules: []\n');
    // `echo a\nrm -rf x` runs echo alone; with a real line break (or a typed ⏎ shown as one) it would read as two commands.
    for (const command of ['echo a\\nrm -rf x', 'echo a\nrm -rf x', 'echo a ⏎ rm -rf x', 'echo \\u202e', 'echo \u202e']) {
      expect((await runCli(['check', '--rules', rules, '--', command], sb, { cwd: sb.cwd })).code).toBe(0);
      await runCli(['exec', '--rules', rules, '--', command], sb, { cwd: sb.cwd });
    }
    const tail = (await runCli(['audit', 'tail'], sb)).stdout;
    expect(tail).not.toMatch(RAW);
    for (const shown of ['echo a\\nrm -rf x', 'echo a ⏎ rm -rf x', 'echo a ⟦U+23CE⟧ rm -rf x', 'echo \\u202e', 'echo ⟦U+202E⟧']) expect(tail).toContain(`ALLOW  ${shown}`);
  });

  it('exec: the denial on stderr is one line, escaped', async () => {
    const r = await runCli(['exec', '--no-prompt', '--', `${BIDI}\n`], sb, { cwd: sb.cwd });
    expect(r.code).toBe(77);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('⟦U+202E⟧⟦U+2066⟧');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('hook: the reason Claude Code shows its user is escaped', async () => {
    const input = JSON.stringify({ session_id: 's1', cwd: sb.cwd, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: BIDI } });
    const r = await runCli(['hook', 'claude-code'], sb, { input });
    const reason: string = JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason;
    expect(reason).not.toMatch(RAW);
    expect(reason).toContain('$X⟦U+202E⟧⟦U+2066⟧ -rf /');
  });
});

describe('messages quoting the words nomos was given are escaped', () => {
  const ERASE = 'x\r\x1b[2K';
  it('usage errors (commander), session end, audit show and an unknown hook agent', async () => {
    for (const args of [['check', `--${ERASE}`], [`bogus${ERASE}`], ['audit', 'show', `abcdefgh${ERASE}`], ['hook', ERASE]]) {
      const r = await runCli(args, sb, { input: '' });
      expect(r.stderr).not.toMatch(RAW);
      expect(r.stderr).toContain('x⟦CR⟧⟦ESC⟧[2K');
    }
    const id = `s${ERASE}`;
    expect((await runCli(['exec', '--', 'true'], sb, { env: { NOMOS_SESSION: id } })).code).toBe(0);
    const end = await runCli(['session', 'end', id], sb);
    expect(end.stderr).toBe('nomos: session sx⟦CR⟧⟦ESC⟧[2K ended\n');
  });
});

describe('human output escapes what a rule file brings', () => {
  it('rules list, rules show and lint: a rule file whose name holds \\r and ESC[2K', async () => {
    const file = sb.write('r\r\x1b[2K.yaml', 'version: 1\nrules:\n  - { id: t.a, match: { command: touch }, decision: ask, description: "x\\u202ey" }\n  - { id: t.a, match: { command: touch }, decision: ask }\n');
    const fixed = sb.write('ok\r\x1b[2K.yaml', 'version: 1\nrules:\n  - { id: t.a, match: { command: touch }, decision: ask, description: "x\\u202ey" }\n');
    const list = await runCli(['rules', 'list', '--rules', fixed], sb);
    expect(list.stdout).not.toMatch(RAW);
    expect(list.stdout).toContain('ok⟦CR⟧⟦ESC⟧[2K.yaml:');
    const show = await runCli(['rules', 'show', 't.a', '--rules', fixed], sb);
    expect(show.stdout).not.toMatch(RAW);
    expect(show.stdout).toContain('"description": "x⟦U+202E⟧y"');
    const lint = await runCli(['lint', file], sb);
    expect(lint.stdout + lint.stderr).not.toMatch(RAW);
    expect(lint.stdout + lint.stderr).toContain('r⟦CR⟧⟦ESC⟧[2K.yaml');
  });
});
