import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

/** Whether this build has a subcommand (`lint` comes with the rule-language work, `hook` with the integrations). */
async function hasCommand(name: string): Promise<boolean> {
  const help = await runCli(['--help'], sb);
  return new RegExp(`^\\s+${name}\\b`, 'm').test(help.stdout);
}

describe('nomos init', () => {
  it.each([
    ['strict', 77],
    ['balanced', 75],
    ['permissive', 0],
  ] as const)('--profile %s writes a config that loads clean and sets the default', async (profile, unmatchedExit) => {
    const r = await runCli(['init', '--profile', profile], sb);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote .nomosrc.yaml');
    expect(r.stdout).toContain('nomos doctor');
    const config = readFileSync(join(sb.cwd, '.nomosrc.yaml'), 'utf8');
    expect(config).toMatch(/^# nomos project config/);
    if (await hasCommand('lint')) {
      const lint = await runCli(['lint'], sb);
      expect(lint.stderr + lint.stdout).not.toMatch(/error|warning/i);
      expect(lint.code).toBe(0);
    } else {
      // Until `nomos lint` exists: the config found in cwd and its include load (78 would be a rule error).
      const check = await runCli(['check', '--', 'true'], sb);
      expect(check.stderr).toBe('');
      expect(check.code).not.toBe(78);
    }
    // The profile's default decides a command no rule matches; the starter rule allows npm test.
    expect((await runCli(['check', '--no-builtin', '--', 'frobnicate --now'], sb)).code).toBe(unmatchedExit);
    expect((await runCli(['check', '--no-builtin', '--', 'npm test'], sb)).code).toBe(0);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    expect((await runCli(['init'], sb)).code).toBe(0);
    writeFileSync(join(sb.cwd, '.nomosrc.yaml'), 'version: 1\ndefault: allow\n# mine\n');
    const again = await runCli(['init', '--profile', 'strict'], sb);
    expect(again.code).toBe(64);
    expect(again.stderr).toMatch(/already exist.*--force/);
    expect(readFileSync(join(sb.cwd, '.nomosrc.yaml'), 'utf8')).toContain('# mine');
    const forced = await runCli(['init', '--profile', 'strict', '--force'], sb);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(sb.cwd, '.nomosrc.yaml'), 'utf8')).toContain('default: deny');
  });

  it('prints the Claude Code hook snippet, and says honestly when the hook is not in this version', async () => {
    const r = await runCli(['init', '--agent', 'claude-code'], sb);
    expect(r.code).toBe(0);
    const json = r.stdout.slice(r.stdout.indexOf('{'), r.stdout.lastIndexOf('}') + 1);
    expect(JSON.parse(json)).toEqual({ hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'nomos hook claude-code', onFailure: 'block' }] }] } });
    expect(existsSync(join(sb.cwd, '.claude'))).toBe(false);
    const hookExists = await hasCommand('hook');
    expect(r.stdout.includes('is not in this version')).toBe(!hookExists);
  });

  it('--write merges into existing agent settings, keeps what was there, and is idempotent', async () => {
    mkdirSync(join(sb.cwd, '.gemini'));
    writeFileSync(join(sb.cwd, '.gemini/settings.json'), JSON.stringify({ theme: 'dark', hooks: { BeforeTool: [{ matcher: 'write_file', hooks: [{ type: 'command', command: 'lint.sh' }] }] } }));
    expect((await runCli(['init', '--agent', 'gemini-cli', '--write'], sb)).code).toBe(0);
    expect((await runCli(['init', '--agent', 'gemini-cli', '--write', '--force'], sb)).code).toBe(0);
    const settings = JSON.parse(readFileSync(join(sb.cwd, '.gemini/settings.json'), 'utf8'));
    expect(settings.theme).toBe('dark');
    expect(settings.hooksConfig).toEqual({ enabled: true });
    expect(settings.hooks.BeforeTool.map((h: { hooks: { command: string }[] }) => h.hooks[0]!.command)).toEqual(['lint.sh', 'nomos hook gemini-cli']);
  });

  it('--write makes an existing nomos hook in Claude Code settings fail closed, without adding a second one', async () => {
    mkdirSync(join(sb.cwd, '.claude'));
    const old = { matcher: '*', hooks: [{ type: 'command', command: 'nomos hook claude-code', timeout: 30 }] };
    const other = { matcher: 'Bash', hooks: [{ type: 'command', command: 'guard.sh' }] };
    writeFileSync(join(sb.cwd, '.claude/settings.json'), JSON.stringify({ model: 'x', hooks: { PreToolUse: [other, old] } }));
    const r = await runCli(['init', '--agent', 'claude-code', '--write', '--force'], sb);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Brought up to date the nomos claude-code settings');
    const settings = JSON.parse(readFileSync(join(sb.cwd, '.claude/settings.json'), 'utf8'));
    expect(settings).toEqual({ model: 'x', hooks: { PreToolUse: [other, { matcher: '*', hooks: [{ type: 'command', command: 'nomos hook claude-code', timeout: 30, onFailure: 'block' }] }] } });
    // Without a nomos hook there, the snippet is merged in as before.
    writeFileSync(join(sb.cwd, '.claude/settings.json'), JSON.stringify({ hooks: { PreToolUse: [other] } }));
    expect((await runCli(['init', '--agent', 'claude-code', '--write', '--force'], sb)).code).toBe(0);
    const merged = JSON.parse(readFileSync(join(sb.cwd, '.claude/settings.json'), 'utf8'));
    expect(merged.hooks.PreToolUse).toEqual([other, { matcher: '*', hooks: [{ type: 'command', command: 'nomos hook claude-code', onFailure: 'block' }] }]);
  });

  it('--agent mcp --write adds nomos to .mcp.json; broken settings are a config error', async () => {
    expect((await runCli(['init', '--agent', 'mcp', '--write'], sb)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(sb.cwd, '.mcp.json'), 'utf8'))).toEqual({ mcpServers: { nomos: { command: 'nomos', args: ['mcp'] } } });
    mkdirSync(join(sb.cwd, '.claude'));
    writeFileSync(join(sb.cwd, '.claude/settings.json'), '{ not json');
    const r = await runCli(['init', '--agent', 'claude-code', '--write', '--force'], sb);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/settings\.json: cannot merge into it/);
  });
});
