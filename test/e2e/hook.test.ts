import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { hookWithReaderGone, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';
import { fixture } from '../integrations/fixtures.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

describe('nomos hook (the built CLI, as an agent spawns it)', () => {
  it('claude-code: prints the deny JSON on stdout, nothing on stderr, exits 0, audits under the agent session', async () => {
    const r = await runCli(['hook', 'claude-code'], sb, { input: fixture('claude-code', 'bash-deny', sb) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    // Also the deprecated top-level form, which Claude Code before hookSpecificOutput reads.
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'block', reason: expect.stringMatching(/^nomos: denied by fs\.rm-recursive-root: /) });
    const events = readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => [e.type, e.session, e.decision])).toEqual([['decision', '9f1c2d3e-4b5a-6789-abcd-ef0123456789', 'deny']]);
  });

  it('claude-code: empty stdin is denied as malformed, still valid JSON', async () => {
    const r = await runCli(['hook', 'claude-code'], sb, { input: '' });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout).hookSpecificOutput;
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('hook input is not valid JSON');
  });

  it('a state directory that cannot be made (under /proc, where mkdir -p never ends in Node 20) is a deny, not a hang the agent times out on', async () => {
    for (const [agent, name] of [['claude-code', 'bash-allow'], ['gemini-cli', 'shell-allow']] as const) {
      const r = await runCli(['hook', agent], sb, { input: fixture(agent, name, sb), env: { ...sb.env, NOMOS_STATE_DIR: '/proc/nomos-no-such-dir/state' }, timeoutMs: 20_000 });
      expect([agent, r.code, r.signal]).toEqual([agent, 0, null]);
      expect(r.stdout).toContain('could not decide (ENOENT');
    }
  });

  it('gemini-cli: allow JSON for a read-only command', async () => {
    const r = await runCli(['hook', 'gemini-cli'], sb, { input: fixture('gemini-cli', 'shell-allow', sb) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).decision).toBe('allow');
  });

  it('an unknown agent blocks with exit 2 and the reason on stderr (both agents read exit 2 as block)', async () => {
    const r = await runCli(['hook', 'cursor'], sb, { input: fixture('claude-code', 'bash-allow', sb) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('nomos: denied: unknown hook agent "cursor"; use one of claude-code, gemini-cli, json\n');
  });

  it('a hook command line that decides nothing blocks (exit 2): a typo in the agent settings must not let every call through', async () => {
    const input = fixture('claude-code', 'bash-deny', sb);
    for (const argv of [['hook', 'claude-code', '--no-builtins'], ['hook'], ['hook', 'claude-code', 'extra'], ['hook', 'claude-code', '--help'], ['hooks', 'claude-code'], ['Hook', 'claude-code']]) {
      const r = await runCli(argv, sb, { input });
      expect([argv.join(' '), r.code]).toEqual([argv.join(' '), 2]);
      expect(r.stderr).not.toBe('');
    }
  });

  it('json: exit 77 and the decision for a denied request', async () => {
    const r = await runCli(['hook', 'json'], sb, { input: JSON.stringify({ request: { kind: 'shell', command: 'nomos approve 1 --allow' } }) });
    expect(r.code).toBe(77);
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'deny', rules: [{ id: 'self.approve' }] });
  });

  it('blocks (exit 2, the reason on stderr) when its reader has gone before the decision is written', async () => {
    // Exit 0 without the decision is "go ahead" to both agents, whatever nomos decided.
    for (const [agent, name] of [['claude-code', 'bash-deny'], ['claude-code', 'bash-allow'], ['gemini-cli', 'shell-allow']] as const) {
      const r = await hookWithReaderGone(agent, fixture(agent, name, sb), sb);
      expect([agent, name, r.code, r.stderr]).toEqual([agent, name, 2, 'nomos: blocked: the decision could not be written (stdout is closed)\n']);
    }
    // The decision itself was made and recorded as usual.
    const events = readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.decision)).toEqual(['deny', 'allow', 'allow']);
  });
});

