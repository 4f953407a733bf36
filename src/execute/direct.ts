// A shell string that is one program with plain words (`git status`, `npm test`, `ls -la src`)
// is run without bash, as GNU make runs such a recipe line: bash would only find the program on
// PATH and exec it, and starting bash costs more than Node's spawn itself on our machines
// (`npm run bench`). Everything else, and anything bash would do differently, goes to bash.
import { accessSync, closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

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

/** Environment that makes bash do more than find and exec the program (startup code, tracing, functions, POSIX mode). */
const BASH_ENVIRONMENT = /^(?:BASH_ENV|ENV|SHELLOPTS|BASHOPTS|POSIXLY_CORRECT|BASH_FUNC_.*)$/;

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
  // A name with a slash is exec'd as written (relative to cwd), as bash does: the program may read its path.
  const file = name.includes('/') ? programAt(resolve(cwd, name)) && name : onPath(name, env.PATH);
  if (!file) return undefined;
  const pwd = workingDirectory(cwd, env.PWD);
  if (!pwd) return undefined;
  // bash -c counts itself in SHLVL and, exec'ing its one command, counts itself out: unset becomes 0.
  return { file, argv: words, env: { ...env, PWD: pwd, SHLVL: shellLevel ?? '0', _: file } };
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
    if (kind === 'program') return programAt(candidate);
    // A file bash would try to run and fail on: its error is bash's to give.
    if (kind === 'other') return undefined;
  }
  return undefined;
}

function fileKind(path: string): 'program' | 'other' | 'none' {
  try {
    if (!statSync(path).isFile()) return 'none';
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

/** `path` when it is an executable that the kernel runs itself (ELF or #!): bash runs any other file as a script of its own. */
function programAt(path: string): string | undefined {
  if (fileKind(path) !== 'program') return undefined;
  const head = Buffer.alloc(4);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const n = readSync(fd, head, 0, 4, 0);
    const elf = n === 4 && head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF';
    return elf || (n >= 2 && head.toString('latin1', 0, 2) === '#!') ? path : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
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
