import { parseArgs } from '../flags.js';
import { globWithin } from '../path.js';
import { table } from '../table.js';
import type { Action, ExecAction, FileOp } from '../types.js';
import { ansibleActions } from './ansible.js';
import { archiveFiles, archivePatterns } from './archives.js';
import { databaseHosts, databaseServerWords } from './db-clients.js';
import { databaseEffects } from './db-commands.js';
import { engineActions, launcherFiles } from './engine-files.js';
import { fileAction as file, namedArguments, whole, type PathContext } from './file-action.js';
import { httpAction } from '../http.js';
import { symbolicLinks } from './links.js';
import { findDeletes, findFiles } from './find.js';
import { gioFiles } from './gio.js';
import { curlFiles, httpFromCurl, httpFromWget, wgetFiles, type ClientFile } from './http-clients.js';
import { remoteActions } from './remote.js';
import { OPTION_SPECS } from './specs.js';
import { textToolFiles } from './text-tools.js';

export { namedArguments, type PathContext } from './file-action.js';

/** Programs whose positional arguments are all paths touched with one operation (text tools: text-tools.ts). */
const PATH_PROGRAMS = table<string, FileOp>({
  rm: 'delete', rmdir: 'delete', unlink: 'delete', shred: 'delete', trash: 'delete', 'trash-put': 'delete',
  cat: 'read', head: 'read', tail: 'read', more: 'read', nl: 'read', base64: 'read', od: 'read', strings: 'read',
  touch: 'write', truncate: 'write', tee: 'write', mkdir: 'write',
  ls: 'list',
});


/** GNU time's options: they end at the command it times. */
const TIME_OPTIONS = { shortValues: 'fo', longValues: ['--format', '--output'], longFlags: ['--append', '--portability', '--quiet', '--verbose', '--help', '--version'], stopAtPositional: true };

/** File and HTTP actions implied by a known program's arguments. */
export function analyzeProgram(action: ExecAction, ctx: PathContext): Action[] {
  const op = PATH_PROGRAMS[action.program];
  // `ls` with no operand lists `.`: `cd ~/.ssh && ls -1tr` lists ~/.ssh.
  const paths = () => {
    const given = positionals(action);
    return action.program === 'ls' && given.length === 0 ? ['.'] : given;
  };
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
    case 'docker': case 'podman': case 'nerdctl': case 'docker-compose': case 'podman-compose': case 'buildah': case 'kubectl':
      return engineActions(action, ctx);
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
      // The words naming the server are hosts, not files (`psql -h evil.example`).
      const hostWords = databaseServerWords(action.program, action.argv);
      const named = () => namedArguments(hostWords.size === 0 ? action : { ...action, argv: action.argv.map((w, i) => (hostWords.has(i) ? '' : w)) }, ctx);
      if (servers.length > 0 || files.length > 0) return [...servers, ...files, ...named()];
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

/** Files an HTTP client reads or writes; a path taken from a word nomos cannot know is dynamic. */
function clientFiles(files: ClientFile[], action: ExecAction, ctx: PathContext): Action[] {
  return files.map(([op, path, index]) => {
    const out = file(op, path, action, ctx);
    return action.dynamic?.includes(index) ? { ...out, dynamic: true } : out;
  });
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
