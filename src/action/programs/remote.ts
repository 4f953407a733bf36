import { posix } from 'node:path';
import { parseArgs, type ParsedOption } from '../flags.js';
import { httpAction } from '../http.js';
import type { Action, ExecAction, FileOp } from '../types.js';
import { fileWord } from './file-word.js';
import { gitFiles } from './git-files.js';
import { OPTION_SPECS } from './specs.js';

type FileMaker = (op: FileOp, path: string) => Action;

/** `user@host:path` (scp, rsync) – not a local path with a colon in a directory name. */
const REMOTE = /^(?:([^@/:]+)@)?([A-Za-z0-9._-]+|\[[0-9a-fA-F:]+\]):(.*)$/;

/**
 * Network programs as actions nomos can write rules on: ssh and nc connect to a host,
 * scp/rsync copy between local paths (file actions) and remote ones (`ssh://` actions,
 * PUT when sending, GET when fetching), git talks to remotes given as URLs.
 */
export function remoteActions(action: ExecAction, file: FileMaker): Action[] {
  const via = [...action.via, action.program];
  // Parsed only for these programs: this runs for every command a walk meets.
  const parsed = () => parseArgs(action.argv.slice(1), OPTION_SPECS[action.program === 'ncat' || action.program === 'netcat' ? 'nc' : action.program]);
  const positionals = () => parsed().positionals.map((p) => p.value);
  switch (action.program) {
    case 'ssh': {
      const args = parsed();
      const host = args.positionals[0];
      // ssh reads options after the destination too (`ssh host -E log`), up to the command.
      const after = host ? parseArgs(action.argv.slice(host.index + 2), OPTION_SPECS.ssh).options : [];
      return [...(host ? net('SSH', sshUrl(host.value), via) : []), ...jumpHosts([...args.options, ...after], via), ...optionFiles([...args.options, ...after], NAMED_FILES.ssh!, file)];
    }
    case 'mosh': {
      // `mosh [user@]host [--] cmd …`: a connection to host through ssh (and UDP to its mosh-server), as `ssh host cmd`.
      const host = parsed().positionals[0]?.value;
      return host === undefined ? [] : net('SSH', sshUrl(host), via);
    }
    case 'sftp': {
      // `sftp [user@]host[:path]`: a connection to host, through its jump hosts.
      const args = parsed();
      const host = args.positionals[0]?.value;
      const remote = host === undefined ? undefined : REMOTE.exec(host);
      const url = remote ? `ssh://${remote[1] ? `${remote[1]}@` : ''}${remote[2]}` : host === undefined ? undefined : sshUrl(host);
      // Its other words are named as for a program nomos does not model (`-i key`, a local target).
      const named = [...args.options.map((o) => o.value ?? ''), ...args.positionals.slice(1).map((p) => p.value)].flatMap((w) => fileWord(w) ?? []);
      return [...(url ? net('SSH', url, via) : []), ...jumpHosts(args.options, via), ...named.map((w) => file('arg', w))];
    }
    case 'nc': case 'ncat': case 'netcat': case 'telnet': {
      const args = parsed();
      const [host, port] = args.positionals.map((p) => p.value);
      const named = action.program === 'telnet' ? NAMED_FILES.telnet! : action.program === 'ncat' ? NAMED_FILES.ncat! : NAMED_FILES.nc!;
      return [...(host !== undefined ? net('CONNECT', `tcp://${host}:${port ?? '0'}`, via) : []), ...optionFiles(args.options, named, file)];
    }
    case 'scp': case 'rsync': {
      const args = parsed();
      const names = args.options.map((o) => o.name);
      // -r/-a copy whole trees; --files-from may name any file below a source.
      const recursive = names.some((n) => RECURSIVE.includes(n) || (action.program === 'rsync' && (n === '--files-from' || n === '-d' || n === '--dirs')));
      const paths = args.positionals.map((p) => p.value);
      return [...copyRemote(paths, via, recursive, file), ...(action.program === 'rsync' ? rsyncFiles(args.options, paths, file) : jumpHosts(args.options, via))];
    }
    case 'git': {
      const words = positionals();
      const maker = gitFileMaker(action, file);
      return [...gitRemote(words, via), ...gitFiles(words, maker), ...gitWrittenDirs(action, words, file), ...gitNamedFiles(words, maker)];
    }
    case 'parallel':
      return sshLogins(action.argv, via);
    default:
      return [];
  }
}

