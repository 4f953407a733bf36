// A shell string that is one program with plain words (`git status`, `npm test`, `ls -la src`)
// is run without bash, as GNU make runs such a recipe line: bash would only find the program on
// PATH and exec it, and starting bash costs more than Node's spawn itself on our machines
// (`npm run bench`). Everything else, and anything bash would do differently, goes to bash.
import { accessSync, closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { os } from '../builtins.js';

/** What bash would exec for the command: the file, argv (argv[0] as written) and environment. */
export interface DirectCommand {
  file: string;
  argv: string[];
  env: Record<string, string | undefined>;
}

/** Words bash leaves as written: no quoting, expansion, globbing, redirection, comment or operator. */
const PLAIN_WORD = /^[A-Za-z0-9_./:,+@%=-]+$/;

/** Bash's builtins and reserved words: bash runs these itself, and some differ from the program of that name (pwd, echo --help). */
const BASH_OWN = new Set(('. : [ alias bg bind break builtin caller cd command compgen complete compopt continue declare dirs disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt source suspend test times trap true type typeset ulimit umask unalias unset wait '
  + 'if then else elif fi case esac for select while until do done in function time coproc').split(' '));

/**
 * Environment that makes bash do more than find and exec the program (startup code, tracing,
 * functions, POSIX mode, a warning), or that bash resets or drops before the program sees it
 * (OPTIND, IFS, PPID, PS1 …: `env NAME=x bash -c env` shows another value or none).
 */
const BASH_ENVIRONMENT = new RegExp(`^(?:${[
  'BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'POSIXLY_CORRECT', 'BASH_COMPAT', 'BASH_FUNC_.*',
  'OPTIND', 'OPTERR', 'IFS', 'PPID', 'PS1', 'PS2', 'PS4', 'BASHPID', 'RANDOM', 'SRANDOM', 'COMP_WORDBREAKS', 'BASH_ARGV0',
  'HISTCMD', 'BASH_SUBSHELL', 'BASH_COMMAND', 'LINENO', 'EPOCHSECONDS', 'EPOCHREALTIME', 'BASH', 'BASH_VERSION',
  'BASH_VERSINFO', 'BASH_EXECUTION_STRING',
].join('|')})$`);

/** The ELF machine of each Node architecture, so that a binary for another CPU is left to bash (which refuses it). */
const ELF_MACHINE: Record<string, number> = { x64: 62, arm64: 183, ia32: 3, arm: 40, riscv64: 243, ppc64: 21, s390x: 22, loong64: 258 };
/** Those of them with 64-bit ELF binaries. */
const WIDE = new Set(['x64', 'arm64', 'riscv64', 'ppc64', 's390x', 'loong64']);

/**
 * The program bash would exec for `bash -c command` in `cwd` with `env`, with the variables
 * bash sets for it (PWD, SHLVL, _), or undefined where running bash is the only way to be
 * sure of what it does (tests compare both with real bash: test/execute/direct.test.ts).
 */
export function directCommand(command: string, cwd: string, env: Record<string, string | undefined>): DirectCommand | undefined {
  const words = command.split(/[ \t]+/).filter((w) => w !== '');
  const name = words[0];
  if (!name || !words.every((w) => PLAIN_WORD.test(w)) || name.includes('=')) return undefined;
  // Even `true`: a program of that name on PATH is not what bash runs.
  if (BASH_OWN.has(name)) return undefined;
  if (Object.keys(env).some((key) => env[key] !== undefined && BASH_ENVIRONMENT.test(key))) return undefined;
  const shellLevel = env.SHLVL;
  // bash reads other values its own way (and warns from 1000 on): left to bash.
  if (shellLevel !== undefined && !(/^(?:0|[1-9][0-9]{0,2})$/.test(shellLevel) && Number(shellLevel) <= 998)) return undefined;
  // A name with a slash is exec'd as written (relative to cwd), as bash does: the program may
  // read its path. It is checked as written too: `link/../prog` is not `prog` when link is a symlink.
  const file = name.includes('/') ? runnable(isAbsolute(name) ? name : `${cwd}/${name}`) && name : onPath(name, env.PATH);
  if (!file) return undefined;
  const pwd = workingDirectory(cwd, env.PWD);
  if (!pwd) return undefined;
  // bash -c counts itself in SHLVL and, exec'ing its one command, counts itself out: unset becomes 0.
  const out: Record<string, string | undefined> = { ...env, PWD: pwd, SHLVL: shellLevel ?? '0', _: file };
  // bash drops an OLDPWD that is not a directory.
  if (env.OLDPWD !== undefined && !isDirectory(isAbsolute(env.OLDPWD) ? env.OLDPWD : `${cwd}/${env.OLDPWD}`)) delete out.OLDPWD;
  return { file, argv: words, env: out };
}

/** The first executable file named `name` on PATH, as bash finds it; undefined where bash would say more (not found, not executable, an odd PATH). */
function onPath(name: string, path: string | undefined): string | undefined {
  if (!path) return undefined;
  for (const dir of path.split(':')) {
    // An empty or relative entry is the working directory to bash: left to bash.
    if (!isAbsolute(dir)) return undefined;
    // Joined as bash joins them (its path is what the program sees as $0 or _).
    const candidate = dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
    const kind = fileKind(candidate);
    if (kind === 'program') return kernelRuns(candidate) ? candidate : undefined;
    // A file bash would try to run and fail on: its error is bash's to give.
    if (kind === 'other') return undefined;
  }
  return undefined;
}

/** What bash's PATH search makes of a path: it skips only directories and what is not there. */
function fileKind(path: string): 'program' | 'other' | 'none' {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return 'none';
    // A socket, FIFO or device bash would pick and fail on (or block opening): bash's to report.
    if (!stat.isFile()) return 'other';
  } catch {
    return 'none';
  }
  try {
    accessSync(path, constants.X_OK);
    return 'program';
  } catch {
    return 'other';
  }
}

