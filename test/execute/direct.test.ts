import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { directCommand } from '../../src/execute/direct.js';

// directCommand runs a one-program shell string without bash. Each case here runs the same
// string through real bash and directly, and the program must see the same argv, environment
// and working directory, and end the same way.

let root: string;
let bin: string;
let work: string;
const PROBE = '#!/bin/sh\nprintf "argv:%s\\n" "$0" "$@"; printf "cwd:%s\\n" "$(pwd -P)"; env | LC_ALL=C sort; exit 3\n';

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-direct-')));
  bin = join(root, 'bin');
  work = join(root, 'work');
  mkdirSync(bin);
  mkdirSync(work);
  writeFileSync(join(bin, 'probe'), PROBE);
  writeFileSync(join(work, 'probe'), PROBE);
  writeFileSync(join(bin, 'plain'), 'not runnable');
  writeFileSync(join(bin, 'no-shebang'), 'echo run by bash as a script\n');
  for (const f of ['bin/probe', 'work/probe', 'bin/no-shebang']) chmodSync(join(root, f), 0o755);
  copyFileSync('/usr/bin/env', join(bin, 'elf-env'));
  chmodSync(join(bin, 'elf-env'), 0o755);
  symlinkSync(work, join(root, 'link'));
  // Files the kernel will not run, which the exec under Node's spawn would hand to /bin/sh.
  writeFileSync(join(bin, 'not-elf'), '\x7fELF\x00\x01\x02\necho ran as a script\n');
  const foreign = readFileSync('/usr/bin/env');
  foreign.writeUInt16LE(foreign.readUInt16LE(18) === 62 ? 183 : 62, 18); // another CPU's machine number
  writeFileSync(join(bin, 'foreign-cpu'), foreign);
  writeFileSync(join(bin, 'bad-interpreter'), '#!/nomos-missing/sh\necho x\n');
  writeFileSync(join(bin, 'script-interpreter'), `#!${join(bin, 'probe')}\n`);
  // A native ELF header and nothing after it (no program headers): the kernel refuses it.
  const header = Buffer.from(readFileSync('/usr/bin/env').subarray(0, 64));
  writeFileSync(join(bin, 'header-only'), Buffer.concat([header, Buffer.from('\necho ran as a script\n')]));
  for (const f of ['not-elf', 'foreign-cpu', 'bad-interpreter', 'script-interpreter', 'header-only']) chmodSync(join(bin, f), 0o755);
  // A FIFO with execute bits earlier on PATH than a real program of the same name: bash picks it and fails.
  mkdirSync(join(root, 'fifo-first'));
  spawnSync('mkfifo', ['-m', '755', join(root, 'fifo-first/probe')]);
  // link2/../prog is other/prog to the kernel (a script without #!), not work/prog.
  mkdirSync(join(root, 'other/sub'), { recursive: true });
  writeFileSync(join(root, 'other/prog'), 'echo no shebang\n');
  chmodSync(join(root, 'other/prog'), 0o755);
  copyFileSync('/usr/bin/env', join(work, 'prog'));
  chmodSync(join(work, 'prog'), 0o755);
  symlinkSync(join(root, 'other/sub'), join(work, 'link2'));
});

const baseEnv = () => ({ PATH: `${bin}:/usr/bin:/bin`, HOME: root, LANG: 'C' });

