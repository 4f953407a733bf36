import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALLOW_BY_DEFAULT, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

const auditEvents = () => readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('nomos exec', () => {
  it('runs an allowed shell string with the shipped rules and passes its output through', async () => {
    sb.write('work/a.txt', 'x');
    const r = await runCli(['exec', '--', 'echo hello && ls'], sb);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello\na.txt\n');
    expect(r.code).toBe(0);
  });

  it('denies rm -rf / without running anything, and says which rule', async () => {
    const r = await runCli(['exec', '--', 'echo ran > marker && rm -rf /'], sb);
    expect(r.code).toBe(77);
    expect(r.stderr).toMatch(/^nomos: denied by fs\.rm-recursive-root: /);
    expect(() => readFileSync(`${sb.cwd}/marker`)).toThrow();
  });

  it('prints no warning for the internal bindings it starts commands with, even when Node is told to warn or throw on deprecations', async () => {
    // src/bindings.ts uses process.binding('process_wrap'), which --pending-deprecation flags (DEP0111).
    for (const flags of ['--pending-deprecation --throw-deprecation', '--pending-deprecation --trace-deprecation']) {
      const r = await runCli(['exec', '--', 'echo ran'], sb, { env: { NODE_OPTIONS: flags } });
      expect({ flags, ...r }).toMatchObject({ flags, code: 0, stdout: 'ran\n', stderr: '' });
    }
  });

  it('runs a plain one-program command without bash, and the program sees what it sees through bash', async () => {
    // A bash first on PATH that notes each start, and a copy of env(1) to print what the program sees.
    const log = `${sb.root}/bash-starts.log`;
    sb.write('bin/bash', `#!/bin/sh\necho "$*" >> '${log}'\nexec /bin/bash "$@"\n`);
    sb.write('bin/elf-env', '');
    copyFileSync('/usr/bin/env', `${sb.root}/bin/elf-env`);
    for (const f of ['bash', 'elf-env']) chmodSync(`${sb.root}/bin/${f}`, 0o755);
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const env = { PATH: `${sb.root}/bin:${process.env.PATH}`, OLDPWD: '/nomos-missing', SHLVL: '4' };
    const direct = await runCli(['exec', '--rules', rules, '--', 'elf-env'], sb, { env });
    expect(existsSync(log)).toBe(false);
    // A comment makes it more than one program with plain words: bash runs it.
    const viaBash = await runCli(['exec', '--rules', rules, '--', 'elf-env # through bash'], sb, { env });
    expect(readFileSync(log, 'utf8')).toBe('-c -- elf-env # through bash\n');
    const lines = (out: string) => out.split('\n').sort();
    expect(direct.code).toBe(0);
    expect(lines(direct.stdout)).toEqual(lines(viaBash.stdout));
    expect(direct.stdout).toMatch(/^SHLVL=4$/m);
    expect(direct.stdout).not.toMatch(/^OLDPWD=/m);
  });

  it('runs a command string that starts with a dash as a command, not as options to bash', async () => {
    sb.write('bin/-x', '#!/bin/sh\necho "dash program: $*"\n');
    chmodSync(`${sb.root}/bin/-x`, 0o755);
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const env = { PATH: `${sb.root}/bin:${process.env.PATH}` };
    // Through bash (the comment), and directly: the same program either way.
    for (const command of ['-x hello # through bash', '-x hello']) {
      const r = await runCli(['exec', '--rules', rules, '--', command], sb, { env });
      expect({ command, code: r.code, stdout: r.stdout }).toEqual({ command, code: 0, stdout: 'dash program: hello\n' });
    }
  });

  it('does not allow a program by its name where the PATH it is looked up in has `.` or a relative entry (a file the agent wrote runs)', async () => {
    const marker = `${sb.cwd}/marker`;
    const rules = sb.write('allow-mytool.yaml', 'version: 1\nrules:\n  - id: t.mytool\n    match: { command: mytool }\n    decision: allow\n');
    sb.write('work/mytool', `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(`${sb.cwd}/mytool`, 0o755);
    // What bash does with it: the file in cwd runs for the name.
    const path = `${process.env.PATH}:.`;
    spawnSync('bash', ['-c', 'mytool'], { cwd: sb.cwd, env: { ...sb.env, PATH: path } });
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    for (const searched of [path, `${process.env.PATH}:`, `bin:${process.env.PATH}`]) {
      const r = await runCli(['exec', '--rules', rules, '--', 'mytool'], sb, { env: { PATH: searched } });
      expect({ searched, code: r.code }).toEqual({ searched, code: 77 });
      expect(r.stderr).toContain('it may be another program than its name says');
      expect(existsSync(marker)).toBe(false);
    }
    // An appended PATH on the command is the old one and `.`, not `.` alone.
    const appended = await runCli(['check', '--rules', rules, '--', 'PATH+=:. mytool'], sb);
    expect(appended.stdout).toContain('looked up in PATH=$PATH:.;');
    // With an absolute PATH, the rule allows it.
    const plain = await runCli(['check', '--rules', rules, '--', 'mytool'], sb);
    expect(plain.code).toBe(0);
  });

  it('does not run a command bash would replace with an exported function or precede with BASH_ENV\'s code', async () => {
    const marker = `${sb.cwd}/marker`;
    const fn = { 'BASH_FUNC_ls%%': `() { touch ${marker}; }` };
    // What bash does with it: the function runs for ls.
    spawnSync('bash', ['-c', 'ls'], { cwd: sb.cwd, env: { ...sb.env, ...fn } });
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    const r = await runCli(['exec', '--', 'ls'], sb, { env: fn });
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('the environment defines a bash function ls, which runs instead of the program');
    expect(existsSync(marker)).toBe(false);
    const startup = sb.write('startup.sh', `touch ${marker}\n`);
    const b = await runCli(['exec', '--', 'ls'], sb, { env: { BASH_ENV: startup } });
    expect(b.code).toBe(77);
    expect(b.stderr).toContain("BASH_ENV is set: bash runs that file's code before the command");
    expect(existsSync(marker)).toBe(false);
    // A function named for another program (RHEL exports `which`) changes nothing for ls.
    const other = await runCli(['exec', '--', 'ls'], sb, { env: { 'BASH_FUNC_which%%': '() { :; }' } });
    expect(other.code).toBe(0);
  });

  it('does not run a program with BASH_ENV set, or bash with options or a PS4 with code from the environment', async () => {
    const marker = `${sb.cwd}/marker`;
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const startup = sb.write('startup.sh', `touch ${marker}\n`);
    // A program and its words, run without bash: the bash among them still runs BASH_ENV's file first.
    const argv = await runCli(['exec', '--rules', rules, '--', 'bash', '-c', 'true'], sb, { env: { BASH_ENV: startup } });
    expect(argv.stderr).toContain("BASH_ENV is set: bash runs that file's code before the command");
    expect(argv.code).not.toBe(0);
    expect(existsSync(marker)).toBe(false);
    // SHELLOPTS=xtrace makes bash print PS4 before each command, running the substitutions in it (bash ignores PS4 from
    // the environment only as root); BASHOPTS=cdable_vars sends `cd k` to $k.
    const ps4 = { PS4: `$(touch ${marker})` };
    if (process.getuid?.() !== 0) {
      spawnSync('bash', ['-c', 'true'], { cwd: sb.cwd, env: { ...sb.env, ...ps4, SHELLOPTS: 'xtrace' } });
      expect(existsSync(marker)).toBe(true);
      rmSync(marker);
    }
    for (const env of [{ ...ps4, SHELLOPTS: 'xtrace' }, { BASHOPTS: 'cdable_vars' }, ps4]) {
      const r = await runCli(['exec', '--rules', rules, '--', 'ls'], sb, { env });
      expect(r.stderr, JSON.stringify(env)).toMatch(/(SHELLOPTS|BASHOPTS) is set: bash takes options from it|PS4 holds a command substitution/);
      expect(r.code).not.toBe(0);
      expect(existsSync(marker)).toBe(false);
    }
    // A PS4 with only variables, as many set for tracing, changes nothing.
    expect((await runCli(['exec', '--rules', rules, '--', 'ls'], sb, { env: { PS4: '+${BASH_SOURCE}:${LINENO}: ' } })).code).toBe(0);
  });

  it('passes the child exit code through', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const r = await runCli(['exec', '--rules', rules, '--', 'exit 3'], sb);
    expect(r.code).toBe(3);
  });

  it('reports a child killed by a signal and exits 128+n', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const r = await runCli(['exec', '--rules', rules, '--', 'sh', '-c', 'kill -TERM $$'], sb);
    expect(r.stderr).toContain('nomos: command was killed by SIGTERM');
    expect(r.code).toBe(143);
  });

  it('runs an argv directly, without a shell', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const r = await runCli(['exec', '--rules', rules, '--', 'printf', '%s|', 'a b', '$HOME'], sb);
    expect(r.stdout).toBe('a b|$HOME|');
    expect(r.code).toBe(0);
  });

  it('gives 127 and a clear message for a missing program', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const direct = await runCli(['exec', '--rules', rules, '--', 'no-such-program-x', 'arg'], sb);
    expect(direct.code).toBe(127);
    expect(direct.stderr).toBe('nomos: no-such-program-x: command not found\n');
    const viaShell = await runCli(['exec', '--rules', rules, '--', 'no-such-program-x'], sb);
    expect(viaShell.code).toBe(127);
    expect(viaShell.stderr).toContain('no-such-program-x: command not found');
  });

  it('kills the command at --timeout and exits 124', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const r = await runCli(['exec', '--rules', rules, '--timeout', '300ms', '--', 'sleep 10'], sb);
    expect(r.code).toBe(124);
    expect(r.stderr).toContain('timed out after 300ms');
  });

  it('forwards SIGTERM sent to nomos to the child, even the moment the child has started', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    // Several at once, each signalled as soon as its child speaks: nomos used to install its
    // handlers only after execa returned, so a signal in that window killed nomos and
    // orphaned the command (2 of 8 under load).
    const once = async (i: number) => {
      const child = spawn(process.execPath, [BIN, 'exec', '--session', `sig${i}`, '--rules', rules, '--', `trap 'echo got-term; exit 9' TERM; echo ready; while :; do sleep 0.05; done`], { cwd: sb.cwd, env: sb.env });
      let out = '';
      await new Promise<void>((res) => child.stdout.on('data', (d) => { out += d; if (out.includes('ready')) res(); }));
      child.kill('SIGTERM');
      const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
      const timeout = new Promise<string>((res) => setTimeout(() => res('hung'), 10_000));
      const code = await Promise.race([exited, timeout]);
      if (code === 'hung') child.kill('SIGKILL');
      return { code, out };
    };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => once(i)));
    for (const r of results) {
      expect(r.out).toContain('got-term');
      expect(r.code).toBe(9);
    }
  });

  it('fails closed when approval is needed and there is no terminal', async () => {
    const r = await runCli(['exec', '--', 'npm --version'], sb);
    expect(r.code).toBe(77);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^nomos: waiting for approval .*nomos approve [0-9a-f]{8} --allow\|--deny.*\nnomos: denied: approval needed .*: no answer within 3 s\n$/);
  });

  it('records the decision and the outcome in a hash-chained audit log', async () => {
    const r = await runCli(['exec', '--', 'echo hi'], sb);
    expect(r.code).toBe(0);
    const [decision, outcome] = auditEvents();
    expect(decision).toMatchObject({ type: 'decision', decision: 'allow', request: 'echo hi', session: 'test-session' });
    expect(outcome).toMatchObject({ type: 'outcome', decision_id: decision.id, exit_code: 0 });
    expect(outcome.prev).toBe(decision.hash);
  });

  it('names the exact policy it decided by, on a first call, from the policy cache, and after a rule file changed', async () => {
    const { createHash } = await import('node:crypto');
    const digest = (files: string[]) => {
      const h = createHash('sha256');
      for (const f of files) h.update(f).update('\0').update(readFileSync(f)).update('\0');
      return h.digest('hex');
    };
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    for (const _ of [1, 2]) expect((await runCli(['exec', '--rules', rules, '--', 'true'], sb)).code).toBe(0);
    sb.write('allow.yaml', `${ALLOW_BY_DEFAULT}\n# changed\n`);
    expect((await runCli(['exec', '--rules', rules, '--', 'true'], sb)).code).toBe(0);
    const decisions = auditEvents().filter((e) => e.type === 'decision');
    expect(decisions).toHaveLength(3);
    expect(decisions[0].policy.files).toContain(rules);
    expect(decisions[0].policy.sha256).toBe(decisions[1].policy.sha256);
    expect(decisions[2].policy.sha256).not.toBe(decisions[1].policy.sha256);
    expect(decisions[2].policy.sha256).toBe(digest(decisions[2].policy.files));
    sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    expect(decisions[1].policy.sha256).toBe(digest(decisions[1].policy.files));
  });

  it('sets NOMOS_SESSION for the child so nested calls join the session', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const r = await runCli(['exec', '--rules', rules, '--session', 'abc', '--', 'echo $NOMOS_SESSION'], sb);
    expect(r.stdout).toBe('abc\n');
  });
});

describe('usage and config errors', () => {
  it('exits 64 on an unknown option', async () => {
    const r = await runCli(['exec', '--bogus', '--', 'ls'], sb);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('exits 64 when no command is given', async () => {
    const r = await runCli(['check'], sb);
    expect(r.code).toBe(64);
  });

  it('refuses to decide with a broken rule file: exit 78 with file:line:col', async () => {
    const rules = sb.write('bad.yaml', 'version: 1\nrules:\n  - id: x\n    match: { command: ls }\n    decision: allow\n    bogus: 1\n');
    const r = await runCli(['exec', '--rules', rules, '--', 'ls'], sb);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`${rules}:6:5`); // the unknown key itself
    expect(r.stderr).toContain('unknown key "bogus"');
  });

  it('reports a YAML syntax error with its position', async () => {
    const rules = sb.write('bad.yaml', 'version: 1\nrules: [\n');
    const r = await runCli(['check', '--rules', rules, '--', 'ls'], sb);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(new RegExp(`${rules.replace(/[.]/g, '\\.')}:\\d+:\\d+`));
  });

  it('refuses a missing --rules file', async () => {
    const r = await runCli(['check', '--rules', 'nope.yaml', '--', 'ls'], sb);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('cannot read rule file');
  });
});