/** An executable file the kernel runs itself. */
function runnable(path: string): boolean {
  return fileKind(path) === 'program' && kernelRuns(path);
}

/**
 * Whether the kernel runs an executable file (fileKind 'program', checked by the caller)
 * itself: an ELF executable for this machine, or a `#!` script whose interpreter is one. For anything else exec fails with ENOEXEC, and the exec under Node's
 * spawn then runs the file with /bin/sh, where bash refuses a binary or runs a script itself.
 */
function kernelRuns(path: string, depth = 0): boolean {
  const head = readHead(path);
  if (!head) return false;
  if (isNativeElf(head.bytes, head.size)) return true;
  if (depth > 0 || head.bytes.length < 3 || head.bytes.toString('latin1', 0, 2) !== '#!') return false;
  // `#!/usr/bin/env node`: the interpreter is the first word; the line must end within what the kernel reads.
  const line = /^#![ \t]*([^ \t\n]+)[^\n]*\n/.exec(head.bytes.toString('latin1'));
  return line !== null && isAbsolute(line[1]!) && fileKind(line[1]!) === 'program' && kernelRuns(line[1]!, depth + 1);
}

/** The first 256 bytes (what the kernel reads of a file it is asked to run) and the file's size, or undefined if they cannot be read. */
function readHead(path: string): { bytes: Buffer; size: number } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(256);
    return { bytes: head.subarray(0, readSync(fd, head, 0, 256, 0)), size: fstatSync(fd).size };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * An ELF header of an executable or shared object for this CPU, in its word size and byte
 * order, whose program headers are of the right size and lie in the file. The kernel can
 * still refuse a file that passes (a bad segment): then /bin/sh gets it, as for an argv
 * command (docs/troubleshooting.md); bash would refuse it.
 */
function isNativeElf(head: Buffer, size: number): boolean {
  const wide = WIDE.has(process.arch);
  if (head.length < (wide ? 64 : 52) || head[0] !== 0x7f || head.toString('latin1', 1, 4) !== 'ELF') return false;
  const little = os().endianness() === 'LE';
  if (head[4] !== (wide ? 2 : 1) || head[5] !== (little ? 1 : 2) || head[6] !== 1) return false;
  const u16 = (at: number) => (little ? head.readUInt16LE(at) : head.readUInt16BE(at));
  const u32 = (at: number) => (little ? head.readUInt32LE(at) : head.readUInt32BE(at));
  const type = u16(16);
  if ((type !== 2 && type !== 3) || u16(18) !== ELF_MACHINE[process.arch]) return false;
  // e_phoff, e_ehsize, e_phentsize, e_phnum
  const phoff = wide ? Number(little ? head.readBigUInt64LE(32) : head.readBigUInt64BE(32)) : u32(28);
  const [ehsize, phentsize, phnum] = wide ? [u16(52), u16(54), u16(56)] : [u16(40), u16(42), u16(44)];
  return ehsize === (wide ? 64 : 52) && phentsize === (wide ? 56 : 32) && phnum > 0 && phoff >= ehsize && phoff + phnum * phentsize <= size;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** PWD as bash leaves it: the inherited one when it names `cwd`, else the physical path; undefined where bash would rewrite it. */
function workingDirectory(cwd: string, inherited: string | undefined): string | undefined {
  try {
    const here = statSync(cwd);
    if (inherited && isAbsolute(inherited)) {
      try {
        const there = statSync(inherited);
        // bash would rewrite one with . or .. parts, // or a trailing /: left to bash.
        const canonical = inherited === '/' || inherited.split('/').slice(1).every((part) => part !== '' && part !== '.' && part !== '..');
        if (there.ino === here.ino && there.dev === here.dev) return canonical ? inherited : undefined;
      } catch {
        // not there: the physical path
      }
    }
    return realpathSync(cwd);
  } catch {
    return undefined;
  }
}
