import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, BUDGET, hookWithReaderGone, makeSandbox, runCli, trustProject, type CliResult, type Sandbox } from '../helpers/cli.js';

// `nomos daemon`: a real daemon process per test, on the sandbox's state directory, talked to
// by the built CLI through bin/nomos.js, compared with the same calls decided in-process.

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(async () => {
  await runCli(['daemon', 'stop'], sb);
});

const OFF = { NOMOS_DAEMON: 'off' };
const hookInput = (cwd: string, command: string) => JSON.stringify({ session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });

async function status(): Promise<{ running: boolean; serving: boolean; pid?: number; calls?: number }> {
  return JSON.parse((await runCli(['daemon', 'status', '--json'], sb)).stdout);
}

async function start(idle = '5m'): Promise<number> {
  const r = await runCli(['daemon', 'start', '--idle-timeout', idle], sb);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^nomos daemon: started \(pid \d+, socket /);
  const s = await status();
  expect(s).toMatchObject({ running: true, serving: true, calls: 0 });
  return s.pid!;
}

const same = (r: CliResult) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr });

describe('nomos daemon', () => {
  it('answers check and hook calls exactly as the calling process would, with its cwd, environment and input', async () => {
    sb.write('work/proj/.nomosrc.yaml', 'version: 1\nrules:\n  - id: proj.npm-test\n    match: { command: npm test }\n    decision: allow\n');
    await trustProject(sb, join(sb.cwd, 'proj'));
    sb.write('home/.ssh/id_rsa', 'KEY');
    const calls: Array<{ args: string[]; cwd?: string; env?: NodeJS.ProcessEnv; input?: string }> = [
      { args: ['check', '--', 'git status && ls -la | grep x'] },
      { args: ['check', '--', 'rm -rf /'] },
      { args: ['check', '--json', '--', 'cat ~/.ssh/id_rsa'] },
      // Another HOME: the daemon must see the call's environment, not its own.
      { args: ['check', '--json', '--', 'cat ~/.ssh/id_rsa'], env: { HOME: join(sb.root, 'elsewhere') } },
      // A project's rules apply in the project's directory only.
      { args: ['check', '--json', '--', 'npm test'], cwd: join(sb.cwd, 'proj') },
      { args: ['check', '--', 'npm test'] },
      // The grammar, by either parser (the daemon keeps one of each).
      { args: ['check', '--json', '--', 'for f in a ~/.ssh/id_rsa; do cat "$f"; done'], env: { NOMOS_PARSER: 'wasm' } },
      { args: ['check', '--json', '--', 'for f in a ~/.ssh/id_rsa; do cat "$f"; done'] },
      { args: ['hook', 'claude-code'], input: hookInput(sb.cwd, 'rm -rf ~') },
      { args: ['hook', 'claude-code'], input: hookInput(sb.cwd, 'git status') },
      { args: ['hook', 'gemini-cli'], input: 'not json' },
    ];
    const local = [];
    for (const c of calls) local.push(same(await runCli(c.args, sb, { ...c, env: { ...c.env, ...OFF } })));
    expect(local.map((r) => r.code)).toEqual([0, 77, 75, 75, 0, 75, 75, 75, 0, 0, 0]);
    expect(local[3]!.stdout).toContain(join(sb.root, 'elsewhere', '.ssh/id_rsa'));
    // The loop's "$f" is its words, the key among them, by either parser.
    for (const i of [6, 7]) expect(JSON.parse(local[i]!.stdout).rules.map((r: { id: string }) => r.id)).toContain('secrets.ssh-keys');
    expect(local[10]!.stdout).toContain('"deny"');
    await start();
    for (const [i, c] of calls.entries()) expect(same(await runCli(c.args, sb, c)), JSON.stringify(c.args)).toEqual(local[i]);
    // Every one of them was answered by the daemon (not decided in the calling process).
    expect((await status()).calls).toBe(calls.length);
  });

  it('sees a rule file changed between two calls, an included one too, and a trust given or lost', async () => {
    const rule = (decision: string) => `version: 1\nrules:\n  - id: proj.npm-test\n    match: { command: npm test }\n    decision: ${decision}\n`;
    sb.write('work/.nomosrc.yaml', 'version: 1\ninclude: [more.yaml]\n');
    sb.write('work/more.yaml', rule('allow'));
    await start();
    const decide = async () => (await runCli(['check', '--', 'npm test'], sb)).stdout;
    // Not trusted yet: the included allow rule is left out, and the reason says so.
    expect(await decide()).toMatch(/^ask: no rule matches `npm`.*\.nomosrc\.yaml is not trusted/);
    await trustProject(sb);
    expect(await decide()).toMatch(/^allow: proj\.npm-test/);
    sb.write('work/more.yaml', rule('deny'));
    expect(await decide()).toMatch(/^deny: proj\.npm-test/);
    sb.write('work/more.yaml', rule('allow').replace('npm test', 'npm  test'));
    expect(await decide()).toMatch(/^ask: .*not trusted/); // an edit of an included file ends the trust
    sb.write('work/.nomosrc.yaml', `${rule('ask').replace('proj.npm-test', 'proj.top')}`);
    expect(await decide()).toMatch(/^ask: proj\.top/);
    expect((await status()).calls).toBe(5);
  });

  it("records the calling process as the actor, with the daemon's pid beside it", async () => {
    const pid = await start();
    expect((await runCli(['hook', 'claude-code'], sb, { input: hookInput(sb.cwd, 'git status') })).code).toBe(0);
    const event = JSON.parse(readFileSync(sb.audit, 'utf8').trim().split('\n').at(-1)!);
    expect(event.actor.daemon).toBe(pid);
    expect(event.actor.ppid).toBe(process.pid); // runCli's parent is this test process
    expect(event.actor.pid).not.toBe(pid);
    expect((await runCli(['audit', 'verify'], sb)).code).toBe(0);
  });

  it("derives a call's session from the caller's parent, not the daemon's", async () => {
    // A rule for this test process's session only: a daemon that took its own parent would allow.
    const rules = sb.write('mine.yaml', `version: 1\nrules:\n  - id: t.mine\n    match: { command: ls, session: "p${process.pid}-*" }\n    decision: deny\n`);
    const env = { NOMOS_SESSION: '' };
    expect((await runCli(['check', '--rules', rules, '--', 'ls'], sb, { env: { ...env, ...OFF } })).stdout).toMatch(/^deny: t\.mine/);
    await start();
    expect((await runCli(['check', '--rules', rules, '--', 'ls'], sb, { env })).stdout).toMatch(/^deny: t\.mine/);
    expect((await status()).calls).toBe(1);
  });

  it('keeps session budgets exact when calls arrive together', async () => {
    const rules = sb.write('budget.yaml', BUDGET);
    await start();
    const results = await Promise.all(Array.from({ length: 20 }, () => runCli(['hook', '--rules', rules, 'claude-code'], sb, { input: hookInput(sb.cwd, 'charge 700'), timeoutMs: 60_000 })));
    const decisions = results.map((r) => JSON.parse(r.stdout).hookSpecificOutput.permissionDecision);
    expect(decisions.filter((d) => d === 'allow').length).toBe(14);
    expect(decisions.filter((d) => d === 'deny').length).toBe(6);
    expect((await status()).calls).toBe(20);
  });

  it('a hook answered by the daemon blocks (exit 2) when its reader has gone, as one decided in-process does', async () => {
    await start();
    const r = await hookWithReaderGone('claude-code', hookInput(sb.cwd, 'rm -rf ~'), sb);
    expect(r).toEqual({ code: 2, stderr: 'nomos: blocked: the decision could not be written (stdout is closed)\n' });
    expect((await status()).calls).toBe(1);
  });

  it('is not used with NOMOS_DAEMON=off or by a command line the hot path does not take', async () => {
    await start();
    expect((await runCli(['exec', '--', 'true'], sb, { env: OFF })).code).toBe(0);
    expect((await runCli(['check', '--', 'ls'], sb, { env: OFF })).code).toBe(0);
    expect((await runCli(['check', '--bogus', 'ls'], sb)).code).toBe(64);
    expect((await status()).calls).toBe(0);
  });

  it('refuses a call from another build, and says so', async () => {
    await start();
    const socket = join(sb.state, 'daemon.sock');
    const script = `const s = require('node:net').connect(${JSON.stringify(socket)}); let d = ''; s.on('data', (c) => (d += c)); s.on('end', () => process.stdout.write(d));
s.end(JSON.stringify({ v: 1, op: 'call', build: 'other', argv: ['check', '--', 'ls'], cwd: '/', env: {}, pid: 1, ppid: 1, umask: 18 }) + '\\n');`;
    const reply = JSON.parse(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout);
    expect(reply.fallback).toMatch(/^build other, daemon is /);
    expect((await status()).calls).toBe(0);
  });

  it('does not log through a link left at daemon.log: start fails, nothing is written where it leads', async () => {
    const victim = sb.write('victim.txt', 'keep\n');
    symlinkSync(victim, join(sb.state, 'daemon.log'));
    const r = await runCli(['daemon', 'start'], sb);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('daemon.log');
    expect(readFileSync(victim, 'utf8')).toBe('keep\n');
  });

  it('stops when idle, removing its socket', async () => {
    await start('1s');
    const socket = join(sb.state, 'daemon.sock');
    expect(existsSync(socket)).toBe(true);
    const until = Date.now() + 10_000;
    while (existsSync(socket) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(socket)).toBe(false);
    expect(await status()).toMatchObject({ running: false, serving: false });
    expect((await runCli(['daemon', 'status'], sb)).code).toBe(1);
  });

  it('after a daemon is killed, calls are decided in-process and start replaces the stale socket', async () => {
    const pid = await start();
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(join(sb.state, 'daemon.sock'))).toBe(true);
    const r = await runCli(['check', '--', 'rm -rf /'], sb);
    expect(r.code).toBe(77);
    expect(r.stdout).toContain('fs.rm-recursive-root');
    const again = await start();
    expect(again).not.toBe(pid);
    const stop = await runCli(['daemon', 'stop'], sb);
    expect(stop.stdout).toBe(`nomos daemon: stopped (pid ${again}, 0 calls answered)\n`);
    expect(existsSync(join(sb.state, 'daemon.sock'))).toBe(false);
  });

  it('nomos doctor says whether a daemon answers calls', async () => {
    const line = async () => (JSON.parse((await runCli(['doctor', '--json'], sb, { timeoutMs: 60_000 })).stdout) as Array<{ name: string; status: string; detail: string }>).find((r) => r.name === 'daemon');
    expect(await line()).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^not running/) });
    const pid = await start();
    expect(await line()).toMatchObject({ status: 'ok', detail: expect.stringMatching(new RegExp(`^running \\(pid ${pid}, `)) });
  });

  it('NOMOS_DAEMON=auto: a call that finds none (or a dead one) decides itself and starts one for the calls after it', async () => {
    const auto = { NOMOS_DAEMON: 'auto' };
    const waitServing = async () => {
      const until = Date.now() + 15_000;
      while (!(await status()).serving && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      return status();
    };
    expect((await runCli(['check', '--', 'rm -rf /'], sb, { env: auto })).code).toBe(77);
    const first = await waitServing();
    expect(first).toMatchObject({ serving: true, calls: 0 });
    expect((await runCli(['check', '--', 'rm -rf /'], sb, { env: auto })).code).toBe(77);
    expect((await status()).calls).toBe(1);
    // Killed, its socket left behind: the next call decides itself and starts another.
    process.kill(first.pid!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect((await runCli(['check', '--', 'ls'], sb, { env: auto })).code).toBe(0);
    const second = await waitServing();
    expect(second.pid).not.toBe(first.pid);
    expect(readFileSync(join(sb.state, 'daemon.log'), 'utf8')).toMatch(/listening on .*\n(.|\n)*listening on /);
  });

  it('is found in the default state directory too ($TMPDIR/nomos-<uid>, TMPDIR with a trailing slash)', async () => {
    const env = { NOMOS_STATE_DIR: '', TMPDIR: `${sb.root}/tmp/` };
    sb.write('tmp/.keep', '');
    const run = (args: string[]) => runCli(args, sb, { env });
    expect((await run(['daemon', 'start'])).stdout).toContain(`socket ${sb.root}/tmp/nomos-${process.getuid!()}/daemon.sock`);
    try {
      expect((await run(['check', '--', 'ls'])).code).toBe(0);
      expect(JSON.parse((await run(['daemon', 'status', '--json'])).stdout).calls).toBe(1);
    } finally {
      await run(['daemon', 'stop']);
    }
  });

  it('--foreground serves from the calling process, logging to stderr, until it is signalled', async () => {
    const child = spawn(process.execPath, [BIN, 'daemon', 'start', '--foreground'], { cwd: sb.cwd, env: sb.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const until = Date.now() + 15_000;
    while (!(await status()).serving && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect((await status()).pid).toBe(child.pid);
    expect((await runCli(['check', '--', 'rm -rf /'], sb)).code).toBe(77);
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
    expect(stderr).toMatch(/nomos daemon: listening on .*\n.*nomos daemon: stopped after 1 calls\n$/);
    expect(existsSync(join(sb.state, 'daemon.sock'))).toBe(false);
  });

  it('stops by itself when its socket is removed (its state directory deleted)', async () => {
    const pid = await start();
    rmSync(join(sb.state, 'daemon.sock'));
    const alive = () => { try { return process.kill(pid, 0); } catch { return false; } };
    const until = Date.now() + 15_000;
    while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
    expect(readFileSync(join(sb.state, 'daemon.log'), 'utf8')).toContain('its socket is gone');
  });

  it('a second start leaves the running daemon alone', async () => {
    const pid = await start();
    const r = await runCli(['daemon', 'start'], sb);
    expect(r.stdout).toBe(`nomos daemon: already running (pid ${pid}, socket ${join(sb.state, 'daemon.sock')})\n`);
    expect((await status()).pid).toBe(pid);
  });
});

describe('nomos exec through the daemon', () => {
  const allowAll = () => sb.write('all.yaml', 'version: 1\nrules:\n  - id: t.sh\n    match: { command: [sh, trap, sleep, echo, ":"] }\n    decision: allow\n  - id: t.missing\n    match: { command: no-such-program }\n    decision: allow\n');

  it('decides in the daemon and runs the command in the calling process, with its output, directory and exit code', async () => {
    const rules = allowAll();
    sb.write('work/sub/.keep', '');
    const calls = [
      { args: ['exec', '--rules', rules, '--', 'sh', '-c', 'pwd; echo "$NOMOS_ACTIVE $NOMOS_SESSION"; echo err >&2; exit 3'], cwd: join(sb.cwd, 'sub') },
      { args: ['exec', '--rules', rules, '--', 'no-such-program', 'x'] },
      { args: ['exec', '--', 'rm -rf /'] },
    ];
    const local = [];
    for (const c of calls) local.push(same(await runCli(c.args, sb, { ...c, env: OFF })));
    expect(local[0]).toEqual({ code: 3, stdout: `${join(sb.cwd, 'sub')}\n1 test-session\n`, stderr: 'err\n' });
    expect(local[1]!.code).toBe(127);
    expect(local[2]!.code).toBe(77);
    await start();
    for (const [i, c] of calls.entries()) expect(same(await runCli(c.args, sb, c)), JSON.stringify(c.args)).toEqual(local[i]);
    expect((await status()).calls).toBe(calls.length);
    // Decision and outcome of each call, once: the daemon's name on those it decided.
    const events = readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.length).toBe(2 * (2 + 2 + 1)); // decision and outcome of the two that ran, the denial's decision; twice
    expect(events.slice(5).filter((e) => e.type === 'decision').every((e) => typeof e.actor.daemon === 'number')).toBe(true);
    expect(events.slice(5).filter((e) => e.type === 'outcome').map((e) => e.exit_code ?? e.error)).toEqual([3, 'no-such-program: command not found']);
  });

  it('hands a call that asks back to the calling process, which records it once', async () => {
    await start();
    const r = await runCli(['exec', '--', 'some-unknown-tool'], sb, { timeoutMs: 30_000 });
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('no answer within 3 s');
    const decisions = readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'decision');
    expect(decisions.length).toBe(1);
    expect(decisions[0].actor.daemon).toBeUndefined();
    expect(decisions[0].approval.by).toBe('timeout');
  });

  it('does not hold other calls while a command runs', async () => {
    const rules = allowAll();
    await start();
    // The command ends only when the file appears, which the test writes after a check is answered.
    const flag = join(sb.root, 'flag');
    const running = runCli(['exec', '--rules', rules, '--', 'sh', '-c', `while [ ! -f ${flag} ]; do sleep 0.05; done; echo done`], sb, { timeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, 500));
    const check = await runCli(['check', '--', 'ls'], sb, { timeoutMs: 30_000 });
    expect(check.code).toBe(0);
    writeFileSync(flag, '');
    expect(same(await running)).toEqual({ code: 0, stdout: 'done\n', stderr: '' });
    expect((await status()).calls).toBe(2);
  });

  for (const how of ['stopped', 'idle'] as const) {
    it(`a daemon ${how === 'stopped' ? 'stopped' : 'idle past its timeout'} while a command runs records its outcome, then exits`, async () => {
      const rules = allowAll();
      const pid = await start(how === 'idle' ? '1s' : '5m');
      const flag = join(sb.root, 'flag');
      const running = runCli(['exec', '--rules', rules, '--', 'sh', '-c', `while [ ! -f ${flag} ]; do sleep 0.05; done; exit 5`], sb, { timeoutMs: 60_000 });
      await new Promise((r) => setTimeout(r, 500));
      if (how === 'stopped') expect((await runCli(['daemon', 'stop'], sb)).stdout).toMatch(/^nomos daemon: stopped/);
      else await new Promise((r) => setTimeout(r, 2000)); // past the idle timeout, with the command still running
      expect(process.kill(pid, 0)).toBe(true); // still there, for the call in flight
      writeFileSync(flag, '');
      expect(same(await running)).toEqual({ code: 5, stdout: '', stderr: '' });
      const outcome = readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.type === 'outcome');
      expect(outcome.exit_code).toBe(5);
      const until = Date.now() + 10_000;
      const alive = () => { try { return process.kill(pid, 0); } catch { return false; } };
      while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(alive()).toBe(false);
    });
  }

  it('a daemon stopped (SIGSTOP) after it said to run: the command runs once, its exit code is kept, and the wait for the record ends', async () => {
    const rules = allowAll();
    const pid = await start();
    const flag = join(sb.root, 'flag');
    const count = join(sb.root, 'count');
    const running = runCli(['exec', '--rules', rules, '--', 'sh', '-c', `echo ran >> ${count}; while [ ! -f ${flag} ]; do sleep 0.05; done; exit 6`], sb, { env: { NOMOS_DAEMON_TIMEOUT: '1' }, timeoutMs: 30_000 });
    const until = Date.now() + 10_000;
    while (!existsSync(count) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    // The command has run for longer than the timeout by the time it ends: the wait pauses while it runs.
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(pid, 'SIGSTOP');
    try {
      writeFileSync(flag, '');
      const r = await running;
      expect(r.code).toBe(6);
      expect(r.stderr).toMatch(/^nomos: the daemon \(.*daemon\.sock\) did not answer within 1 s; the command ran, and how it ended is not recorded\n$/);
      expect(readFileSync(count, 'utf8')).toBe('ran\n');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it('passes signals to the command, and a daemon gone meanwhile leaves the command run once', async () => {
    const rules = allowAll();
    const pid = await start();
    const count = join(sb.root, 'count');
    const child = spawn(process.execPath, [BIN, 'exec', '--rules', rules, '--', 'sh', '-c', `echo ran >> ${count}; trap 'exit 7' TERM; while :; do sleep 0.05; done`], { cwd: sb.cwd, env: sb.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const until = Date.now() + 10_000;
    while (!existsSync(count) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(7);
    expect(stderr).toBe('nomos: the daemon stopped before it recorded how the command ended\n');
    expect(readFileSync(count, 'utf8')).toBe('ran\n');
  });
});

describe("the daemon's client", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  /** A stand-in daemon on the sandbox's socket that answers every call with `reply` (or hangs up). */
  function fake(reply: string | undefined): Promise<void> {
    return new Promise((resolve) => {
      server = createServer({ allowHalfOpen: true }, (s) => {
        s.on('data', () => undefined);
        s.on('end', () => (reply === undefined ? s.destroy() : s.end(reply)));
      }).listen(join(sb.state, 'daemon.sock'), resolve);
    });
  }

  for (const [what, reply] of [['a reply it cannot read', 'garbage\n'], ['a fallback', '{"fallback":"not now"}\n'], ['no reply', undefined]] as const) {
    it(`decides in-process after ${what}, with the hook input it already read`, async () => {
      await fake(reply);
      const check = await runCli(['check', '--', 'rm -rf /'], sb);
      expect(check.code).toBe(77);
      expect(check.stdout).toContain('fs.rm-recursive-root');
      const hook = await runCli(['hook', 'claude-code'], sb, { input: hookInput(sb.cwd, 'rm -rf ~') });
      expect(hook.code).toBe(0);
      expect(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
    });
  }

  it('decides in-process when a daemon says nothing for NOMOS_DAEMON_TIMEOUT seconds (one stopped with SIGSTOP)', async () => {
    const pid = await start();
    process.kill(pid, 'SIGSTOP');
    try {
      const env = { NOMOS_DAEMON_TIMEOUT: '0.5' };
      const silent = /^nomos: the daemon \(.*daemon\.sock\) did not answer within 0\.5 s; deciding here\n/;
      const check = await runCli(['check', '--', 'rm -rf /'], sb, { env, timeoutMs: 20_000 });
      expect(check.code).toBe(77);
      expect(check.stdout).toContain('fs.rm-recursive-root');
      expect(check.stderr).toMatch(silent);
      const hook = await runCli(['hook', 'claude-code'], sb, { env, input: hookInput(sb.cwd, 'rm -rf ~'), timeoutMs: 20_000 });
      expect(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
      expect(hook.stderr).toMatch(silent);
      const exec = await runCli(['exec', '--', 'echo', 'hi'], sb, { env, timeoutMs: 20_000 });
      expect({ code: exec.code, stdout: exec.stdout }).toEqual({ code: 0, stdout: 'hi\n' });
      expect(exec.stderr).toMatch(silent);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it("prints a daemon's answer, and asks no socket it cannot trust", async () => {
    await fake('{"code":0,"stdout":"answered by the socket\\n","stderr":""}\n');
    expect((await runCli(['check', '--', 'ls'], sb)).stdout).toBe('answered by the socket\n');
    // A state directory others can write: anyone could have put the socket there.
    chmodSync(sb.state, 0o770);
    const r = await runCli(['check', '--', 'ls'], sb);
    expect(r.stdout).toBe('allow: base.read-only: Commands that only read files or print information.\n');
    expect(r.code).toBe(0);
  });

  it('a hook call the daemon cannot take still reads a large input whole', async () => {
    await fake(undefined);
    const input = JSON.stringify({ ...JSON.parse(hookInput(sb.cwd, 'rm -rf ~')), padding: 'x'.repeat(300_000) });
    const child = spawn(process.execPath, [BIN, 'hook', 'claude-code'], { cwd: sb.cwd, env: sb.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stdin.end(input);
    await new Promise((r) => child.on('close', r));
    expect(JSON.parse(out).hookSpecificOutput.permissionDecision).toBe('deny');
  });
});
