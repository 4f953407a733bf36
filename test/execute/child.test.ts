import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { processBinding } from '../../src/bindings.js';
import { bothWays } from '../helpers/bindings.js';
import { startChild } from '../../src/execute/child.js';

// startChild starts the approved command through process_wrap where it can, and through
// child_process where it cannot (src/bindings.ts). Each case runs both ways and must agree.

type Ended = { code: number | null; signal: NodeJS.Signals | null } | { error: NodeJS.ErrnoException };

function run(file: string, argv: string[], options: { cwd: string; env: Record<string, string | undefined> }, onStart?: (kill: (s: NodeJS.Signals) => void) => void): Promise<Ended> {
  return new Promise((resolve) => {
    const child = startChild(file, argv, options, { exit: (code, signal) => resolve({ code, signal }), error: (error) => resolve({ error }) });
    onStart?.((signal) => child.kill(signal));
  });
}

const dir = () => mkdtempSync(join(tmpdir(), 'nomos-child-'));

bothWays('startChild', { binding: 'process_wrap', public: 'child_process' }, processBinding, () => {
  it('runs the program with the given env (nothing of this process\'s), cwd and argv (argv[0] as given), and gives its exit code', async () => {
    const d = dir();
    process.env.NOMOS_CHILD_TEST_LEAK = 'leaked';
    try {
      const ended = await run('/bin/sh', ['named-so', '-c', 'printf "%s|%s|%s|%s|%s" "$A" "${NOMOS_CHILD_TEST_LEAK-unset}" "$(pwd)" "$1" "$(tr "\\0" " " < /proc/$$/cmdline)" > out; exit 7', 'sh', 'one arg'], { cwd: d, env: { PATH: process.env.PATH, A: 'x y', B: undefined } });
      expect(ended).toEqual({ code: 7, signal: null });
      // the process's own argv (/proc/PID/cmdline): argv[0] is the name given, not the file
      expect(readFileSync(join(d, 'out'), 'utf8')).toMatch(new RegExp(`^x y\\|unset\\|${d}\\|one arg\\|named-so -c printf .* sh one arg $`));
    } finally {
      delete process.env.NOMOS_CHILD_TEST_LEAK;
    }
  });

  it('looks the program up in the PATH of the env it is given', async () => {
    const d = dir();
    mkdirSync(join(d, 'bin'));
    writeFileSync(join(d, 'bin/only-here'), '#!/bin/sh\necho found > "$0.out"\n');
    chmodSync(join(d, 'bin/only-here'), 0o755);
    expect(await run('only-here', ['only-here'], { cwd: d, env: { PATH: `${join(d, 'bin')}:/usr/bin:/bin` } })).toEqual({ code: 0, signal: null });
    expect(readFileSync(join(d, 'bin/only-here.out'), 'utf8')).toBe('found\n');
  });

  it('reports a missing program as ENOENT and one it cannot run as EACCES, after returning', async () => {
    const d = dir();
    const missing = await run('nomos-no-such-program', ['nomos-no-such-program'], { cwd: d, env: { PATH: d } });
    expect('error' in missing && missing.error.code).toBe('ENOENT');
    writeFileSync(join(d, 'plain'), 'not a program');
    const denied = await run(join(d, 'plain'), ['plain'], { cwd: d, env: {} });
    expect('error' in denied && denied.error.code).toBe('EACCES');
  });

  it('signals the child, and reports the signal that ended it', async () => {
    const d = dir();
    const ended = await run('sleep', ['sleep', '30'], { cwd: d, env: { PATH: process.env.PATH } }, (kill) => setTimeout(() => kill('SIGTERM'), 50));
    expect(ended).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('refuses a NUL byte in an argument rather than cutting the argument there', () => {
    expect(() => startChild('echo', ['echo', 'a\0b'], { cwd: dir(), env: {} }, { exit() {}, error() {} })).toThrow(/null bytes/);
  });
});