/**
 * GNU parallel's `-S`/`--sshlogin` hosts (`[@group/][ncpus/][user@]host`, comma-separated; `:` is this machine), read up to its
 * first `:::` (a `-S` among the command's words only adds a host: stricter).
 */
function sshLogins(argv: string[], via: string[]): Action[] {
  const end = argv.findIndex((w) => /^::::?\+?$/.test(w));
  const words = argv.slice(1, end < 0 ? undefined : end);
  const values = words.flatMap((w, i) => (w === '-S' || w === '--sshlogin' ? [words[i + 1] ?? ''] : w.startsWith('--sshlogin=') ? [w.slice(11)] : /^-S./.test(w) ? [w.slice(2)] : []));
  return values.flatMap((v) => v.split(',')).map((login) => login.replace(/^(?:@[^/]*\/)?(?:\d+\/)?/, '')).filter((h) => h !== '' && h !== ':').flatMap((h) => net('SSH', sshUrl(h), via));
}

/**
 * Directories git writes into: its work tree and git dir when set (`git --work-tree=DIR checkout …`,
 * `--git-dir=DIR init`), and `checkout-index --prefix=DIR`: every file below them.
 */
function gitWrittenDirs(action: ExecAction, words: string[], file: FileMaker): Action[] {
  const parsed = parseArgs(action.argv.slice(1), OPTION_SPECS.git);
  const sub = parsed.positionals[0]?.index ?? action.argv.length;
  const dirs = parsed.options.filter((o) => o.index < sub && (o.name === '--work-tree' || o.name === '--git-dir') && o.value !== undefined).map((o) => o.value!);
  if (words[0] === 'checkout-index') {
    words.forEach((w, i) => {
      if (w.startsWith('--prefix=')) dirs.push(w.slice(9));
      else if (w === '--prefix' && words[i + 1] !== undefined) dirs.push(words[i + 1]!);
    });
  }
  return dirs.map((dir) => {
    const made = file('write', dir);
    return made.kind === 'file' ? { ...made, recursive: true } : made;
  });
}

/**
 * The words of a git subcommand that name files (fileWord, as for a program nomos does not model):
 * git reads or writes them (`git interpret-trailers ~/.ssh/id_rsa`, `git hash-object -w key`,
 * `git archive --add-file=key`), as for any program nomos does not model.
 */
function gitNamedFiles(words: string[], file: FileMaker): Action[] {
  // diff and blame name theirs as reads (git-files.ts).
  if (words[0] === 'diff' || words[0] === 'blame') return [];
  return words.slice(1).flatMap((word) => {
    const value = fileWord(word);
    return value ? [file('arg', value)] : [];
  });
}

/**
 * git's own file words are relative to where its global options put it: `git -C ~/.ssh diff
 * --no-index id_rsa /dev/null` reads ~/.ssh/id_rsa (each -C from the one before); with
 * --work-tree (or a -C nomos cannot know) git may read them from a directory nomos does not know.
 */
function gitFileMaker(action: ExecAction, file: FileMaker): FileMaker {
  const parsed = parseArgs(action.argv.slice(1), OPTION_SPECS.git);
  const sub = parsed.positionals[0]?.index ?? action.argv.length;
  let dir = '';
  let unknown = false;
  for (const o of parsed.options) {
    if (o.index >= sub) break;
    if (o.name === '-C' && o.value !== undefined) {
      if (action.dynamic?.includes(o.valueIndex! + 1)) unknown = true;
      // Joined as written: git chdirs to each -C, so a `..` after a link is applied where the link leads (real-paths.ts).
      dir = o.value.startsWith('/') || !dir ? o.value : `${dir}/${o.value}`;
    } else if (o.name === '--work-tree' || o.name.startsWith('--work-tree=')) unknown = true;
  }
  if (!dir && !unknown) return file;
  return (op, path) => {
    if (path.startsWith('/')) return file(op, path);
    const made = file(op, dir ? `${dir.replace(/\/+$/, '')}/${path}` : path);
    return unknown && made.kind === 'file' ? { ...made, dynamic: true } : made;
  };
}

