import { beforeEach, describe, expect, it } from 'vitest';
import { answerHook } from '../../src/integrations/hook.js';
import { makeSandbox, type Sandbox } from '../helpers/cli.js';
import { auditEvents, fixture } from './fixtures.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

async function hook(name: string) {
  const reply = await answerHook('claude-code', fixture('claude-code', name, sb), { cwd: sb.cwd, env: sb.env });
  expect(reply.exitCode).toBe(0); // Claude Code reads the JSON only on exit 0
  const out = JSON.parse(reply.stdout);
  expect(Object.keys(out.hookSpecificOutput)).toEqual(['hookEventName', 'permissionDecision', 'permissionDecisionReason']);
  expect(out.hookSpecificOutput.hookEventName).toBe('PreToolUse');
  // A deny is a deny in both documented forms: the deprecated top-level decision too (Claude Code before hookSpecificOutput).
  if (out.hookSpecificOutput.permissionDecision === 'deny') expect(out).toEqual({ decision: 'block', reason: out.hookSpecificOutput.permissionDecisionReason, hookSpecificOutput: out.hookSpecificOutput });
  else expect(Object.keys(out)).toEqual(['hookSpecificOutput']);
  return out.hookSpecificOutput as { permissionDecision: string; permissionDecisionReason: string };
}

const lastDecision = () => auditEvents(sb).filter((e) => e.type === 'decision').at(-1)!;