/** What the program did, run through bash and run directly (env's lines sorted: bash passes the same variables in its own order). */
function both(command: string, env: Record<string, string | undefined>, cwd = work) {
  const direct = directCommand(command, cwd, env);
  expect(direct, `${command} should run without bash`).toBeDefined();
  const viaBash = spawnSync('bash', ['-c', command], { cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
  const viaDirect = spawnSync(direct!.file, direct!.argv.slice(1), { argv0: direct!.argv[0], cwd, env: direct!.env as NodeJS.ProcessEnv, encoding: 'utf8' });
  const out = (text: string) => (command.startsWith('elf-env') ? text.split('\n').sort().join('\n') : text);
  return { viaBash: [viaBash.status, out(viaBash.stdout), viaBash.stderr], viaDirect: [viaDirect.status, out(viaDirect.stdout), viaDirect.stderr] };
}

describe('a one-program command run without bash', () => {
  it.each([
    ['a program on PATH, with plain words', 'probe a b=c -x,y:z@1%2+3 ./p/q', {}],
    ['a path with a slash, relative to the working directory', './probe x', {}],
    ['an absolute path', '@bin/probe y', {}],
    ['an ELF program printing its whole environment', 'elf-env', {}],
    ['with SHLVL set', 'elf-env', { SHLVL: '3' }],
    ['with PWD naming the directory through a link (bash keeps it)', 'elf-env', { PWD: '@link' }],
    ['with PWD naming another directory (bash sets the physical one)', 'elf-env', { PWD: '/' }],
    ['with PWD naming a missing directory', 'elf-env', { PWD: '/nomos-missing' }],
    ['with an OLDPWD that is a directory (kept)', 'elf-env', { OLDPWD: '/usr/../usr' }],
    ['with an OLDPWD that is not a directory (bash drops it)', 'elf-env', { OLDPWD: '/nomos-missing' }],
    ['a #! script run by an ELF interpreter', 'probe', {}],
    ['with extra spaces and tabs between words', '  probe \t a  ', {}],
  ])('%s: the program sees what it sees under bash', (_label, command, extra) => {
    const env: Record<string, string | undefined> = { ...baseEnv(), ...extra };
    if (env.PWD === '@link') env.PWD = join(root, 'link');
    const r = both(command.replace('@bin', bin), env);
    expect(r.viaDirect).toEqual(r.viaBash);
    expect(r.viaBash[1]).not.toBe('');
  });

  it('a PATH entry written with . or a trailing slash: the path bash makes from it', () => {
    const r = both('probe', { ...baseEnv(), PATH: `${root}/./bin/:/usr/bin:/bin` });
    expect(r.viaDirect).toEqual(r.viaBash);
    expect(r.viaBash[1]).toContain(`argv:${root}/./bin/probe`);
  });
});

describe('anything bash would do more than exec one program goes to bash', () => {
  it.each([
    ['a builtin', 'echo hi'], ['pwd (the program prints another path than the builtin)', 'pwd'], ['cd', 'cd /'],
    ['true (a program named true on PATH is not what bash runs)', 'true'], ['a reserved word', 'time probe'],
    ['an assignment', 'A=1 probe'], ['an assignment alone', 'A=1'], ['an expansion', 'probe $HOME'], ['a tilde', 'probe ~'],
    ['a glob', 'probe *.ts'], ['a brace list', 'probe {a,b}'], ['quotes', "probe 'a b'"], ['a backslash', 'probe a\\ b'],
    ['a list', 'probe; probe'], ['a pipe', 'probe | cat'], ['a redirection', 'probe > x'], ['a comment', 'probe # c'],
    ['two lines', 'probe\nprobe'], ['a substitution', 'probe $(id)'], ['nothing', '   '],
    ['a missing program (bash says so)', 'nomos-no-such-program'], ['a file that cannot run (bash says so)', 'plain'],
    ['a script without #! (bash runs it itself)', 'no-shebang'],
    ['a file that starts like ELF but is not one (sh would run it as a script; bash refuses)', 'not-elf'],
    ['an ELF program for another CPU', 'foreign-cpu'],
    ['a native ELF header whose program headers are not in the file', 'header-only'],
    ['a #! script whose interpreter is missing (bash says so)', 'bad-interpreter'],
    ['a #! script whose interpreter is itself a script', 'script-interpreter'],
    ['a path through a symlink and .., checked as the kernel resolves it', 'link2/../prog'],
    ['a path with a trailing slash (bash: not a directory)', '/usr/bin/env/'],
  ])('%s', (_label, command) => {
    expect(directCommand(command, work, baseEnv())).toBeUndefined();
  });

  it.each<[string, Record<string, string | undefined>]>([
    ['BASH_ENV (code bash runs first)', { BASH_ENV: '/x' }], ['ENV', { ENV: '/x' }], ['an exported function', { 'BASH_FUNC_probe%%': '() { :; }' }],
    ['SHELLOPTS (xtrace …)', { SHELLOPTS: 'xtrace' }], ['BASHOPTS', { BASHOPTS: 'extglob' }], ['POSIXLY_CORRECT', { POSIXLY_CORRECT: '1' }],
    ['a SHLVL bash reads its own way', { SHLVL: 'abc' }], ['a SHLVL bash resets', { SHLVL: '999' }], ['SHLVL 007', { SHLVL: '007' }],
    ['a PWD bash would rewrite', { PWD: '@dotdot' }], ['an empty PATH entry (the working directory)', { PATH: ':@bin' }],
    ['a relative PATH entry', { PATH: 'bin:@bin' }], ['no PATH', { PATH: undefined }],
    ['a FIFO named like the program earlier on PATH (bash picks it)', { PATH: '@root/fifo-first:@bin' }],
    ...['OPTIND', 'IFS', 'PPID', 'PS1', 'PS4', 'RANDOM', 'BASH_VERSION', 'BASH_EXECUTION_STRING', 'BASH_COMPAT'].map((name): [string, Record<string, string>] => [`${name} (bash resets or drops it)`, { [name]: 'x' }]),
  ])('the environment has %s', (_label, extra) => {
    const env: Record<string, string | undefined> = { ...baseEnv(), ...extra };
    if (env.PWD === '@dotdot') env.PWD = `${work}/../work`;
    if (env.PATH) env.PATH = env.PATH.replace('@bin', bin).replace('@root', root);
    expect(directCommand('probe', work, env)).toBeUndefined();
  });

  it('the cases above are declined for the reason given: each runs directly once that reason is gone', () => {
    expect(directCommand('probe', work, baseEnv())).toBeDefined();
    expect(directCommand('probe', work, { ...baseEnv(), SHLVL: '998', PWD: work })).toBeDefined();
  });
});