/**
 * The jump hosts ssh connects to first (`-J a,b`, `-o ProxyJump=a`: OpenSSH 9 ran `ssh -W '[host]:22' a` before host),
 * each `[user@]host[:port]` or an `ssh://` URL.
 */
function jumpHosts(options: ParsedOption[], via: string[]): Action[] {
  const values = options.flatMap((o) => {
    if (o.name === '-J' && o.value !== undefined) return [o.value];
    const jump = o.name === '-o' ? /^\s*proxyjump\s*(?:=\s*|\s+)(.*)$/i.exec(o.value ?? '') : null;
    return jump ? [jump[1]!] : [];
  });
  return values.flatMap((v) => v.split(',')).filter((h) => h !== '' && h.toLowerCase() !== 'none').flatMap((h) => net('SSH', sshUrl(h.trim()), via));
}

function sshUrl(host: string): string {
  return host.includes('://') ? host : `ssh://${host}`;
}

const RECURSIVE = ['-r', '-a', '--recursive', '--archive'];

function copyRemote(paths: string[], via: string[], recursive: boolean, file: FileMaker): Action[] {
  if (paths.length < 2) return [];
  const target = paths[paths.length - 1]!;
  const out: Action[] = [];
  for (const src of paths.slice(0, -1)) {
    const remote = remoteUrl(src);
    if (remote) out.push(...net('GET', remote, via));
    else out.push(recursive ? reaching(file('read', src)) : file('read', src));
  }
  const remoteTarget = remoteUrl(target);
  if (remoteTarget) out.push(...net('PUT', remoteTarget, via));
  else out.push(file('write', target));
  return out;
}

/** A remote path's URL: `rsync://host/module` and `scp://host/path` as written (not host `rsync`), `[user@]host:path` as `ssh://`. */
function remoteUrl(word: string): string | undefined {
  if (/^(?:rsync|scp|sftp):\/\//i.test(word)) return word;
  const remote = REMOTE.exec(word);
  return remote ? scpUrl(remote) : undefined;
}

/** Options of ssh and netcat that name a local file, and what the program does with it. */
const NAMED_FILES: Record<string, Record<string, FileOp>> = {
  ssh: { '-E': 'append' },
  // -o FILE: traditional netcat's hex dump; ncat's output (`--append-output` is a flag there), -x its hex dump.
  nc: { '-o': 'write' },
  ncat: { '-o': 'write', '--output': 'write', '-x': 'write', '--hex-dump': 'write' },
  telnet: { '-n': 'write' },
  rsync: {
    '--log-file': 'append', '--write-batch': 'write', '--only-write-batch': 'write', '--read-batch': 'read',
    '--exclude-from': 'read', '--include-from': 'read', '--files-from': 'read', '--password-file': 'read', '--early-input': 'read',
  },
};

/**
 * rsync's directories on the receiving side, relative to the destination unless absolute:
 * --link-dest makes hard links to its files (so what is written to the copy is written to
 * them, as for `cp -al`), --backup-dir and the temp dirs are written below, the others read.
 */
const RSYNC_DIRS: Record<string, FileOp> = {
  '--link-dest': 'write', '--backup-dir': 'write', '--temp-dir': 'write', '-T': 'write', '--partial-dir': 'write',
  '--copy-dest': 'read', '--compare-dest': 'read',
};

function optionFiles(options: ParsedOption[], named: Record<string, FileOp>, file: FileMaker): Action[] {
  return options.flatMap((o) => (Object.hasOwn(named, o.name) && o.value !== undefined && o.value !== '-' ? [file(named[o.name]!, o.value)] : []));
}

function rsyncFiles(options: ParsedOption[], paths: string[], file: FileMaker): Action[] {
  const target = paths.at(-1);
  const local = target !== undefined && !REMOTE.exec(target);
  const dirs = options.flatMap((o) => {
    if (!Object.hasOwn(RSYNC_DIRS, o.name) || o.value === undefined) return [];
    // Relative to a remote destination, the directory is on the other machine.
    if (!o.value.startsWith('/') && !o.value.startsWith('~') && !local) return [];
    const path = o.value.startsWith('/') || o.value.startsWith('~') ? o.value : posix.join(target!, o.value);
    return [reaching(file(RSYNC_DIRS[o.name]!, path))];
  });
  // --write-batch=F writes F.sh beside F.
  const scripts = options.flatMap((o) => ((o.name === '--write-batch' || o.name === '--only-write-batch') && o.value ? [file('write', `${o.value}.sh`)] : []));
  return [...optionFiles(options, NAMED_FILES.rsync!, file), ...scripts, ...dirs, ...rsyncDeletes(options, paths, file)];
}

/**
 * What rsync deletes on this machine: `--delete` and its kin, what the destination holds that the
 * sources do not (any file below it: `rsync -a --delete empty/ ~/.config/` empties it);
 * `--remove-source-files`, the files sent (any file below each source).
 */
function rsyncDeletes(options: ParsedOption[], paths: string[], file: FileMaker): Action[] {
  if (paths.length < 2) return [];
  const names = options.map((o) => o.name);
  const local = (p: string) => !REMOTE.exec(p);
  const target = paths.at(-1)!;
  return [
    ...(names.some((n) => n === '--del' || n.startsWith('--delete')) && local(target) ? [target] : []),
    ...(names.includes('--remove-source-files') ? paths.slice(0, -1).filter(local) : []),
  ].map((p) => reaching(file('delete', p)));
}

/** The action reaches everything below its path (a tree copied, linked or written into). */
function reaching(action: Action): Action {
  return action.kind === 'file' ? { ...action, recursive: true } : action;
}

const GIT_REMOTE_SUBCOMMANDS = ['clone', 'fetch', 'pull', 'push', 'ls-remote', 'archive', 'submodule'];

/** `git clone|fetch|pull|push|ls-remote URL`: the remote's host, PUT for push. */
function gitRemote(words: string[], via: string[]): Action[] {
  const sub = words[0];
  if (!sub || !GIT_REMOTE_SUBCOMMANDS.includes(sub)) return [];
  const method = sub === 'push' ? 'PUT' : 'GET';
  return words.slice(1).flatMap((w) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(w)) return net(method, w.replace(/^git\+/, ''), via);
    const scp = REMOTE.exec(w);
    return scp && !w.startsWith('/') ? net(method, scpUrl(scp), via) : [];
  });
}

