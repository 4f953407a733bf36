import { parseArgs } from '../flags.js';
import { globWithin, resolveFrom } from '../path.js';
import { table } from '../table.js';
import type { Action, ExecAction, FileAction, FileOp } from '../types.js';
import { ansibleActions } from './ansible.js';
import { archiveFiles, archivePatterns } from './archives.js';
import { buildContextFiles } from './build-context.js';
import { buildFiles, containerCommand } from './containers.js';
import { databaseHosts } from './db-clients.js';
import { databaseEffects } from './db-commands.js';
import { engineConfigWrites, engineEndpoints, engineHostWords } from './engine-hosts.js';
import { httpAction } from '../http.js';
import { launchCommands } from './launch.js';
import { symbolicLinks } from './links.js';
import { fileWord } from './file-word.js';
import { findDeletes, findFiles } from './find.js';
import { gioFiles } from './gio.js';
import { curlFiles, httpFromCurl, httpFromWget, wgetFiles, type ClientFile } from './http-clients.js';
import { remoteActions } from './remote.js';
import { OPTION_SPECS } from './specs.js';
import { textToolFiles } from './text-tools.js';

/** Where a command's relative paths resolve; `known` is false after a `cd` nomos could not follow. */
export interface PathContext {
  cwd: string;
  home: string;
  known?: boolean;
}

/** Programs whose positional arguments are all paths touched with one operation (text tools: text-tools.ts). */
const PATH_PROGRAMS = table<string, FileOp>({
  rm: 'delete', rmdir: 'delete', unlink: 'delete', shred: 'delete', trash: 'delete', 'trash-put': 'delete',
  cat: 'read', head: 'read', tail: 'read', more: 'read', nl: 'read', base64: 'read', od: 'read', strings: 'read',
  touch: 'write', truncate: 'write', tee: 'write', mkdir: 'write',
  ls: 'list',
});

/**
 * Files named among the arguments of a program nomos does not model: each static word that is
 * not an option, and the value of each `--option=value`, that reads as a file name (a `/` or
 * a `.` in it, no space: `~/.config/nomos/config.yaml`, `p.diff`; not `install` or a message),
 * as an `arg` action (the program may read, write or run it; rules that guard a file list `arg`
 * among their ops). Words built at run time name nothing nomos can see, and are left to the rules on the command.
 * With `bareWords` (the command runs in a directory a `cd` before it chose) any plain word is named too.
 */
export function namedArguments(action: ExecAction, ctx: PathContext, bareWords = false): FileAction[] {
  const out: FileAction[] = [];
  action.argv.forEach((word, i) => {
    // A word built at run time names nothing nomos can see, but a glob names the files it matches (file() marks it).
    if (i === 0 || (action.dynamic?.includes(i) && !action.globs?.includes(i))) return;
    const value = fileWord(word, bareWords);
    if (value) out.push(file('arg', value, action, ctx));
  });
  return out;
}


/** GNU time's options: they end at the command it times. */
const TIME_OPTIONS = { shortValues: 'fo', longValues: ['--format', '--output'], longFlags: ['--append', '--portability', '--quiet', '--verbose', '--help', '--version'], stopAtPositional: true };

