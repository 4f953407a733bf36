import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';
import { auditEvents, fixture } from '../integrations/fixtures.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

/** A Claude Code PreToolUse input for one tool call. */
const claude = (tool: string, input: unknown, mode = 'default') => JSON.stringify({ session_id: 's-1', cwd: sb.cwd, permission_mode: mode, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input });

async function claudeHook(input: string) {
  const r = await runCli(['hook', 'claude-code'], sb, { input });
  expect([r.code, r.stderr]).toEqual([0, '']);
  const { permissionDecision, permissionDecisionReason } = JSON.parse(r.stdout).hookSpecificOutput as Record<string, string>;
  return { permissionDecision, permissionDecisionReason };
}

const lastDecision = () => auditEvents(sb).filter((e) => e.type === 'decision').at(-1)!;

describe('MCP tool calls through the built hook', () => {
  it('claude-code: mcp__fs__read_file of ~/.ssh/id_rsa is decided by the shipped secrets rules (ask; deny where the agent asks no human)', async () => {
    const asked = await claudeHook(fixture('claude-code', 'mcp-read-ssh-key', sb));
    expect(asked).toEqual({ permissionDecision: 'ask', permissionDecisionReason: 'nomos: approval needed: secrets.ssh-keys: Private SSH keys and SSH config.' });
    const event = lastDecision();
    expect(event.actions).toEqual([
      { kind: 'mcp', server: 'fs', tool: 'read_file', input: { path: '~/.ssh/id_rsa' }, via: ['claude-code mcp__fs__read_file'] },
      { kind: 'file', op: 'read', path: `${sb.home}/.ssh/id_rsa`, via: ['claude-code mcp__fs__read_file', 'mcp fs/read_file'] },
    ]);
    expect(event.rules.map((r: { id: string; action: number }) => [r.id, r.action])).toEqual([['secrets.ssh-keys', 1]]);
    const denied = await claudeHook(claude('mcp__fs__read_file', { path: '~/.ssh/id_rsa' }, 'auto'));
    expect(denied.permissionDecision).toBe('deny');
    expect(denied.permissionDecisionReason).toMatch(/^nomos: denied: approval needed \(secrets\.ssh-keys: .*\) and the agent's permission mode asks no human$/);
  });

  it('gemini-cli: the same read under the server name from mcp_context is denied by the secrets rules', async () => {
    const r = await runCli(['hook', 'gemini-cli'], sb, { input: fixture('gemini-cli', 'mcp-read-ssh-key', sb) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'deny', reason: expect.stringMatching(/^nomos: denied: approval needed \(secrets\.ssh-keys asked\)/) });
    expect(lastDecision().actions[1]).toMatchObject({ kind: 'file', op: 'read', path: `${sb.home}/.ssh/id_rsa` });
  });

  it('a write of nomos\'s own config through any MCP server is denied by the self-protection pack', async () => {
    const out = await claudeHook(claude('mcp__files__write_file', { path: '~/.config/nomos/config.yaml', content: 'version: 1\ndefault: allow\n' }));
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toMatch(/^nomos: denied by self\./);
  });

  it('a relative path is any file (the server resolves it in directories nomos does not know): every read rule may meet it, the strictest denies', async () => {
    const out = await claudeHook(claude('mcp__fs__read_file', { path: 'notes.txt' }));
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toMatch(/^nomos: denied by self\.approval-secrets: /);
    expect(lastDecision().actions[1]).toEqual({ kind: 'file', op: 'read', path: `${sb.cwd}/notes.txt`, via: ['claude-code mcp__fs__read_file', 'mcp fs/read_file'], dynamic: true });
    expect(lastDecision().rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['secrets.ssh-keys', 'self.approval-secrets']));
  });

  it('an mcp rule in the user config allows or denies a named tool', async () => {
    const config = join(sb.home, '.config/nomos');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'config.yaml'), `version: 1
rules:
  - id: user.github-read
    match: { mcp: { server: github, tool: ["get_*", "list_*"] } }
    decision: allow
    examples: { match: [{ server: github, tool: get_issue }], no_match: [{ server: github, tool: delete_repo }] }
  - id: user.github-delete
    match: { mcp: { server: github, tool: delete_* } }
    decision: deny
    message: Deleting on GitHub is for humans.
`);
    expect(await claudeHook(claude('mcp__github__get_issue', { owner: 'o', repo: 'r', issue_number: 1 }))).toEqual({ permissionDecision: 'allow', permissionDecisionReason: 'nomos: allowed: user.github-read: allow by rule' });
    expect(await claudeHook(claude('mcp__github__delete_repo', { owner: 'o', repo: 'r' }))).toEqual({ permissionDecision: 'deny', permissionDecisionReason: 'nomos: denied by user.github-delete: Deleting on GitHub is for humans.' });
    // Any other tool still gets the default (balanced: ask).
    expect((await claudeHook(claude('mcp__github__create_issue', {}))).permissionDecisionReason).toBe('nomos: approval needed: no rule matches tool github/create_issue; the default is ask');
    const r = await runCli(['hook', 'gemini-cli'], sb, { input: JSON.stringify({ session_id: 'g', cwd: sb.cwd, hook_event_name: 'BeforeTool', tool_name: 'github__delete_repo', tool_input: {}, mcp_context: { server_name: 'github', tool_name: 'delete_repo' } }) });
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'deny', reason: 'nomos: denied by user.github-delete: Deleting on GitHub is for humans.' });

    // The same rules as the CLI shows, lints and tests them.
    const show = await runCli(['rules', 'show', 'user.github-delete', '--json'], sb);
    expect(JSON.parse(show.stdout).spec.match).toEqual({ mcp: { server: 'github', tool: 'delete_*' } });
    expect((await runCli(['lint', join(config, 'config.yaml')], sb)).code).toBe(0);
    const cases = sb.write('work/mcp.test.yaml', '- { action: { kind: mcp, server: github, tool: delete_repo }, want: deny, rules: [user.github-delete] }\n- { action: { kind: mcp, server: github, tool: list_issues }, want: allow }\n');
    const tested = await runCli(['test', cases], sb);
    expect([tested.code, tested.stdout]).toEqual([0, expect.stringMatching(/^\d+ passed, 0 failed\n$/)]);
  });

  it('a tool-call example the rule gets wrong stops the policy loading: the hook denies, saying why', async () => {
    mkdirSync(join(sb.home, '.config/nomos'), { recursive: true });
    writeFileSync(join(sb.home, '.config/nomos/config.yaml'), `version: 1
rules:
  - id: user.github-read
    match: { mcp: { server: github, tool: "get_*" } }
    decision: allow
    examples: { match: [{ server: github, tool: list_issues }] }
`);
    const out = await claudeHook(claude('mcp__github__get_issue', {}));
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toBe(`nomos: denied: could not decide (${sb.home}/.config/nomos/config.yaml:6:25: example "github/list_issues {}" should match rule user.github-read but does not)`);
  });
});