/**
 * Why rsync reads what nomos cannot name, if it does: options passed on to the receiving side
 * (`-M--log-file=F`, which a local copy runs too), or filter rules merged from a file
 * (`-f 'merge FILE'`, `-f '. FILE'`: rsync prints a line of it it cannot parse).
 */
export function rsyncOpaque(action: ExecAction): string | undefined {
  if (action.program !== 'rsync') return undefined;
  const options = parseArgs(action.argv.slice(1), OPTION_SPECS.rsync).options;
  if (options.some((o) => o.name === '-M' || o.name === '--remote-option')) return 'rsync passes options nomos does not read to the receiving side';
  const merge = options.find((o) => (o.name === '-f' || o.name === '--filter') && /^\s*(?:merge|dir-merge|[.:])/.test(o.value ?? ''));
  return merge ? `rsync reads filter rules from a file (${merge.value})` : undefined;
}

/**
 * A remote URL git would use that nomos cannot read as git does (`https://github.com\@evil.example/r`
 * is evil.example to git's curl): no network action can be made for it, so the command is opaque.
 */
export function unreadGitRemote(action: ExecAction): string | undefined {
  if (action.program !== 'git') return undefined;
  const words = parseArgs(action.argv.slice(1), OPTION_SPECS.git).positionals.map((p) => p.value);
  if (!GIT_REMOTE_SUBCOMMANDS.includes(words[0] ?? '')) return undefined;
  return words.slice(1).find((w) => /^[a-z][a-z0-9+.-]*:\/\//i.test(w) && !/^(file|ext):/i.test(w) && !httpAction('GET', w.replace(/^git\+/, ''), []));
}

function net(method: string, url: string, via: string[]): Action[] {
  const action = httpAction(method, url, via);
  return action ? [action] : [];
}

/** `user@host:path` as an `ssh://` URL. */
function scpUrl(m: RegExpExecArray): string {
  return `ssh://${m[1] ? `${m[1]}@` : ''}${m[2]}/${m[3]}`;
}
