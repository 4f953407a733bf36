import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALLOW_BY_DEFAULT, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = makeSandbox();
  chmodSync(sb.state, 0o700);
  expect((await runCli(['init', '--profile', 'balanced'], sb)).code).toBe(0);
});

interface Check { name: string; status: string; detail: string; fix?: string }

async function doctor(): Promise<{ code: number | null; checks: Check[]; text: string }> {
  const json = await runCli(['doctor', '--json'], sb);
  const text = await runCli(['doctor'], sb);
  expect(text.code).toBe(json.code);
  return { code: json.code, checks: JSON.parse(json.stdout) as Check[], text: text.stdout };
}

const byName = (checks: Check[], name: string) => checks.find((c) => c.name === name)!;

/** A real audit log: each `nomos exec` records a decision and an outcome event. */
async function writeChain(commands: number): Promise<string[]> {
  const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
  for (let i = 0; i < commands; i++) expect((await runCli(['exec', '--rules', rules, '--', `echo ${i}`], sb)).code).toBe(0);
  return readFileSync(sb.audit, 'utf8').split('\n').filter(Boolean);
}

describe('nomos doctor', () => {
  it('passes a healthy installation, and says so', async () => {
    await writeChain(2);
    const { code, checks, text } = await doctor();
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(code).toBe(0);
    expect(checks.map((c) => c.name)).toEqual(expect.arrayContaining(['node', 'parser', 'state dir', 'audit log', 'config', 'agent hook']));
    expect(byName(checks, 'audit log').detail).toMatch(/nomos audit verify: intact/);
    expect(byName(checks, 'config').detail).toContain('.nomosrc.yaml');
    expect(byName(checks, 'agent hook').status).toBe('warn');
    expect(byName(checks, 'code cache')).toMatchObject({ status: 'ok', detail: 'check, exec and hook load precompiled' });
    expect(text).toMatch(/^✓ state dir/m);
  });

  it('warns when the project config is not trusted as it is, and says what to run', async () => {
    expect((await doctor()).checks.map((c) => c.name)).not.toContain('trust'); // init trusted what it wrote
    const config = join(sb.cwd, '.nomosrc.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^default: ask$/m, 'default: allow'));
    const { code, checks } = await doctor();
    expect(byName(checks, 'trust')).toMatchObject({ status: 'warn', detail: `${config} is not trusted as it is, so what in it would loosen the policy is left out (rule project.test (allow) at ${join(sb.cwd, 'nomos.rules.yaml')}:6; default: allow in ${config})`, fix: expect.stringContaining('nomos trust') });
    expect(code).toBe(0);
  });

  it('knows the oldest Node it runs on (20.16: built-ins load on first use)', async () => {
    const { checkNode } = await import('../../src/cli/setup/check-runtime.js');
    expect(checkNode('20.15.1').status).toBe('fail');
    expect(checkNode('20.15.1').detail).toMatch(/needs Node.js 20.16 or newer/);
    expect(checkNode('20.16.0').status).toBe('ok');
    expect(checkNode('22.1.0').status).toBe('ok');
    expect(checkNode('18.20.0').status).toBe('fail');
  });

  it('reports a state dir other users can read, with the chmod that fixes it', async () => {
    chmodSync(sb.state, 0o755);
    const { code, checks, text } = await doctor();
    expect(code).toBe(1);
    expect(byName(checks, 'state dir')).toMatchObject({ status: 'fail', fix: `chmod 700 '${sb.state}'` });
    expect(byName(checks, 'state dir').detail).toContain('mode 0755');
    expect(text).toMatch(/^✗ state dir/m);
    expect(text).toMatch(/1 problem to fix/);
  });

  it.runIf(process.getuid?.() === 0)('reports a state dir owned by another user', async () => {
    chownSync(sb.state, 65534, 65534);
    const { code, checks } = await doctor();
    expect(code).toBe(1);
    expect(byName(checks, 'state dir').detail).toMatch(/owned by uid 65534/);
  });

  it('reports an edited audit event at its line', async () => {
    const lines = await writeChain(2);
    lines[2] = lines[2]!.replace('"echo 1"', '"echo 9"');
    writeFileSync(sb.audit, `${lines.join('\n')}\n`);
    const { code, checks } = await doctor();
    expect(code).toBe(1);
    expect(byName(checks, 'audit log').status).toBe('fail');
    expect(byName(checks, 'audit log').detail).toMatch(/line 3 .*(modified|hash)/);
    expect(byName(checks, 'audit log').fix).toContain('.broken');
  });

  it('reports a deleted audit event and a torn last line', async () => {
    const lines = await writeChain(2);
    writeFileSync(sb.audit, `${[lines[0], lines[2], lines[3]].join('\n')}\n`);
    expect(byName((await doctor()).checks, 'audit log').detail).toMatch(/line 2 .*(link|deleted)/);
    writeFileSync(sb.audit, `${lines.join('\n')}\n${lines[3]!.slice(0, 20)}`);
    expect(byName((await doctor()).checks, 'audit log').detail).toMatch(/line 5 .*(torn|incomplete|JSON)/);
  });

  it('reports a config that does not load, with its position', async () => {
    writeFileSync(join(sb.cwd, 'nomos.rules.yaml'), 'version: 1\nrules:\n  - id: x\n    decison: allow\n');
    const { code, checks } = await doctor();
    expect(code).toBe(1);
    expect(byName(checks, 'config').status).toBe('fail');
    expect(byName(checks, 'config').detail).toMatch(/nomos\.rules\.yaml:\d+:\d+/);
  });

  it('finds an agent hook wired in the project settings', async () => {
    mkdirSync(join(sb.cwd, '.claude'));
    writeFileSync(join(sb.cwd, '.claude/settings.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'nomos hook claude-code', onFailure: 'block' }] }] } }));
    const hook = byName((await doctor()).checks, 'agent hook');
    expect(hook.status).toBe('ok');
    expect(hook.detail).toContain('.claude/settings.json');
  });

  it('warns when the Claude Code hook would let the tool run on a timeout (no "onFailure": "block")', async () => {
    mkdirSync(join(sb.cwd, '.claude'));
    writeFileSync(join(sb.cwd, '.claude/settings.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'nomos hook claude-code', timeout: 30 }] }] } }));
    const hook = byName((await doctor()).checks, 'agent hook');
    expect(hook.status).toBe('warn');
    expect(hook.detail).toMatch(/\.claude\/settings\.json run nomos hook claude-code without "onFailure": "block"/);
    expect(hook.fix).toContain('nomos init --agent claude-code --write');
  });

  it('warns when the hook cannot see every tool call: another event, a narrow matcher, "if", "async", hooks turned off', async () => {
    const nomos = (extra = {}) => ({ type: 'command', command: 'nomos hook claude-code', onFailure: 'block', ...extra });
    mkdirSync(join(sb.cwd, '.claude'));
    mkdirSync(join(sb.cwd, '.gemini'));
    const cases: [string, unknown, RegExp][] = [
      ['.claude/settings.json', { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [nomos()] }] } }, /its matcher "Bash" leaves every other tool unchecked/],
      ['.claude/settings.json', { hooks: { PostToolUse: [{ matcher: '*', hooks: [nomos()] }] } }, /it runs under PostToolUse, which cannot stop a tool \(use PreToolUse\)/],
      ['.claude/settings.json', { hooks: { PreToolUse: [{ matcher: '*', hooks: [nomos({ if: 'Bash(git *)' })] }] } }, /its "if" "Bash\(git \*\)" leaves every other call unchecked/],
      ['.claude/settings.json', { hooks: { PreToolUse: [{ matcher: '*', hooks: [nomos({ async: true })] }] } }, /"async": the tool does not wait/],
      ['.claude/settings.json', { disableAllHooks: true, hooks: { PreToolUse: [{ matcher: '*', hooks: [nomos()] }] } }, /"disableAllHooks": true turns it off/],
      ['.gemini/settings.json', { hooksConfig: { enabled: false }, hooks: { BeforeTool: [{ matcher: '.*', hooks: [{ name: 'nomos', type: 'command', command: 'nomos hook gemini-cli' }] }] } }, /runs nomos hook gemini-cli, but "hooksConfig": \{ "enabled": false \} turns it off/],
      ['.gemini/settings.json', { hooksConfig: { disabled: ['nomos'] }, hooks: { BeforeTool: [{ matcher: 'run_shell_command', hooks: [{ name: 'nomos', type: 'command', command: 'nomos hook gemini-cli' }] }] } }, /matcher "run_shell_command" leaves every other tool unchecked \(use "\*"\); .*it is listed in "disabled"/],
    ];
    for (const [file, settings, detail] of cases) {
      for (const f of ['.claude/settings.json', '.gemini/settings.json']) writeFileSync(join(sb.cwd, f), '{}');
      writeFileSync(join(sb.cwd, file), JSON.stringify(settings));
      const hook = byName((await doctor()).checks, 'agent hook');
      expect([file, hook.status, hook.detail]).toEqual([file, 'warn', expect.stringMatching(detail)]);
    }
    // A second, narrower entry beside one that sees every call is no gap.
    writeFileSync(join(sb.cwd, '.claude/settings.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: '*', hooks: [nomos()] }, { matcher: 'Bash', hooks: [nomos()] }] } }));
    writeFileSync(join(sb.cwd, '.gemini/settings.json'), '{}');
    expect(byName((await doctor()).checks, 'agent hook').status).toBe('ok');
  });

  it("warns when Gemini CLI would not run the project's nomos hook: the folder is not trusted (trustedFolders.json)", async () => {
    mkdirSync(join(sb.cwd, '.gemini'));
    mkdirSync(join(sb.home, '.gemini'));
    writeFileSync(join(sb.cwd, '.gemini/settings.json'), JSON.stringify({ hooks: { BeforeTool: [{ matcher: '.*', hooks: [{ name: 'nomos', type: 'command', command: 'nomos hook gemini-cli' }] }] } }));
    const trusted = (rules: Record<string, string>) => writeFileSync(join(sb.home, '.gemini/trustedFolders.json'), JSON.stringify(rules));
    const hook = async () => byName((await doctor()).checks, 'agent hook');
    expect(await hook()).toMatchObject({ status: 'warn', detail: expect.stringContaining(`runs a project's hooks only in a folder it trusts, and ${sb.cwd} is not trusted yet`) });
    trusted({ [sb.cwd]: 'DO_NOT_TRUST' });
    expect(await hook()).toMatchObject({ status: 'warn', detail: expect.stringContaining('is marked "Don\'t trust"') });
    trusted({ [join(sb.cwd, 'x')]: 'TRUST_PARENT' });
    expect((await hook()).status).toBe('ok');
    trusted({ [sb.root]: 'TRUST_FOLDER', [sb.cwd]: 'DO_NOT_TRUST' });
    expect((await hook()).status).toBe('warn');
    // Folder trust turned off, or the hook in the user settings: nothing to warn about.
    writeFileSync(join(sb.home, '.gemini/settings.json'), JSON.stringify({ security: { folderTrust: { enabled: false } } }));
    expect((await hook()).status).toBe('ok');
  });
});
