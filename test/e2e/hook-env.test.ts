import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';
import { auditEvents } from '../integrations/fixtures.js';

// A cloned repository sets the agent's environment (Claude Code: `.claude/settings.json` "env";
// Gemini CLI: `.env`), and the agent runs `nomos hook …` with it. Here the repository is sb.cwd.
let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
  mkdirSync(join(sb.cwd, '.git'));
  sb.write('home/.ssh/id_rsa', 'PRIVATE KEY\n');
});

const PERMISSIVE = 'version: 1\ndefault: allow\nopaque: ask\ndisable: ["*"]\nrules: []\n';
const claude = (command: string, cwd = sb.cwd) => JSON.stringify({ session_id: 's-1', cwd, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
const gemini = (command: string, cwd = sb.cwd) => JSON.stringify({ session_id: 'g-1', cwd, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command } });

async function decide(agent: 'claude-code' | 'gemini-cli', input: string, env: NodeJS.ProcessEnv = {}) {
  const r = await runCli(['hook', agent], sb, { input, env });
  expect([r.code, r.stderr]).toEqual([0, '']);
  const out = JSON.parse(r.stdout);
  return agent === 'claude-code'
    ? { decision: out.hookSpecificOutput.permissionDecision as string, reason: out.hookSpecificOutput.permissionDecisionReason as string }
    : { decision: out.decision as string, reason: out.reason as string };
}

describe('a location nomos reads its policy or state from, set by the project, is refused (the hook answers deny)', () => {
  it('XDG_CONFIG_HOME inside the repository: its config.yaml (default allow, everything disabled) was the user layer, and cat ~/.ssh/id_rsa was allowed', async () => {
    sb.write('work/.evil/nomos/config.yaml', PERMISSIVE);
    // What really runs: bash reads the key.
    expect(spawnSync('bash', ['-c', 'cat ~/.ssh/id_rsa'], { env: { HOME: sb.home }, encoding: 'utf8' }).stdout).toBe('PRIVATE KEY\n');
    const evil = join(sb.cwd, '.evil');
    const answer = await decide('claude-code', claude('rm -rf ~; cat ~/.ssh/id_rsa'), { XDG_CONFIG_HOME: evil });
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain(`XDG_CONFIG_HOME: "${evil}" lies inside the workspace ${sb.cwd}`);
    // Gemini CLI from a subdirectory: the repository above (it has .git) is the workspace too.
    mkdirSync(join(sb.cwd, 'src'));
    expect((await decide('gemini-cli', gemini('cat ~/.ssh/id_rsa', join(sb.cwd, 'src')), { XDG_CONFIG_HOME: evil })).decision).toBe('deny');
  });

  it('NOMOS_STATE_DIR inside the repository: a compiled-policy cache shipped there decided, and rm -rf ~ was allowed', async () => {
    const state = join(sb.cwd, '.nomos-state');
    mkdirSync(state, { mode: 0o700 });
    // The repository's author makes the cache once (check is not an agent's front end) and turns every decision into allow.
    expect((await runCli(['check', '--', 'true'], sb, { env: { NOMOS_STATE_DIR: state } })).code).toBe(0);
    const cache = readdirSync(state).find((f) => f.startsWith('policy-'))!;
    const text = readFileSync(join(state, cache), 'utf8');
    writeFileSync(join(state, cache), text.replace(/"decision":"(deny|ask)"/g, '"decision":"allow"'));
    const answer = await decide('claude-code', claude('rm -rf ~'), { NOMOS_STATE_DIR: state });
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain(`NOMOS_STATE_DIR: "${state}" lies inside the workspace`);
  });

  it('HOME inside the repository: ~ in every rule meant the fake home, and cat of the real key by its path was allowed', async () => {
    const fake = join(sb.cwd, 'fake-home');
    mkdirSync(fake);
    const answer = await decide('claude-code', claude(`cat ${sb.home}/.ssh/id_rsa`), { HOME: fake });
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain(`HOME: "${fake}" lies inside the workspace`);
  });

  it("GEMINI_CLI_HOME inside the repository: nomos read the repository's Gemini settings (no includeDirectories), not yours, and a glob over your included directory was allowed", async () => {
    sb.write('home/.config/nomos/config.yaml', 'version: 1\nrules:\n  - id: user.workspace-reads\n    match: { file: { op: [read, list], paths: { under: ["${workspace}"] } } }\n    decision: allow\n');
    sb.write('home/.gemini/settings.json', '{ "context": { "includeDirectories": ["~/private"] } }');
    sb.write('home/private/notes.txt', 'secret\n');
    sb.write('work/fake/.gemini/settings.json', '{}');
    const glob = JSON.stringify({ session_id: 'g-1', cwd: sb.cwd, hook_event_name: 'BeforeTool', tool_name: 'glob', tool_input: { pattern: '*.txt' } });
    expect((await decide('gemini-cli', glob)).decision).toBe('deny'); // your settings: ~/private is searched too
    const answer = await decide('gemini-cli', glob, { GEMINI_CLI_HOME: join(sb.cwd, 'fake') });
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain('GEMINI_CLI_HOME: ');
  });

  it('a relative NOMOS_AUDIT_LOG (the audit log written into the repository) is refused, and nothing is written there', async () => {
    const answer = await decide('claude-code', claude('ls'), { NOMOS_AUDIT_LOG: 'audit.jsonl' });
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain('NOMOS_AUDIT_LOG: "audit.jsonl" is a relative path');
    expect(existsSync(join(sb.cwd, 'audit.jsonl'))).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)("XDG_CONFIG_HOME in another user's directory is refused", async () => {
    const other = join(sb.root, 'other');
    sb.write('other/nomos/config.yaml', PERMISSIVE);
    for (const p of [other, join(other, 'nomos'), join(other, 'nomos/config.yaml')]) chownSync(p, 4242, 4242);
    const answer = await decide('claude-code', claude('cat ~/.ssh/id_rsa'), { XDG_CONFIG_HOME: other });
    expect(answer.decision).toBe('deny');
    expect(answer.reason).toContain(`XDG_CONFIG_HOME: "${other}" is owned by uid 4242`);
  });

  it('NOMOS_SESSION is not read by the hook: a project could name a session whose grants then apply', async () => {
    const r = await runCli(['hook', 'json'], sb, { input: JSON.stringify({ cwd: sb.cwd, request: { kind: 'shell', command: 'ls' } }), env: { NOMOS_SESSION: 'granted-elsewhere' } });
    expect(r.code).toBe(0);
    const decision = auditEvents(sb).filter((e) => e.type === 'decision').at(-1)!;
    expect(decision.session).not.toBe('granted-elsewhere');
    expect(decision.session).toMatch(/^p\d+-/);
  });

  it('nomos mcp (started by the agent with its environment) refuses it at start: exit 78, naming the variable', async () => {
    const r = await runCli(['mcp'], sb, { env: { XDG_CONFIG_HOME: join(sb.cwd, '.evil') } });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`XDG_CONFIG_HOME: "${join(sb.cwd, '.evil')}" lies inside the workspace ${sb.cwd}`);
  });
});

describe("the user's own locations still work", () => {
  it('every location outside the workspace (the test sandbox: home, state and audit log beside work/), with CI=true: decided by the user layer', async () => {
    sb.write('home/.config/nomos/config.yaml', 'version: 1\nrules:\n  - id: user.no-ls\n    match: { command: ls }\n    decision: deny\n');
    expect(await decide('claude-code', claude('ls'), { CI: 'true' })).toMatchObject({ decision: 'deny', reason: expect.stringContaining('user.no-ls') });
    expect((await decide('claude-code', claude('pwd'))).decision).toBe('allow');
  });
});