/** File and HTTP actions implied by a known program's arguments. */
export function analyzeProgram(action: ExecAction, ctx: PathContext): Action[] {
  const op = PATH_PROGRAMS[action.program];
  const paths = () => positionals(action);
  if (op) {
    const actual = action.program === 'tee' && action.flags.some((f) => f === '-a' || f === '--append') ? 'append' : op;
    // `rm -r dir` deletes every file below it (`rm -rf .claude` deletes .claude/settings.json); trash takes a directory whole.
    const recursive = action.program === 'trash' || action.program === 'trash-put' || (action.program === 'rm' && action.flags.some((f) => f === '-r' || f === '-R' || f === '--recursive'));
    return paths().filter((p) => !isPipe(p, action)).map((p) => whole(file(actual, p, action, ctx), recursive));
  }
  const tool = textToolFiles(action);
  if (tool) {
    return tool.filter(([, p]) => !isPipe(p, action)).map(([fileOp, p, depth]) => {
      const out = file(fileOp, p, action, ctx);
      if (depth) out.recursive = true;
      if (depth === 'visible') out.skipsHidden = true;
      return out;
    });
  }
  const archive = archiveFiles(action);
  if (archive) {
    // The words stay named too (`arg`), as for any program nomos does not model, but patterns of names left out.
    const patterns = archivePatterns(action);
    const named = namedArguments(patterns.size === 0 ? action : { ...action, argv: action.argv.map((w, i) => (patterns.has(i) ? '' : w)) }, ctx);
    return [...named, ...archive.map((a) => {
      const out = file(a.op, a.path, action, ctx);
      if (a.recursive) out.recursive = true;
      if ([a.index, a.dirIndex].some((i) => i !== undefined && action.dynamic?.includes(i))) out.dynamic = true;
      return out;
    })];
  }
  switch (action.program) {
    case 'xargs': {
      // xargs reads its arguments from -a FILE (and passes them to the command: `xargs -a key echo` prints it).
      const parsed = parseArgs(action.argv.slice(1), OPTION_SPECS.xargs);
      return parsed.options.flatMap((o) => ((o.name === '-a' || o.name === '--arg-file') && o.value !== undefined ? [file('read', o.value, action, ctx)] : []));
    }
    case 'cp': case 'mv': case 'ln': case 'install':
      return copyOrMove(action, ctx);
    case 'link': {
      // link FILE1 FILE2: FILE2 becomes a hard link to FILE1 (written through it, FILE1 changes).
      const [src, target] = positionals(action);
      return src !== undefined && target !== undefined ? [file('copy', src, action, ctx, target), file('read', src, action, ctx), file('write', target, action, ctx), file('write', src, action, ctx)] : [];
    }
    case 'chmod': case 'chown': case 'chgrp': {
      // -R changes every file below a directory (`chmod -R a+r ~/.config` reaches nomos's approval key).
      const recursive = action.flags.some((f) => f === '-R' || f === '--recursive');
      return permissionTargets(action).map((p) => whole(file('chmod', p, action, ctx), recursive));
    }
    case 'time': {
      // GNU time writes its report to -o FILE (appends with -a), in a format -f chooses: into ~/.bashrc, code.
      const parsed = parseArgs(action.argv.slice(1), TIME_OPTIONS);
      const append = parsed.options.some((o) => o.name === '-a' || o.name === '--append');
      return parsed.options.flatMap((o) => ((o.name === '-o' || o.name === '--output') && o.value !== undefined ? [file(append ? 'append' : 'write', o.value, action, ctx)] : []));
    }
    case 'xxd': {
      // xxd [options] [infile [outfile]]: the outfile is written, with -r or without. An option
      // value read as a word only adds a read in front: the last of two or more words is the outfile.
      const words = positionals(action).filter((p) => p !== '-' && !isPipe(p, action));
      return words.map((p, i) => file(i > 0 && i === words.length - 1 ? 'write' : 'read', p, action, ctx));
    }
    case 'gio':
      return gioFiles(positionals(action), (op, p, target) => file(op, p, action, ctx, target), () => namedArguments(action, ctx));
    case 'dd':
      // `if=$X`, `of=z*/x`: the word is dynamic, so is its file (file() matches whole words only).
      return action.argv.slice(1).flatMap((w, k) => {
        const op = w.startsWith('if=') ? 'read' : w.startsWith('of=') ? 'write' : undefined;
        if (!op) return [];
        const out = file(op, w.slice(3), action, ctx);
        return [action.dynamic?.includes(k + 1) ? { ...out, dynamic: true } : out];
      });
    case 'find':
      return [...(action.argv.includes('-delete') ? findDeletes(action, (p) => file('delete', p, action, ctx), (glob) => globWithin(glob, ctx) !== undefined) : []), ...findFiles(action).filter(([fileOp]) => fileOp !== 'delete').map(([fileOp, p]) => file(fileOp, p, action, ctx))];
    case 'docker': case 'podman': case 'nerdctl': case 'docker-compose': case 'podman-compose': case 'buildah': case 'kubectl': {
      // The daemon or API server it talks to; its words stay named (`docker -H ssh://h cp ~/.ssh/id_rsa c:/k`).
      const hosts = [...engineHosts(action, ctx), ...engineConfigWrites(action.program, action.argv, action.env, ctx.home).map((dir) => ({ ...file('write', dir, action, ctx), recursive: true }))];
      // The daemon's address is no file it names (`-H unix:///run/d.sock` is the socket's write above, not `./unix:/run/d.sock`).
      const addresses = engineHostWords(action.program, action.argv);
      const unnamed = addresses.length === 0 ? action : { ...action, argv: action.argv.map((w, i) => (addresses.includes(i) ? '' : w)) };
      const own = action.program === 'kubectl' ? [] : containerMounts(unnamed, ctx);
      return hosts.length === 0 && addresses.length === 0 ? own : [...hosts, ...(own.length > 0 ? own : namedArguments(unnamed, ctx))];
    }
    case 'apptainer': case 'singularity': case 'systemd-nspawn': case 'flatpak': case 'guix':
    case 'srun': case 'sbatch': case 'qsub': case 'bsub': case 'pssh': case 'parallel-ssh': case 'clush': case 'pdsh':
    case 'mpirun': case 'mpiexec': case 'orterun': case 'mpiexec.hydra': case 'mpirun.openmpi': case 'mpiexec.openmpi': case 'mpirun.mpich': case 'mpiexec.mpich':
      return launcherFiles(action, ctx);
    case 'ansible':
      // ansible expands `~` in a module's paths itself (`dest=~/.bashrc`: the user's home).
      return ansibleActions(action, (op, p) => file(op, p.replace(/^~(?=\/|$)/, ctx.home), action, ctx), () => namedArguments(action, ctx));
    case 'salt': case 'salt-call': case 'salt-ssh': {
      // salt writes what it prints to --out-file (appends with --out-file-append) and its log to --log-file (salt 3006).
      const append = action.argv.some((w) => w === '--out-file-append' || w === '--output-file-append');
      const named = action.argv.flatMap((w, i): [FileOp, string, number][] => {
        const name = w.includes('=') ? w.slice(0, w.indexOf('=')) : w;
        const at = w.includes('=') ? i : i + 1;
        const value = w.includes('=') ? w.slice(w.indexOf('=') + 1) : action.argv[i + 1];
        if (value === undefined) return [];
        if (name === '--out-file' || name === '--output-file') return [[append ? 'append' : 'write', value, at]];
        return name === '--log-file' ? [['append', value, at]] : [];
      });
      if (named.length === 0) return [];
      return [...namedArguments(action, ctx), ...named.map(([op, path, at]) => (action.dynamic?.includes(at) ? { ...file(op, path, action, ctx), dynamic: true } : file(op, path, action, ctx)))];
    }
    case 'curl':
      return [...httpFromCurl(action), ...clientFiles(curlFiles(action), action, ctx)];
    case 'wget':
      return [...httpFromWget(action), ...clientFiles(wgetFiles(action), action, ctx)];
    default: {
      // A database client's servers (`PGHOST=h psql`); its words stay named (`psql -f ~/.ssh/id_rsa`).
      const servers = databaseHosts(action.program, action.argv, action.env)?.flatMap((url) => httpAction('CONNECT', url, [...action.via, action.program]) ?? []) ?? [];
      // And the files it reads and writes itself (`psql -o out`, `-L log`, `-f script.sql`).
      const files = (databaseEffects(action.program, action.argv, action.env, action.dynamicEnv ?? [])?.files ?? []).map((f) => file(f.op, f.path, action, ctx));
      if (servers.length > 0 || files.length > 0) return [...servers, ...files, ...namedArguments(action, ctx)];
      return remoteActions(action, (fileOp, p) => file(fileOp, p, action, ctx));
    }
  }
}

