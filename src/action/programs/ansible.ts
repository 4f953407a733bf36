// Where ansible's ad-hoc modules run, and what they do there (ansible-core 2.14 ran each): `-i 'h1,h2,'` is an inline
// inventory (ssh to each host), `-c local` runs the module on this machine whatever the hosts (`-i 'x.invalid,' -c local
// -m shell -a 'touch f'` made f here), as does the implicit `localhost`; any other inventory is a file nomos does not read.
// `-m script -a 'file args'` reads a local script and runs it on the hosts, `copy` sends `src=` to `dest=`, `fetch` brings
// `src=` into `dest=`; with -c local `copy src=sec.txt dest=/tmp/x` wrote /tmp/x here.
import { parseArgs } from '../flags.js';
import { httpAction } from '../http.js';
import type { Action, ExecAction, FileAction, FileOp } from '../types.js';
import { readPsshHosts } from './hostlists.js';

/** ansible 2.14's options taking a value (`ansible --help`; argparse: anywhere, `--name=value`, unique prefixes). */
const OPTIONS = {
  shortValues: 'imacuefMPBTlt',
  longValues: ['--inventory', '--inventory-file', '--module-name', '--args', '--connection', '--user', '--extra-vars', '--forks', '--module-path', '--poll',
    '--background', '--timeout', '--limit', '--tree', '--become-method', '--become-user', '--become-password-file', '--connection-password-file', '--private-key',
    '--key-file', '--ssh-common-args', '--sftp-extra-args', '--scp-extra-args', '--ssh-extra-args', '--vault-id', '--vault-password-file', '--vault-pass-file',
    '--playbook-dir', '--task-timeout'],
  longFlags: ['--become', '--ask-become-pass', '--ask-pass', '--check', '--diff', '--one-line', '--list-hosts', '--version', '--help', '--verbose', '--ask-vault-password', '--ask-vault-pass'],
};

/** Options that run code or ssh options nomos does not read: module directories, ssh's arguments (ProxyCommand), vault scripts. */
const OPAQUE = ['-M', '--module-path', '--ssh-common-args', '--ssh-extra-args', '--scp-extra-args', '--sftp-extra-args', '--vault-id', '--vault-password-file', '--vault-pass-file',
  '--become-password-file', '--connection-password-file'];

/** An ad-hoc ansible command, as read from its words. */
export interface AnsibleCall {
  /** The module runs on this machine (`-c local`, the implicit localhost). */
  local: boolean;
  /** `ssh://` URLs of the hosts an inline inventory names. */
  hosts: string[];
  module: { value: string; dynamic: boolean };
  args?: { value: string; dynamic: boolean };
  become: boolean;
  /** Why where or what it runs is not known. */
  opaque: string[];
  /** Files it reads or writes itself (`--tree DIR`, `--private-key KEY`). */
  files: { op: FileOp; path: string; recursive?: boolean }[];
}

