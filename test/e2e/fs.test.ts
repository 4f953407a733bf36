import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ALLOW_BY_DEFAULT, BIN, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
let denySsh: string;
beforeEach(() => {
  sb = makeSandbox();
  sb.write('home/.ssh/id_rsa', 'PRIVATE KEY');
  denySsh = sb.write('deny-ssh.yaml', [
    'version: 1', 'default: allow', 'rules:',
    '  - id: test.no-ssh', '    match: { file: { op: [read, copy], path: ["~/.ssh/**"] } }', '    decision: deny',
    '    message: SSH keys stay private.', '',
  ].join('\n'));
});

const auditEvents = () => readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('one rule covers every way of reading ~/.ssh/id_rsa', () => {
  it.each([
    ['nomos fs read ~/.ssh/id_rsa', ['fs', 'read', '~/.ssh/id_rsa']],
    ['nomos fs read with an absolute path', ['fs', 'read', 'HOME/.ssh/id_rsa']],
    ["nomos exec -- 'cat ~/.ssh/id_rsa'", ['exec', '--', 'cat ~/.ssh/id_rsa']],
    ["nomos exec -- 'cp ~/.ssh/id_rsa /tmp/x'", ['exec', '--', 'cp ~/.ssh/id_rsa /tmp/x']],
    ['nomos fs copy ~/.ssh/id_rsa to the workspace', ['fs', 'copy', '~/.ssh/id_rsa', 'stolen']],
    ['nomos fs read through .. tricks', ['fs', 'read', '../work/./../home/.ssh/../.ssh/id_rsa']],
    ['nomos http with the key as a body file', ['http', 'POST', 'http://127.0.0.1:9/', '--data-binary', '@~/.ssh/id_rsa']],
  ])('%s is denied', async (_name, args) => {
    const r = await runCli([args[0]!, '--rules', denySsh, ...args.slice(1).map((a) => a.replace('HOME', sb.home))], sb);
    expect(r.stderr).toMatch(/^nomos: denied by test\.no-ssh: SSH keys stay private\./);
    expect(r.code).toBe(77);
    expect(r.stdout).toBe('');
  });

  it('a symlink in the workspace pointing at the key is decided as the key', async () => {
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'notes.txt'));
    const r = await runCli(['fs', 'read', '--rules', denySsh, 'notes.txt'], sb);
    expect(r.code).toBe(77);
    expect(r.stdout).toBe('');
    const [decision] = auditEvents();
    expect(decision.actions[0]).toMatchObject({ op: 'read', path: join(sb.home, '.ssh/id_rsa') });
  });

  it('the shipped secrets.ssh-keys rule asks (and with no terminal that is a denial)', async () => {
    const r = await runCli(['fs', 'read', '~/.ssh/id_rsa'], sb);
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('secrets.ssh-keys asked');
  });
});

describe('the workspace boundary', () => {
  const workspaceOnly = () => sb.write('ws.yaml', [
    'version: 1', 'default: deny', 'rules:',
    '  - id: test.workspace', '    match: { file: { path: ["${workspace}/**"] } }', '    decision: allow', '',
  ].join('\n'));

  it('allows writes inside and refuses a symlink that escapes it', async () => {
    const rules = workspaceOnly();
    const inside = await runCli(['fs', 'write', '--rules', rules, '--no-builtin', 'ok.txt', '--content', 'fine'], sb);
    expect(inside.code).toBe(0);
    expect(readFileSync(join(sb.cwd, 'ok.txt'), 'utf8')).toBe('fine');
    symlinkSync(join(sb.home, '.bashrc'), join(sb.cwd, 'escape'));
    const out = await runCli(['fs', 'write', '--rules', rules, '--no-builtin', 'escape', '--content', 'evil'], sb);
    expect(out.code).toBe(77);
    expect(() => readFileSync(join(sb.home, '.bashrc'))).toThrow();
  });

  it('refuses .. that climbs out of it', async () => {
    const rules = workspaceOnly();
    const r = await runCli(['fs', 'write', '--rules', rules, '--no-builtin', 'sub/../../outside.txt', '--content', 'x'], sb);
    expect(r.code).toBe(1); // sub does not exist: the kernel fails this path, so does nomos
    mkdirSync(join(sb.cwd, 'sub'));
    const climbed = await runCli(['fs', 'write', '--rules', rules, '--no-builtin', 'sub/../../outside.txt', '--content', 'x'], sb);
    expect(climbed.code).toBe(77);
    expect(() => readFileSync(join(sb.root, 'outside.txt'))).toThrow();
  });
});

