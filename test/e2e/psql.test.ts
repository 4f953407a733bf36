import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

// A PostgreSQL server of this test's own (.ci/run installs PostgreSQL), on a socket in a temporary directory: the real psql
// against it shows what its meta-commands run, and what nomos decides for them. PostgreSQL refuses to run as root, so
// under root the server runs as the postgres user the package creates.
const BIN = readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(`${d}/initdb`))!;
const root = process.getuid?.() === 0;
let dir = '';

function asServer(program: string, args: string[]): void {
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', `${BIN}/${program}`, ...args]] : [`${BIN}/${program}`, args];
  execFileSync(file, argv, { stdio: 'ignore', timeout: 60_000 });
}

beforeAll(() => {
  // The run's own temporary directory is private to this user: the postgres user's server gets one in /tmp (removed at the end).
  dir = mkdtempSync(join(root ? '/tmp' : tmpdir(), 'nomos-pg-'));
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  asServer('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  asServer('pg_ctl', ['-D', `${dir}/data`, '-o', `-k ${dir} -c listen_addresses=''`, '-l', `${dir}/log`, '-w', 'start']);
}, 120_000);

afterAll(() => {
  if (existsSync(`${dir}/data/postmaster.pid`)) asServer('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
  rmSync(dir, { recursive: true, force: true });
});

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

/** Everything is allowed but `touch`; what nomos cannot analyse is denied. */
const RULES = 'version: 1\ndefault: allow\nopaque: deny\nrules:\n  - id: t.no-touch\n    match: { command: touch }\n    decision: deny\n';
const psql = (args: string) => `psql -h ${dir} -U postgres -X ${args}`;

describe('psql against a real PostgreSQL server', () => {
  it("runs `-c '\\! cmd'` through a shell: nomos decides cmd (denied here), and runs SQL that stays in the database", async () => {
    // The real psql runs the command (it made the file, before nomos read `\!`).
    spawnSync('bash', ['-c', psql(`-c '\\! touch ran-directly'`)], { cwd: sb.cwd });
    expect(existsSync(join(sb.cwd, 'ran-directly'))).toBe(true);
    const rules = sb.write('rules.yaml', RULES);
    const denied = await runCli(['exec', '--rules', rules, '--', psql(`-c '\\! touch through-nomos'`)], sb);
    expect(denied.stderr).toMatch(/^nomos: denied by t\.no-touch/);
    expect(denied.code).toBe(77);
    expect(existsSync(join(sb.cwd, 'through-nomos'))).toBe(false);
    const sql = await runCli(['exec', '--rules', rules, '--', psql(`-At -c 'select 40 + 2'`)], sb);
    expect(sql).toMatchObject({ code: 0, stdout: '42\n' });
  });

  it('runs `-o |cmd`, other meta-commands and COPY … PROGRAM (on the server: this machine), which nomos decides or cannot read', async () => {
    const rules = sb.write('rules.yaml', RULES);
    // COPY … TO PROGRAM runs as the server's user: its file goes where that user may write.
    const copied = join(dir, 'copied');
    const cases = [`-o '|touch piped' -c 'select 1'`, `-c '\\o |touch meta'`, `-c "copy (select 1) to program 'touch ${copied}'"`];
    for (const args of cases) spawnSync('bash', ['-c', psql(args)], { cwd: sb.cwd });
    expect(['piped', 'meta'].map((f) => existsSync(join(sb.cwd, f)))).toEqual([true, true]);
    expect(existsSync(copied)).toBe(true);
    rmSync(join(sb.cwd, 'piped'));
    rmSync(join(sb.cwd, 'meta'));
    rmSync(copied);
    const results = [];
    for (const args of cases) results.push(await runCli(['exec', '--rules', rules, '--', psql(args)], sb));
    expect(results.map((r) => r.code)).toEqual([77, 77, 77]);
    expect(results[0]!.stderr).toMatch(/^nomos: denied by t\.no-touch/);
    expect(results[1]!.stderr).toMatch(/meta-command \\o/);
    expect(results[2]!.stderr).toMatch(/reaches past the database/);
    expect([existsSync(join(sb.cwd, 'piped')), existsSync(join(sb.cwd, 'meta')), existsSync(copied)]).toEqual([false, false, false]);
  });
});
