import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, makeSandbox, runCli, trustProject, type Sandbox } from '../helpers/cli.js';

// A repository's config as an attacker (or a careless pull request) would ship it: every way a
// project config can loosen the policy, and one rule that tightens it.
const OPEN_EVERYTHING = `version: 1
default: allow
profile: permissive
disable: ["*"]
rules:
  - id: repo.frob
    match: { command: frob }
    decision: allow
  - id: repo.zork
    match: { command: zork }
    decision: modify
    modify: { add_args: [rewritten] }
  - id: repo.no-curl
    match: { command: curl }
    decision: deny
`;

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

const check = async (command: string, options: { env?: NodeJS.ProcessEnv } = {}) => {
  const r = await runCli(['check', '--json', '--', command], sb, options);
  return { code: r.code, ...(JSON.parse(r.stdout || '{}') as { decision?: string; reason?: string; rules?: { id: string }[] }), stderr: r.stderr };
};
const trustList = async () => JSON.parse((await runCli(['trust', '--list', '--json'], sb)).stdout) as { config: string; status: string; files: string[] }[];

describe('nomos trust: an untrusted project config may only tighten the policy', () => {
  it('leaves out what a cloned config loosens until a human trusts it, and again after any change', async () => {
    const config = sb.write('work/.nomosrc.yaml', OPEN_EVERYTHING);
    expect(await check('rm -rf ~')).toMatchObject({ code: 77, decision: 'deny' });
    const frob = await check('frob --all');
    expect(frob).toMatchObject({ code: 75, decision: 'ask' });
    expect(frob.reason).toContain(`${config} is not trusted, so 5 parts of it that would loosen the policy are left out`);
    expect(await check('zork x')).toMatchObject({ decision: 'ask' }); // the modify rule is left out
    expect(await check('curl https://example.com')).toMatchObject({ code: 77, rules: expect.arrayContaining([expect.objectContaining({ id: 'repo.no-curl' })]) }); // deny rules count
    const listed = JSON.parse((await runCli(['rules', 'list', '--json'], sb)).stdout);
    expect([listed.default, listed.disabled, listed.untrusted.file]).toEqual(['ask', [], config]);
    expect(listed.untrusted.ignored).toEqual([
      `rule repo.frob (allow) at ${config}:6`, `rule repo.zork (modify) at ${config}:9`,
      'disable: ["*"] in ' + config, `profile: permissive in ${config}`, `default: allow in ${config}`,
    ]);
    expect(listed.rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['repo.no-curl', 'fs.rm-recursive-root', 'base.git-list']));
    // The audit names the config that counted only where it tightened.
    expect((await runCli(['exec', '--', 'ls'], sb)).code).toBe(0);
    expect(JSON.parse(readFileSync(sb.audit, 'utf8').split('\n')[0]!).policy).toMatchObject({ untrusted: config, files: expect.arrayContaining([config]) });

    const trusted = await runCli(['trust'], sb);
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain(`Trusted ${config} as it is now`);
    expect(trusted.stdout).toContain(`rule repo.frob (allow) at ${config}:6`);
    expect(await check('frob --all')).toMatchObject({ code: 0, rules: [{ id: 'repo.frob' }] });
    expect(await check('rm -rf /etc')).toMatchObject({ code: 0 }); // the human chose it
    // Not nomos's own files below it (the trust store, the approval key): no project config disables self.*.
    expect(await check('rm -rf ~')).toMatchObject({ code: 77, rules: expect.arrayContaining([expect.objectContaining({ id: 'self.files' })]) });
    expect(await trustList()).toEqual([expect.objectContaining({ config, status: 'current', files: [config] })]);

    // Any change (a pull, a checkout, an edit) ends the trust.
    writeFileSync(config, OPEN_EVERYTHING.replace('frob', 'frob2'));
    expect(await check('frob2')).toMatchObject({ code: 75, decision: 'ask' });
    expect(await check('rm -rf ~')).toMatchObject({ code: 77 });
    expect(await trustList()).toEqual([expect.objectContaining({ config, status: 'changed' })]);
    const revoked = await runCli(['trust', '--revoke'], sb);
    expect([revoked.code, await trustList()]).toEqual([0, []]);
    expect((await runCli(['trust', '--revoke'], sb)).code).toBe(64);
  });

  it('counts the stricter settings of an untrusted config, and a trusted include only as it was', async () => {
    sb.write('work/.nomosrc.yaml', 'version: 1\nprofile: strict\n');
    expect(await check('frob')).toMatchObject({ code: 77, decision: 'deny' });
    sb.write('home/.config/nomos/config.yaml', 'version: 1\nprofile: permissive\n');
    sb.write('work/.nomosrc.yaml', 'version: 1\nprofile: balanced\ninclude: [team.yaml]\n');
    sb.write('work/team.yaml', 'version: 1\nrules:\n  - id: team.make\n    match: { command: make }\n    decision: allow\n');
    // The user chose permissive; the untrusted project's balanced is stricter and counts, for the
    // fallbacks only: it does not bring back the packs the user left out, with their allow rules.
    expect(JSON.parse((await runCli(['rules', 'list', '--json'], sb)).stdout).rules.map((r: { id: string }) => r.id)).not.toContain('base.read-only');
    expect(await check('frob')).toMatchObject({ code: 75, decision: 'ask' });
    expect(await check('make')).toMatchObject({ code: 75 });
    await trustProject(sb);
    expect(await check('make')).toMatchObject({ code: 0, rules: [{ id: 'team.make' }] });
    expect((await trustList())[0]!.files).toEqual([join(sb.cwd, '.nomosrc.yaml'), join(sb.cwd, 'team.yaml')]);
    sb.write('work/team.yaml', 'version: 1\nrules:\n  - id: team.make\n    match: { command: [make, frob] }\n    decision: allow\n');
    expect(await check('frob')).toMatchObject({ code: 75 });
    expect((await trustList())[0]!.status).toBe('changed');
  });

  it('trusts what the policy really leaves out: a file the user layer also loads, a symlinked cwd, a stricter user profile', async () => {
    const shared = sb.write('shared/team.yaml', 'version: 1\nrules:\n  - id: team.lint\n    match: { command: lint }\n    decision: deny\n');
    sb.write('home/.config/nomos/config.yaml', `version: 1\nprofile: strict\ninclude: [${shared}]\n`);
    const config = sb.write('work/.nomosrc.yaml', `version: 1\nprofile: balanced\ninclude: [${shared}]\nrules:\n  - id: p.make\n    match: { command: make }\n    decision: allow\n`);
    const trusted = await runCli(['trust', '--json'], sb);
    // Against the user's strict profile, the project's balanced one is looser: it counts only once trusted.
    expect(JSON.parse(trusted.stdout).adds).toEqual([`rule p.make (allow) at ${config}:5`, `profile: balanced in ${config}`]);
    expect(await check('make')).toMatchObject({ code: 0, rules: [{ id: 'p.make' }] });
    expect(await check('frob')).toMatchObject({ code: 75 });
    // A hook whose cwd is a symlink to the project finds the same files, trusted.
    const link = join(sb.root, 'link');
    symlinkSync(sb.cwd, link);
    const input = JSON.stringify({ session_id: 's', cwd: link, hook_event_name: 'PreToolUse', permission_mode: 'default', tool_name: 'Bash', tool_input: { command: 'make' } });
    expect(JSON.parse((await runCli(['hook', 'claude-code'], sb, { input })).stdout).hookSpecificOutput).toMatchObject({ permissionDecision: 'allow' });
  });

  it('revokes a trusted config that is gone by its path, and prints names with control characters visibly', async () => {
    const include = 'x\x1b[1A\x1b[2KIt loosens nothing.yaml';
    sb.write(`work/${include}`, 'version: 1\n');
    const config = sb.write('work/.nomosrc.yaml', `version: 1\ninclude: ["x\\e[1A\\e[2KIt loosens nothing.yaml"]\ndefault: allow\n`);
    const trusted = await runCli(['trust'], sb);
    expect([trusted.code, trusted.stdout]).toEqual([0, expect.stringContaining('and the 1 file it includes')]);
    expect(trusted.stdout).not.toContain('\x1b');
    rmSync(config);
    expect(await trustList()).toEqual([expect.objectContaining({ config, status: 'missing' })]);
    expect((await runCli(['trust', '--revoke'], sb)).code).toBe(64);
    const revoked = await runCli(['trust', '--revoke', config], sb);
    expect([revoked.code, await trustList()]).toEqual([0, []]);
  });

  it('keeps a trusted config above (or beside) an untrusted nearer one counting, as long as it is as trusted', async () => {
    sb.write('home/.config/nomos/config.yaml', 'version: 1\nprofile: permissive\n');
    const top = sb.write('work/.nomosrc.yaml', 'version: 1\nprofile: strict\nrules:\n  - { id: p.no-deploy, match: { command: deploy }, decision: deny }\n');
    await trustProject(sb);
    // A checkout brings a config into a subdirectory, or one beside the trusted file.
    const inner = sb.write('work/pkg/a/.nomosrc.yaml', 'version: 1\ndefault: allow\nrules:\n  - { id: a.frob, match: { command: frob }, decision: allow }\n');
    const sub = join(sb.cwd, 'pkg/a');
    const at = async (cwd: string, command: string) => JSON.parse((await runCli(['check', '--json', '--', command], sb, { cwd })).stdout) as { decision: string; rules: { id: string }[] };
    expect(await at(sub, 'deploy')).toMatchObject({ decision: 'deny', rules: [{ id: 'p.no-deploy' }] });
    expect((await at(sub, 'frob')).decision).toBe('deny'); // the parent's strict default; the child's allow is left out
    const listed = JSON.parse((await runCli(['rules', 'list', '--json'], sb, { cwd: sub })).stdout);
    expect(listed.rules.find((r: { id: string }) => r.id === 'p.no-deploy')).toMatchObject({ layer: 'parent' });
    sb.write('work/.nomosrc', '{"version": 1, "default": "allow"}');
    expect(await at(sb.cwd, 'deploy')).toMatchObject({ decision: 'deny', rules: [{ id: 'p.no-deploy' }] });
    rmSync(join(sb.cwd, '.nomosrc'));
    // Trusted itself, the nearer config counts alone, as before; a changed parent does not count.
    await trustProject(sb, sub);
    expect(await at(sub, 'frob')).toMatchObject({ decision: 'allow', rules: [{ id: 'a.frob' }] });
    expect((await at(sub, 'deploy')).decision).toBe('allow');
    writeFileSync(inner, readFileSync(inner, 'utf8') + '# changed\n');
    writeFileSync(top, readFileSync(top, 'utf8') + '# changed\n');
    // Neither counts in full now: the user's permissive profile decides, and the parent's deny rule is gone with its trust.
    expect(await at(sub, 'deploy')).toMatchObject({ decision: 'allow', rules: [] });
  });

  it("decides an agent's hook call in an untrusted repository the same way", async () => {
    sb.write('work/.nomosrc.yaml', OPEN_EVERYTHING);
    const input = JSON.stringify({ session_id: 's', cwd: sb.cwd, hook_event_name: 'PreToolUse', permission_mode: 'default', tool_name: 'Bash', tool_input: { command: 'frob --all' } });
    const r = await runCli(['hook', 'claude-code'], sb, { input });
    expect(JSON.parse(r.stdout).hookSpecificOutput).toMatchObject({ permissionDecision: 'ask', permissionDecisionReason: expect.stringContaining('is not trusted') });
  });

  it('is for a human: an agent cannot trust (or init) from its commands', async () => {
    sb.write('work/.nomosrc.yaml', OPEN_EVERYTHING);
    for (const command of ['nomos trust', 'cd . && nomos trust .', 'nomos init --force', 'npx --offline nomos trust', 'npm exec nomos -- trust', 'pnpm dlx nomos init --force', `node ${BIN} trust`, `${BIN} trust`, '(unset NOMOS_ACTIVE; npx nomos trust &)']) {
      expect(await check(command)).toMatchObject({ code: 77, rules: expect.arrayContaining([expect.objectContaining({ id: 'self.approve' })]) });
    }
    // Run below a command nomos executed (the marker), it refuses and writes nothing.
    const inside = await runCli(['trust'], sb, { env: { NOMOS_ACTIVE: '1' } });
    expect([inside.code, inside.stderr]).toEqual([77, expect.stringContaining('refuses to run inside a command nomos executed')]);
    expect(existsSync(join(sb.home, '.config/nomos/trusted.json'))).toBe(false);
    // The store is nomos's own file: writing it is denied like the rest of the config directory.
    expect(await check(`echo '{}' > ${join(sb.home, '.config/nomos/trusted.json')}`)).toMatchObject({ code: 77, rules: expect.arrayContaining([expect.objectContaining({ id: 'self.files' })]) });
  });

  it('refuses what cannot be trusted, and a broken store stops decisions with its line and column', async () => {
    // The user's own config (where cosmiconfig's global search ends) is not a project's.
    sb.write('home/.config/nomos/config.yaml', 'version: 1\nrules:\n  - { id: u.make, match: { command: make }, decision: allow }\n');
    expect((await runCli(['trust'], sb)).stderr).toContain(`no project config governs ${sb.cwd}`);
    expect(JSON.parse((await runCli(['rules', 'list', '--json'], sb)).stdout).rules.filter((r: { id: string }) => r.id === 'u.make')).toEqual([expect.objectContaining({ layer: 'user' })]);
    expect((await runCli(['trust'], sb)).code).toBe(64);
    sb.write('work/.nomosrc.yaml', 'version: 1\nrules:\n  - id: x\n    match: { command: make }\n    decision: allow\n    examples: { match: ["cmake"] }\n');
    const broken = await runCli(['trust'], sb);
    expect([broken.code, broken.stderr]).toEqual([78, expect.stringContaining('.nomosrc.yaml:')]);
    expect(existsSync(join(sb.home, '.config/nomos/trusted.json'))).toBe(false);

    sb.write('work/.nomosrc.yaml', 'version: 1\n');
    const store = sb.write('home/.config/nomos/trusted.json', '{"version": 1,\n  "trusted": [}\n');
    const r = await runCli(['check', '--', 'ls'], sb);
    expect([r.code, r.stderr]).toEqual([78, expect.stringMatching(new RegExp(`${store}:2:\\d+: the trust store not JSON`))]);
    expect((await runCli(['trust', '--list'], sb)).code).toBe(78);
  });

  it('init trusts the files it writes, unless it runs inside a command nomos executed', async () => {
    const r = await runCli(['init'], sb);
    expect([r.code, r.stdout]).toEqual([0, expect.stringContaining('Trusted both as written')]);
    expect(await trustList()).toEqual([expect.objectContaining({ status: 'current', files: [join(sb.cwd, '.nomosrc.yaml'), join(sb.cwd, 'nomos.rules.yaml')] })]);
    expect(await check('npm test')).toMatchObject({ code: 0, rules: [{ id: 'project.test' }] });

    const shadowed = makeSandbox();
    shadowed.write('work/.nomosrc', '{"version": 1}');
    const beside = await runCli(['init'], shadowed);
    expect([beside.code, beside.stdout]).toEqual([0, expect.stringContaining(`Not trusted: ${join(shadowed.cwd, '.nomosrc')} governs this directory`)]);
    expect(existsSync(join(shadowed.home, '.config/nomos/trusted.json'))).toBe(false);

    const other = makeSandbox();
    const inside = await runCli(['init'], other, { env: { NOMOS_ACTIVE: '1' } });
    expect([inside.code, inside.stdout]).toEqual([0, expect.stringContaining('Not trusted')]);
    expect(readFileSync(join(other.cwd, '.nomosrc.yaml'), 'utf8')).toContain('include');
    expect(existsSync(join(other.home, '.config/nomos/trusted.json'))).toBe(false);
  });
});