describe('nomos fs operations', () => {
  it('is binary safe: write from stdin, read to stdout and copy keep every byte', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
    const run = (args: string[], input?: Buffer) => spawnSync(process.execPath, [BIN, 'fs', '--rules', rules, ...args], { cwd: sb.cwd, env: sb.env, input });
    expect(run(['write', 'in.bin'], bytes).status).toBe(0);
    expect(readFileSync(join(sb.cwd, 'in.bin'))).toEqual(bytes);
    expect(run(['copy', 'in.bin', 'out.bin']).status).toBe(0);
    expect(readFileSync(join(sb.cwd, 'out.bin'))).toEqual(bytes);
    const read = run(['read', 'out.bin']);
    expect(read.status).toBe(0);
    expect(read.stdout).toEqual(bytes);
    const [, outcome] = auditEvents().slice(-2);
    expect(outcome).toMatchObject({ type: 'outcome', exit_code: 0, op: 'read', bytes: 4096 });
  });

  it('lists and stats as JSON, moves, deletes, and reports a missing file like cat', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    sb.write('work/a.txt', 'abc');
    expect((await runCli(['fs', 'move', '--rules', rules, 'a.txt', 'b.txt'], sb)).code).toBe(0);
    const list = await runCli(['fs', 'list', '--rules', rules, '--json', '.'], sb);
    expect(JSON.parse(list.stdout)).toEqual([{ name: 'b.txt', type: 'file', size: 3 }]);
    const stat = await runCli(['fs', 'stat', '--rules', rules, '--json', 'b.txt'], sb);
    expect(JSON.parse(stat.stdout)).toMatchObject({ path: join(sb.cwd, 'b.txt'), type: 'file', size: 3 });
    expect((await runCli(['fs', 'delete', '--rules', rules, 'b.txt'], sb)).code).toBe(0);
    const missing = await runCli(['fs', 'read', '--rules', rules, 'b.txt'], sb);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`nomos: ${join(sb.cwd, 'b.txt')}: no such file or directory\n`);
  });

  it('decides a directory moved or deleted with --recursive by the files below it, and leaves them', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    sb.write('work/.claude/settings.json', '{"hooks":{}}');
    const env = { NOMOS_STATE_DIR: join(sb.home, '.local/state/nomos') };
    sb.write('home/.local/state/nomos/keep', 'x');
    // Before: both ran (allowed by default): the agent's hook settings moved away, nomos's state deleted.
    const moved = await runCli(['fs', 'move', '--rules', rules, '.claude', 'elsewhere'], sb, { env });
    expect([moved.code, moved.stderr]).toEqual([77, expect.stringContaining('self.agent-hooks')]);
    const deleted = await runCli(['fs', 'delete', '--recursive', '--rules', rules, `${sb.home}/.local/state`], sb, { env });
    expect([deleted.code, deleted.stderr]).toEqual([77, expect.stringContaining('denied by self.files')]);
    expect([readFileSync(join(sb.cwd, '.claude/settings.json'), 'utf8'), readFileSync(join(sb.home, '.local/state/nomos/keep'), 'utf8')]).toEqual(['{"hooks":{}}', 'x']);
  });

  it('lists and stats names a terminal would obey escaped; --json keeps them exact', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const erase = 'evil\r\x1b[2Kharmless.txt';
    sb.write(`work/${erase}`, 'x');
    sb.write('work/two\nlines', 'x');
    const list = await runCli(['fs', 'list', '--rules', rules, '.'], sb);
    expect(list.stdout).toBe('evil⟦CR⟧⟦ESC⟧[2Kharmless.txt\ntwo⟦LF⟧lines\n');
    expect(JSON.parse((await runCli(['fs', 'list', '--rules', rules, '--json', '.'], sb)).stdout).map((e: { name: string }) => e.name).sort()).toEqual([erase, 'two\nlines']);
    const stat = await runCli(['fs', 'stat', '--rules', rules, erase], sb);
    expect(stat.stdout).toContain(`path: ${join(sb.cwd, 'evil⟦CR⟧⟦ESC⟧[2Kharmless.txt')}\n`);
  });

  it('rejects an unknown operation with a usage error', async () => {
    const r = await runCli(['fs', 'chown', 'x'], sb);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('unknown operation "chown"');
  });
});

describe('nomos fs read to a pipe', () => {
  const big = () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024 + 123);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE(i, i);
    writeFileSync(join(sb.cwd, 'big.bin'), bytes);
    return bytes;
  };
  const sh = (script: string) => spawnSync('bash', ['-c', script], { cwd: sb.cwd, env: { ...sb.env, NOMOS: `${process.execPath} ${BIN}` }, maxBuffer: 64 << 20 });

  it('passes every byte through a slow reader, and through a pipe the caller made non-blocking', () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const bytes = big();
    const slow = sh(`$NOMOS fs read --rules ${rules} big.bin | (sleep 0.3; cat)`);
    expect(slow.status).toBe(0);
    expect(slow.stdout.equals(bytes)).toBe(true);
    // O_NONBLOCK on the pipe (shared with nomos): direct writes meet EAGAIN and the stream takes over mid-file.
    const nonblocking = `import fcntl, os, sys; fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK); os.execv(sys.argv[1], sys.argv[1:])`;
    const r = sh(`python3 -c '${nonblocking}' ${process.execPath} ${BIN} fs read --rules ${rules} big.bin | (sleep 0.3; cat)`);
    expect(r.stderr.toString()).toBe('');
    expect(r.stdout.length).toBe(bytes.length);
    expect(r.stdout.equals(bytes)).toBe(true);
  });

  it('stops quietly when the reader closes early (| head), and records how far it got', () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    big();
    const r = sh(`$NOMOS fs read --rules ${rules} big.bin | head -c 10 | wc -c; echo "\${PIPESTATUS[0]}"`);
    expect(r.stdout.toString().split('\n').map((l) => l.trim())).toEqual(['10', '0', '']);
    expect(r.stderr.toString()).toBe('');
    const outcome = auditEvents().at(-1);
    expect(outcome).toMatchObject({ type: 'outcome', exit_code: 0, op: 'read', closed: true });
    expect(outcome.bytes).toBeLessThan(5 * 1024 * 1024);
  });
});