/**
 * A local tool's file argument that is a process substitution reads or writes a pipe, not a
 * file (`diff <(ls a) <(ls b)`, `tee >(wc -l)`). Network and remote clients keep theirs as
 * files of unknown name: what they send may be a credential the inner command reads.
 */
function isPipe(path: string, action: ExecAction): boolean {
  // Matched by text, as file() does: a real file written the same way (`cat '<(:)' <(:)`) makes none a pipe.
  const pipes = action.pipes;
  return pipes !== undefined && pipes.some((i) => action.argv[i] === path) && action.argv.every((w, i) => w !== path || pipes.includes(i));
}

/** Positional words after the program, skipping the values of the program's options. */
export function positionals(action: ExecAction): string[] {
  return parseArgs(action.argv.slice(1), OPTION_SPECS[action.program]).positionals.map((p) => p.value);
}

/**
 * The files chmod/chown/chgrp change: the positionals after the mode or owner, all of them
 * with `--reference`. GNU chmod reads a mode starting with a dash (`-w`, `-x,o+w`) as the mode.
 */
function permissionTargets(action: ExecAction): string[] {
  const argv = action.argv.slice(1);
  const end = argv.indexOf('--');
  const isDashMode = (w: string, i: number) => action.program === 'chmod' && (end < 0 || i < end) && /^-[rwxXstugoa0-7,+=-]+$/.test(w);
  const dashMode = argv.some(isDashMode);
  const parsed = parseArgs(argv.filter((w, i) => !isDashMode(w, i)), OPTION_SPECS[action.program]);
  const reference = parsed.options.some((o) => o.name === '--reference');
  const words = parsed.positionals.map((p) => p.value);
  return dashMode || reference ? words : words.slice(1);
}

