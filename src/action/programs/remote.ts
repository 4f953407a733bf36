import { posix } from 'node:path';
import { parseArgs } from '../flags.js';
import { httpAction } from '../http.js';
import type { Action, ExecAction, FileOp } from '../types.js';
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
  const positionals = () => parseArgs(action.argv.slice(1), OPTION_SPECS[action.program]).positionals.map((p) => p.value);
  switch (action.program) {
    case 'ssh':
      return positionals().slice(0, 1).flatMap((host) => net('SSH', sshUrl(host), via));
    case 'nc': case 'ncat': case 'netcat': case 'telnet': {
      const [host, port] = positionals();
      return host !== undefined ? net('CONNECT', `tcp://${host}:${port ?? '0'}`, via) : [];
    }
    case 'scp': case 'rsync':
      return copyRemote(positionals(), via, file);
    case 'git': {
      const words = positionals();
      return [...gitRemote(words, via), ...gitFiles(words, gitFileMaker(action, file))];
    }
    default:
      return [];
  }
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
      dir = o.value.startsWith('/') ? o.value : posix.join(dir, o.value);
    } else if (o.name === '--work-tree' || o.name.startsWith('--work-tree=')) unknown = true;
  }
  if (!dir && !unknown) return file;
  return (op, path) => {
    if (path.startsWith('/')) return file(op, path);
    const made = file(op, dir ? posix.join(dir, path) : path);
    return unknown && made.kind === 'file' ? { ...made, dynamic: true } : made;
  };
}

function sshUrl(host: string): string {
  return host.includes('://') ? host : `ssh://${host}`;
}

function copyRemote(paths: string[], via: string[], file: FileMaker): Action[] {
  if (paths.length < 2) return [];
  const target = paths[paths.length - 1]!;
  const remoteTarget = REMOTE.exec(target);
  const out: Action[] = [];
  for (const src of paths.slice(0, -1)) {
    const remote = REMOTE.exec(src);
    if (remote) out.push(...net('GET', scpUrl(remote), via));
    else out.push(file('read', src));
  }
  if (remoteTarget) out.push(...net('PUT', scpUrl(remoteTarget), via));
  else out.push(file('write', target));
  return out;
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