describe('nomos hook claude-code (recorded PreToolUse inputs)', () => {
  it('Bash: denies rm -rf / with the rule and its message, records it under the agent session id', async () => {
    const out = await hook('bash-deny');
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toBe('nomos: denied by fs.rm-recursive-root: Deleting /, your home directory, or a directory directly in one of them (~/.config, /etc) recursively destroys the system or your files; delete specific paths instead.');
    const event = lastDecision();
    expect(event.session).toBe('9f1c2d3e-4b5a-6789-abcd-ef0123456789');
    expect(event.decision).toBe('deny');
    expect(event.request).toBe('rm -rf /');
    expect(event.cwd).toBe(sb.cwd);
  });

  it('Bash: allows read-only commands', async () => {
    const out = await hook('bash-allow');
    expect(out.permissionDecision).toBe('allow');
    expect(out.permissionDecisionReason).toBe('nomos: allowed: base.git-read: Git commands that only show state.');
  });

  it('Grep under ~/.ssh: a recursive read, so the SSH-key rule applies to the files below it', async () => {
    const out = await hook('grep-ssh');
    expect(out.permissionDecision).toBe('ask');
    expect(out.permissionDecisionReason).toBe('nomos: approval needed: secrets.ssh-keys: Private SSH keys and SSH config.');
    expect(lastDecision().actions).toEqual([{ kind: 'file', op: 'read', path: `${sb.home}/.ssh`, via: ['claude-code Grep'], recursive: true }]);
  });

  it("ask becomes deny when Claude Code's permission mode asks no human (auto: a classifier answers; bypassPermissions; a mode nomos does not know)", async () => {
    const withMode = (mode?: string) => JSON.stringify({ ...JSON.parse(fixture('claude-code', 'read-ssh-key', sb)), ...(mode ? { permission_mode: mode } : {}) });
    const answer = async (mode?: string) => JSON.parse((await answerHook('claude-code', withMode(mode), { cwd: sb.cwd, env: sb.env })).stdout).hookSpecificOutput;
    for (const mode of [undefined, 'default', 'acceptEdits', 'plan', 'dontAsk']) expect([mode, (await answer(mode)).permissionDecision]).toEqual([mode, 'ask']);
    for (const mode of ['auto', 'bypassPermissions', 'yolo']) {
      const out = await answer(mode);
      expect([mode, out.permissionDecision]).toEqual([mode, 'deny']);
      expect(out.permissionDecisionReason).toMatch(/^nomos: denied: approval needed \(secrets\.ssh-keys: .*\) and the agent's permission mode asks no human$/);
    }
    // What nomos decided is recorded as it was: ask, handed to the agent.
    expect(lastDecision().decision).toBe('ask');
  });

  it('a relative cwd is refused (deny): it would be read from wherever the hook process runs', async () => {
    const input = JSON.stringify({ ...JSON.parse(fixture('claude-code', 'bash-allow', sb)), cwd: 'work' });
    const out = JSON.parse((await answerHook('claude-code', input, { cwd: sb.cwd, env: sb.env })).stdout).hookSpecificOutput;
    expect([out.permissionDecision, out.permissionDecisionReason]).toEqual(['deny', 'nomos: denied: could not decide (cwd must be an absolute path, not "work")']);
  });

  it('Read of an SSH key: asks, and records ask (Claude Code puts it to its user)', async () => {
    const out = await hook('read-ssh-key');
    expect(out.permissionDecision).toBe('ask');
    expect(out.permissionDecisionReason).toBe('nomos: approval needed: secrets.ssh-keys: Private SSH keys and SSH config.');
    const event = lastDecision();
    expect(event.decision).toBe('ask');
    expect(event.approval).toEqual({ approved: false, by: 'agent', reason: 'the agent asks its user', deferred: true });
    expect(event.actions).toEqual([{ kind: 'file', op: 'read', path: `${sb.home}/.ssh/id_rsa`, via: ['claude-code Read'] }]);
  });

  it.each([['write-system', '/etc/passwd'], ['multiedit', '/usr/lib/x.conf']])('%s: a write under a system directory is denied', async (name, path) => {
    const out = await hook(name);
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toMatch(/^nomos: denied by fs\.delete-system: /);
    expect(lastDecision().actions[0]).toMatchObject({ kind: 'file', op: 'write', path });
  });

  it.each([['edit', 'src/app.ts'], ['notebook-edit', 'n.ipynb']])('%s: a workspace write no rule matches gets the default (ask)', async (name, file) => {
    const out = await hook(name);
    expect(out.permissionDecision).toBe('ask');
    expect(out.permissionDecisionReason).toBe(`nomos: approval needed: no rule matches write ${sb.cwd}/${file}; the default is ask`);
  });

  it("a path through /proc/self/cwd or a descriptor is the agent's, not nomos's: any file (Read of /proc/self/cwd/.ssh/id_rsa was decided in the hook's own cwd)", async () => {
    sb.write('home/.config/nomos/config.yaml', 'version: 1\ndefault: allow\n');
    const read = async (path: string) => {
      const input = JSON.stringify({ session_id: 's', cwd: sb.cwd, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: path } });
      return JSON.parse((await answerHook('claude-code', input, { cwd: sb.cwd, env: sb.env })).stdout).hookSpecificOutput.permissionDecision;
    };
    expect(await read(`${sb.cwd}/notes.txt`)).toBe('allow');
    // Any file may be nomos's approval key: denied (self.approval-secrets), as `cat "$F"` is.
    for (const path of ['/proc/self/cwd/.ssh/id_rsa', '/proc/thread-self/cwd/.ssh/id_rsa', '/dev/fd/3/.ssh/id_rsa']) expect([path, await read(path)]).toEqual([path, 'deny']);
  });

  it('WebFetch: an http action with host and query', async () => {
    expect((await hook('webfetch')).permissionDecision).toBe('ask');
    expect(lastDecision().actions[0]).toMatchObject({ kind: 'http', method: 'GET', host: 'example.com', path: '/docs', query: { page: '2' } });
  });

  it('WebSearch: GET search://web with the query', async () => {
    expect((await hook('websearch')).permissionDecision).toBe('ask');
    expect(lastDecision().actions[0]).toMatchObject({ kind: 'http', scheme: 'search', host: 'web', query: { q: 'nomos firewall' } });
  });

  it('an MCP tool: an mcp action with server and tool, default decision', async () => {
    const out = await hook('mcp');
    expect(out.permissionDecision).toBe('ask');
    expect(out.permissionDecisionReason).toBe('nomos: approval needed: no rule matches tool github/create_issue; the default is ask');
    expect(lastDecision().actions[0]).toMatchObject({ kind: 'mcp', server: 'github', tool: 'create_issue', input: { owner: 'o', repo: 'r', title: 't' } });
  });

  it('TodoWrite acts on nothing outside the conversation: allowed', async () => {
    const out = await hook('todowrite');
    expect(out.permissionDecision).toBe('allow');
    expect(out.permissionDecisionReason).toBe('nomos: allowed: nothing to run');
  });

  it('AskUserQuestion and EnterPlanMode only ask you or plan: allowed (nomos asked first, then Claude Code asked again)', async () => {
    for (const [name, input] of [['AskUserQuestion', { questions: [{ question: 'Which?', header: 'H', options: [{ label: 'a', description: '' }, { label: 'b', description: '' }], multiSelect: false }] }], ['EnterPlanMode', {}]] as const) {
      const body = JSON.stringify({ session_id: 's', cwd: sb.cwd, hook_event_name: 'PreToolUse', tool_name: name, tool_input: input });
      const reply = JSON.parse((await answerHook('claude-code', body, { cwd: sb.cwd, env: sb.env })).stdout);
      expect([name, reply.hookSpecificOutput.permissionDecision, reply.hookSpecificOutput.permissionDecisionReason]).toEqual([name, 'allow', 'nomos: allowed: nothing to run']);
    }
  });

  it('an unknown tool is opaque: never allowed', async () => {
    const out = await hook('unknown-tool');
    expect(out.permissionDecision).toBe('ask');
    expect(out.permissionDecisionReason).toContain('unknown Claude Code tool "FutureTool"');
  });

  it.each([
    ['malformed-missing-command', 'tool_input.command must be a non-empty string'],
    ['malformed-wrong-event', 'nomos hook claude-code handles PreToolUse, not PostToolUse'],
    ['malformed-truncated', 'hook input is not valid JSON'],
  ])('%s: deny with the reason, valid JSON, exit 0', async (name, why) => {
    const out = await hook(name);
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain(why);
    expect(out.permissionDecisionReason).toMatch(/^nomos: denied: could not decide/);
  });

  it('a rule file that does not load denies every call (fails closed)', async () => {
    const bad = sb.write('bad.yaml', 'version: 1\nrules:\n  - id: Bad Id\n    match: {}\n    decision: allow\n');
    const reply = await answerHook('claude-code', fixture('claude-code', 'bash-allow', sb), { cwd: sb.cwd, env: sb.env, rules: [bad] });
    const out = JSON.parse(reply.stdout).hookSpecificOutput;
    expect(reply.exitCode).toBe(0);
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('bad.yaml');
  });
});