/** The action on everything below its path too, when `recursive`. */
const whole = (action: FileAction, recursive: boolean): FileAction => (recursive ? { ...action, recursive: true } : action);

function file(op: FileOp, path: string, action: ExecAction, ctx: PathContext, target?: string): FileAction {
  const resolved = resolveFrom(path, ctx);
  const from = action.dynamic?.filter((i) => action.argv[i] === path || (target !== undefined && action.argv[i] === target)) ?? [];
  const dynamic = resolved.unknown || from.length > 0;
  // Only a glob in the path made it dynamic (`src/*.ts`, `cp src/*.ts out/`): a front end can list what it matches (src/action/globs.ts).
  const glob = dynamic && !resolved.unknown && from.every((i) => action.globs?.includes(i) && action.argv[i] === path && action.argv[i] !== target)
    && globWithin(path, ctx) !== undefined;
  return {
    kind: 'file', op, path: resolved.path, ...(resolved.written !== undefined ? { written: resolved.written } : {}), via: [...action.via, action.program],
    ...(target !== undefined ? { target: resolveFrom(target, ctx).path } : {}),
    ...(dynamic ? { dynamic: true } : {}),
    ...(glob ? { glob: true } : {}),
    ...(path.length > 1 && path.endsWith('/') ? { slash: true } : {}),
  };
}

/** Files an HTTP client reads or writes; a path taken from a word nomos cannot know is dynamic. */
function clientFiles(files: ClientFile[], action: ExecAction, ctx: PathContext): Action[] {
  return files.map(([op, path, index]) => {
    const out = file(op, path, action, ctx);
    return action.dynamic?.includes(index) ? { ...out, dynamic: true } : out;
  });
}

/** The daemons the engine's client talks to beyond the default socket (`docker -H ssh://host ps`: ssh to host), as network actions; a socket named, as its write. */
function engineHosts(action: ExecAction, ctx: PathContext): Action[] {
  const endpoints = engineEndpoints(action.program, action.argv, action.env, action.dynamicEnv ?? [], (i) => action.dynamic?.includes(i) ?? false);
  return endpoints.flatMap((e): Action[] => {
    const net = 'url' in e ? httpAction(e.method, e.url, [...action.via, action.program]) : undefined;
    if (net) return [net];
    return 'socket' in e ? [file('write', e.socket, action, ctx)] : [];
  });
}

/**
 * Host paths a container is given (`-v ~/.ssh:/k`, `--mount type=bind,…`): everything below each is read, and
 * written unless mounted read-only. The engine's own words are named as for any program (not the container's command).
 */
function containerMounts(action: ExecAction, ctx: PathContext): Action[] {
  const dynamic = (i: number) => action.dynamic?.includes(i) ?? false;
  // `docker build --secret id=k,src=~/.ssh/id_rsa .`: the build reads those files (and may put them in the image).
  const given = buildFiles(action.program, action.argv, dynamic);
  // `docker build ~` sends all of ~ to the daemon; `-f`, `-o` and the like are files it reads and writes (build-context.ts).
  const built = buildContextFiles(action.program, action.argv);
  if (given.length > 0 || built.length > 0) {
    const own = namedArguments(action, ctx);
    return [
      ...own,
      ...given.map(({ path, recursive, dynamic: unknown }): FileAction => ({ ...file('read', path, action, ctx), ...(recursive ? { recursive } : {}), ...(unknown ? { dynamic: true } : {}) })),
      ...built.map(({ op, path, recursive }) => whole(file(op, path, action, ctx), recursive === true)),
    ];
  }
  const started = containerCommand(action.program, action.argv, dynamic);
  if (!started || started.mounts.length === 0) return [];
  return [...namedArguments({ ...action, argv: action.argv.slice(0, started.index) }, ctx), ...mountActions(started.mounts, action, ctx)];
}

/**
 * Host paths given to a sandbox (`apptainer exec -B ~/.ssh:/k`, `systemd-nspawn -D tree`, `flatpak run --filesystem=home`) and the files a
 * scheduler writes or reads itself (`srun -o ~/.ssh/authorized_keys echo key`), besides its words named as for any program.
 */