/** Reads `ansible PATTERN [options]`. */
export function readAnsible(argv: string[], dynamic: (i: number) => boolean): AnsibleCall {
  const parsed = parseArgs(argv.slice(1), OPTIONS);
  const option = (...names: string[]) => parsed.options.filter((o) => names.includes(o.name)).map((o) => ({ value: o.value ?? '', dynamic: dynamic((o.valueIndex ?? o.index) + 1) }));
  const call: AnsibleCall = {
    local: false, hosts: [], module: option('-m', '--module-name').at(-1) ?? { value: 'command', dynamic: false }, become: parsed.options.some((o) => o.name === '-b' || o.name === '--become'),
    opaque: [], files: [],
  };
  const args = option('-a', '--args').at(-1);
  if (args) call.args = args;
  const connection = option('-c', '--connection').at(-1);
  const inventories = option('-i', '--inventory', '--inventory-file');
  const pattern = parsed.positionals[0];
  if (connection?.dynamic || inventories.some((i) => i.dynamic) || (pattern && dynamic(pattern.index + 1))) call.opaque.push('ansible reaches hosts or connects in a way nomos cannot know');
  else if (connection?.value === 'local') call.local = true;
  else if (inventories.length === 0 && /^(?:localhost|127\.0\.0\.1)$/.test(pattern?.value ?? '')) call.local = true;
  else {
    // An inline inventory: host names between commas (`h1,h2,`, `localhost,`); anything else is a file, a directory or a script.
    for (const { value } of inventories) {
      const list = value.includes(',') ? readPsshHosts(value.split(',').join(' ')) : { unknown: `ansible's inventory ${JSON.stringify(value)} names hosts in a file nomos does not read` };
      if ('unknown' in list) call.opaque.push(list.unknown);
      else call.hosts.push(...list.urls);
    }
    if (inventories.length === 0) call.opaque.push("ansible reaches the hosts its configured inventory names, which nomos does not read");
  }
  for (const o of parsed.options) {
    if (OPAQUE.includes(o.name)) call.opaque.push(`ansible ${o.name} runs code or ssh options nomos does not read`);
    // Extra variables can set the connection, the host, ssh's arguments (ansible_ssh_common_args: ProxyCommand) or come from a file.
    if ((o.name === '-e' || o.name === '--extra-vars') && (/^@|ansible_/.test(o.value ?? '') || dynamic((o.valueIndex ?? o.index) + 1))) call.opaque.push(`ansible -e ${o.value} sets variables nomos does not read`);
    if ((o.name === '-t' || o.name === '--tree') && o.value) call.files.push({ op: 'write', path: o.value, recursive: true });
    if ((o.name === '--private-key' || o.name === '--key-file') && o.value) call.files.push({ op: 'read', path: o.value });
  }
  return call;
}

/** A module's `key=value` arguments (ansible's parse_kv, quotes honoured) or its JSON ones; undefined when neither. */
export function moduleParams(args: string): Record<string, string> | undefined {
  if (args.trim().startsWith('{')) {
    try {
      const json: unknown = JSON.parse(args);
      return json && typeof json === 'object' ? Object.fromEntries(Object.entries(json).map(([k, v]) => [k, String(v)])) : undefined;
    } catch {
      return undefined;
    }
  }
  const params: Record<string, string> = {};
  for (const m of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) params[m[1]!] = m[2]!.replace(/^(["'])([^]*)\1$/, '$2');
  return params;
}

/** The files `copy` and `fetch` read and write (a tree each: `src` may be a directory, `dest` one that is filled), or why not known. */
export function moduleFiles(module: string, args: string): { files: { op: FileOp; path: string }[] } | { opaque: string } {
  const params = moduleParams(args);
  if (!params) return { opaque: `ansible's ${module} arguments are not ones nomos reads` };
  // copy's validate= runs a command on the file; remote_src reads it there (this machine stands for the host).
  if (params.validate !== undefined) return { opaque: `ansible's ${module} validate= runs a command` };
  const files: { op: FileOp; path: string }[] = [];
  if (params.src !== undefined) files.push({ op: 'read', path: params.src });
  if (params.dest !== undefined) files.push({ op: 'write', path: params.dest });
  return files.length > 0 ? { files } : { opaque: `ansible's ${module} names no file nomos reads` };
}

/**
 * An ad-hoc command's actions: ssh to each host of an inline inventory, the files its own options name, and copy's and fetch's
 * files (this machine's path stands for the host's, as for ssh), besides its words named as for any program.
 */
export function ansibleActions(action: ExecAction, file: (op: FileOp, path: string) => FileAction, named: () => Action[]): Action[] {
  const call = readAnsible(action.argv, (i) => action.dynamic?.includes(i) ?? false);
  const via = [...action.via, action.program];
  const hosts = call.local ? [] : call.hosts.flatMap((url) => httpAction('SSH', url, via) ?? []);
  const name = call.module.value.replace(/^ansible\.(?:builtin|legacy)\./, '');
  const moved = (name === 'copy' || name === 'fetch') && call.args && !call.args.dynamic ? moduleFiles(name, call.args.value) : undefined;
  const files = [...call.files, ...(moved && 'files' in moved ? moved.files.map((f) => ({ ...f, recursive: true })) : [])];
  return [...hosts, ...named(), ...files.map(({ op, path, recursive }) => (recursive ? { ...file(op, path), recursive: true } : file(op, path)))];
}