function launcherFiles(action: ExecAction, ctx: PathContext): Action[] {
  const launched = launchCommands(action.program, action.argv, (i) => action.dynamic?.includes(i) ?? false);
  const mounts = launched?.mounts ?? [];
  const files = (launched?.files ?? []).map(({ op, path, dynamic }): Action => {
    // `slurm-%j.out`, `%x-%3t.log`: filled in per job and task, so the names that pattern matches (`slurm-*.out`), where it lies.
    const pattern = path.replace(/%%|%\d*[A-Za-z]/g, (m) => (m === '%%' ? '%' : '*'));
    const glob = pattern !== path && !dynamic && globWithin(pattern, ctx) !== undefined;
    return { ...file(op, pattern, action, ctx), ...(dynamic || pattern !== path ? { dynamic: true } : {}), ...(glob ? { glob: true } : {}) };
  });
  // The hosts a cluster shell reaches (`pdsh -w h[1-2] cmd`), as `ssh host cmd` does.
  const hosts = (launched?.hosts ?? []).flatMap((url) => httpAction('SSH', url, [...action.via, action.program]) ?? []);
  if (mounts.length === 0 && files.length === 0 && hosts.length === 0) return [];
  // flatpak's `home` and xdg-* names are below ~ (a `~` the shell left, as in `--filesystem=~/x`).
  const home = mounts.map((m) => (/^~(?:\/|$)/.test(m.path) ? { ...m, path: `${ctx.home}${m.path.slice(1)}` } : m));
  return [...hosts, ...namedArguments(action, ctx), ...files, ...mountActions(home, action, ctx)];
}

/** Everything below each host path is read, and written unless it is given read-only. */
function mountActions(mounts: { path: string; readOnly: boolean }[], action: ExecAction, ctx: PathContext): Action[] {
  return [...mounts.flatMap(({ path, readOnly }) => [
    { ...file('read', path, action, ctx), recursive: true },
    ...(readOnly ? [] : [{ ...file('write', path, action, ctx), recursive: true }]),
  ])];
}

/** cp/mv/ln/install: sources are copied (read) or moved (deleted); the target is written. */
function copyOrMove(action: ExecAction, ctx: PathContext): Action[] {
  const parsed = parseArgs(action.argv.slice(1), OPTION_SPECS[action.program]);
  const targetOption = parsed.options.find((o) => o.name === '-t' || o.name === '--target-directory');
  const paths = parsed.positionals.map((p) => p.value);
  const target = targetOption?.value ?? (paths.length >= 2 ? paths.pop()! : action.program === 'ln' ? '.' : undefined);
  if (target === undefined) return [];
  const op: FileOp = action.program === 'mv' ? 'move' : 'copy';
  const names = parsed.options.map((o) => o.name);
  const hardLink = makesHardLink(action, names);
  const recursive = names.some((o) => o === '-r' || o === '-R' || o === '-a' || o === '--recursive' || o === '--archive');
  const symbolic = names.some((o) => (action.program === 'ln' ? o === '-s' || o === '--symbolic' : action.program === 'cp' && (o === '-s' || o === '--symbolic-link')));
  const place = { into: targetOption !== undefined || paths.length > 1, relative: action.program === 'ln' && names.some((o) => o === '-r' || o === '--relative') };
  // A symbolic link is a name for its source: its source is still counted as copied and read
  // there (what it exposes), and the link written is marked with where it leads (links.ts).
  if (symbolic) return paths.flatMap((src) => [file(op, src, action, ctx), file('read', src, action, ctx), ...symbolicLinks(src, target, place, (p) => file('read', p, action, ctx))]);
  return paths.flatMap((src) => [
    // A directory moved is every file below it moved away (`mv .claude x` moves .claude/settings.json).
    whole(file(op, src, action, ctx, target), op === 'move'),
    // A tree copied is every file below it read (`cp -r ~ /tmp/h` reads ~/.ssh/id_rsa).
    op === 'move' ? whole(file('delete', src, action, ctx), true) : whole(file('read', src, action, ctx), recursive),
    file('write', target, action, ctx),
    // A hard link is another name for the same file: whatever is written through it is written to
    // src (to every file below it, for a directory copied with links: `cp -al ~ /tmp/h`).
    ...(hardLink ? [whole(file('write', src, action, ctx), recursive)] : []),
  ]);
}

/** `ln` without -s, `cp -l/--link` (`cp -al`): the new name is the source file itself, not a copy of it. */
function makesHardLink(action: ExecAction, options: string[]): boolean {
  if (action.program === 'ln') return !options.some((o) => o === '-s' || o === '--symbolic');
  return action.program === 'cp' && options.some((o) => o === '-l' || o === '--link');
}
