// HPC schedulers, cluster shells and sandboxes that start a command given in their words (`srun -N1 cmd`,
// `mpirun -np 4 cmd`, `sbatch --wrap 'cmd'`, `pdsh -w h cmd`, `apptainer exec img cmd`, `systemd-nspawn -D dir cmd`).
// Each one's options are read from a table of the options it has (launch-table.ts): an option nomos does not know
// may take the next word and move the command, so it makes the launcher opaque, never a guess.
import { readHostlist, readPsshHosts } from './hostlists.js';
import { LAUNCH_NAMES, launchSpec, type LaunchSpec } from './launch-table.js';
import { listed } from '../table.js';

/** A variable that makes the command load code or configuration from elsewhere (`NAME=value`). */
export const CODE_VARIABLE = /^(?:LD_\w+|BASH_ENV|ENV|NODE_OPTIONS|NODE_PATH|PYTHON\w*|PERL5\w*|PERLLIB|RUBY\w*|GIT_\w+|HOME|XDG_CONFIG_\w+|PATH)=/;

/** One command a launcher starts: argv indices (with a program word put in front), or a shell string, or why it is unknown. */
export interface Launch {
  via: string;
  /** argv[start, end) is the command (after `first`, when given). */
  start?: number;
  end?: number;
  /** A program word that comes before the argv words (`flatpak run --command=rm app -rf /`, sbatch's script). */
  first?: { value: string; index: number };
  /** A command string a shell runs; `from` are the argv indices it was made of (dynamic when one is). */
  shell?: { value: string; from: number[] };
  opaque?: string;
  /** It runs where relative paths are not this cwd (a container tree, a directory given to it). */
  elsewhere?: boolean;
}

/** What a launcher starts, the host paths it gives a sandbox, and the files it writes or reads itself (`srun -o log`). */
export interface Launched {
  runs: Launch[];
  mounts: { path: string; readOnly: boolean }[];
  files: { op: 'write' | 'read'; path: string; dynamic: boolean }[];
  /** `ssh://` URLs of the hosts a cluster shell reaches (`pdsh -w h[1-2]`). */
  hosts: string[];
}

/** The commands a launcher starts (undefined for any other program). */
export function launchCommands(program: string, argv: string[], dynamic: (i: number) => boolean): Launched | undefined {
  const spec = listed(LAUNCH_NAMES, program) ? launchSpec(program) : undefined;
  if (!spec) return undefined;
  const out: Launched = { runs: [], mounts: [], files: [], hosts: [] };
  let i = 1;
  let via = program;
  let image = false;
  if (spec.sub) {
    for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
      // An option nomos does not know may take the next word: the subcommand may be either of the two after it.
      const next = [argv[i + 1] ?? '', argv[i + 2] ?? ''];
      if (!listed(spec.before ?? '', argv[i]!)) return dynamic(i) || next.some((w) => listed(spec.sub!, w) || listed(spec.imageSubs ?? '', w) || listed(spec.shellSubs ?? '', w)) ? markOpaque(out, via, `${via} has an option nomos does not know before its subcommand`) : out;
    }
    if (dynamic(i) && i < argv.length) return markOpaque(out, via, `${via} has a subcommand nomos cannot know`);
    const sub = argv[i] ?? '';
    if (spec.shellSubs && listed(spec.shellSubs, sub)) return markOpaque(out, `${via} ${sub}`, `${via} ${sub} starts a shell that reads commands from its input`);
    image = spec.imageSubs !== undefined && listed(spec.imageSubs, sub);
    if (!image && !listed(spec.sub, sub)) return out;
    via = `${program} ${sub}`;
    i++;
  }
  for (;;) {
    const next = readContext(spec, via, argv, i, dynamic, out, image);
    if (next < 0) return out;
    i = next;
  }
}

function markOpaque(out: Launched, via: string, why: string): Launched {
  out.runs.push({ via, opaque: why });
  return out;
}

/** What one option word is to the spec: its kind, its name, and a value in the same word. */
function readOption(spec: LaunchSpec, word: string): { kind: string; name: string; attached?: string } | undefined {
  const kinds: [string, string | undefined][] = [['flag', spec.flags], ['value', spec.values], ['pair', spec.pairs], ['optional', spec.optional], ['opaque', spec.opaque], ['shell', spec.shell],
    ['program', spec.program], ['chdir', spec.chdir], ['env', spec.env], ['mount', spec.mounts], ['roMount', spec.roMounts], ['binary', spec.binary], ['without', spec.opaqueFlags],
    ['write', spec.writes], ['read', spec.reads], ['hosts', spec.hosts], ['hostFile', spec.hostFiles], ['hostGroup', spec.hostGroups], ['allHosts', spec.allHosts]];
  const kindOf = (name: string) => kinds.find(([, list]) => list !== undefined && listed(list, name))?.[0];
  const exact = kindOf(word);
  if (exact) return { kind: exact, name: word };
  const eq = word.indexOf('=');
  if (eq > 0) {
    const kind = kindOf(word.slice(0, eq));
    if (kind && kind !== 'flag' && kind !== 'pair' && kind !== 'without' && kind !== 'allHosts') return { kind, name: word.slice(0, eq), attached: word.slice(eq + 1) };
  }
  if (spec.noClusters || !/^-[^-]/.test(word)) return undefined;
  // A short option with its value attached (`-N1`), or a cluster of short flags (`-vq`), the last of which may take one.
  for (let k = 1; k < word.length; k++) {
    const name = `-${word[k]}`;
    const kind = kindOf(name);
    if (kind === 'flag') continue;
    if (!kind || kind === 'pair' || kind === 'without' || kind === 'allHosts') return undefined;
    const attached = word.slice(k + 1);
    // `-I60` is srun's -I with its seconds; `-kN` may be getopt's flag -k and -N taking the next word: not read.
    if (kind === 'optional' && !/^\d*$/.test(attached)) return undefined;
    return { kind, name, ...(attached !== '' ? { attached } : {}) };
  }
  return { kind: 'flag', name: word };
}

/**
 * Reads one command's options and words from argv[i] on, adding what it starts to out; returns where the
 * next command (after a `:` separator) starts, or -1.
 */
function readContext(spec: LaunchSpec, via: string, argv: string[], from: number, dynamic: (i: number) => boolean, out: Launched, image: boolean): number {
  let skip = spec.skip ?? 0;
  let elsewhere = spec.elsewhere ?? false;
  let binary = false;
  let program: { value: string; index: number } | undefined;
  // The words go to a program nomos does not see (an image's runscript, an app's own command, a flake's default app).
  let argsOnly = image;
  // A shell-command option (`sbatch --wrap`) is what runs when no command words follow.
  let shelled = false;
  const done = (i: number) => {
    if (argsOnly || (spec.programOnly && !program)) return -1;
    if (program) return addCommand(spec, via, argv, i, { elsewhere, first: program }, out);
    if (spec.script && !binary && i < argv.length) return addCommand(spec, via, argv, i + 1, { elsewhere, first: { value: argv[i]!.includes('/') ? argv[i]! : `./${argv[i]}`, index: i } }, out);
    return addCommand(spec, via, argv, i, { elsewhere, binary }, out);
  };
  for (let i = from; i < argv.length; i++) {
    const word = argv[i]!;
    if (dynamic(i)) return (markOpaque(out, via, `${via} has a word nomos cannot know before its command`), -1);
    if (word === '--') {
      if (spec.lastIsShell) return addLastShell(spec, via, argv, i + 1, out, true);
      // PBS `qsub -- cmd`: the words are run as they are.
      if (spec.dashesBinary) return addCommand(spec, via, argv, i + 1, { elsewhere }, out);
      return done(i + 1);
    }
    if (word === ':' && spec.separator) continue;
    if (word.startsWith('-') && word !== '-' && word !== '--') {
      const o = readOption(spec, word);
      if (!o) return (markOpaque(out, via, `${via} ${word.split('=')[0]} is an option nomos does not know, which may take the next word`), -1);
      if (o.kind === 'flag' || o.kind === 'optional') continue;
      if (o.kind === 'allHosts') {
        out.runs.push({ via, opaque: `${via} ${o.name} reaches every host a database names, which nomos does not read` });
        continue;
      }
      if (o.kind === 'without') return (markOpaque(out, via, `${via} ${o.name} ${spec.opaqueFlagsWhy ?? 'runs what nomos does not see'}`), -1);
      const at = o.attached !== undefined ? i : ++i;
      const value = o.attached ?? argv[i];
      if (value === undefined) return -1;
      if (o.kind === 'pair') {
        i++;
        if (spec.pairCheck && (dynamic(at) || spec.pairCheck.test(`${value}=${argv[i] ?? ''}`))) return (markOpaque(out, via, `${via} ${o.name} ${value} runs or loads what nomos does not see`), -1);
        continue;
      }
      if (o.kind === 'opaque') return (markOpaque(out, via, `${via} ${o.name} runs or loads what nomos does not see`), -1);
      if (o.kind === 'shell') {
        out.runs.push({ via: `${via} ${o.name}`, shell: { value, from: [at] }, ...(elsewhere ? { elsewhere } : {}) });
        shelled = true;
      }
      if (o.kind === 'hosts' || o.kind === 'hostFile' || o.kind === 'hostGroup') addHosts(spec, via, o.kind, o.name, value, dynamic(at), out);
      if (o.kind === 'chdir') elsewhere = true;
      else if (o.kind === 'binary') binary = /^(?:y|yes|true)$/i.test(value);
      else if (o.kind === 'program') program = { value, index: at };
      else if (o.kind === 'write' || o.kind === 'read') {
        // `-i none`, `-i 0` (a task's input), a qsub `host:path`; `%j` and the like are filled in per job or task.
        const path = value.replace(/^[^/]*:(?=\/)/, '');
        if (!/^(?:all|none|\d+)$/.test(path)) out.files.push({ op: o.kind, path, dynamic: dynamic(at) });
      }
      else if (o.kind === 'env') {
        if (dynamic(at) || value.split(/\s*,\s*/).some((v) => CODE_VARIABLE.test(v))) return (markOpaque(out, via, `${via} ${o.name} gives the command a variable that loads code or configuration`), -1);
      } else if (o.kind === 'mount' || o.kind === 'roMount') {
        if (dynamic(at)) return (markOpaque(out, via, `${via} ${o.name} has a value nomos cannot know`), -1);
        const mounts = spec.readMount!(value, o.kind === 'roMount', o.name);
        if (typeof mounts === 'string') return (markOpaque(out, via, `${via} ${o.name}: ${mounts}`), -1);
        out.mounts.push(...mounts);
      }
    } else if (skip > 0) {
      // The words after the machine, image or app are the command's (`apptainer exec img cmd -x`, `flatpak run app -x`).
      if (--skip === 0) return done(i + 1);
    } else if (spec.lastIsShell) {
      return addLastShell(spec, via, argv, i, out, false);
    } else if (spec.dashes) {
      continue;
    } else if (spec.installable && !program && !argsOnly) {
      const name = nameProgram(argv[i]!);
      if (name) program = { value: name, index: i };
      else argsOnly = true;
    } else if (argsOnly && spec.installable) {
      return -1;
    } else {
      return done(i);
    }
  }
  if (program) return done(argv.length);
  if (spec.without && !binary && !argsOnly && !shelled) out.runs.push({ via, opaque: spec.without });
  return -1;
}

/** The hosts an option names (`pdsh -w h[1-2]`), or why they are unknown (a file, which is also read; a group; a word nomos cannot know). */
function addHosts(spec: LaunchSpec, via: string, kind: string, name: string, value: string, unknown: boolean, out: Launched): void {
  if (kind === 'hostFile') out.files.push({ op: 'read', path: value, dynamic: unknown });
  if (kind !== 'hosts' || unknown) {
    const why = kind === 'hostFile' ? 'reaches the hosts a file lists, which nomos does not read' : kind === 'hostGroup' ? 'reaches the hosts a group or query names, which nomos does not read'
      : 'has a host list nomos cannot know (an unquoted `h[1-4]` is a glob, which files can turn into other words)';
    out.runs.push({ via, opaque: `${via} ${name} ${why}` });
    return;
  }
  const list = spec.hostSyntax === 'pssh' ? readPsshHosts(value) : readHostlist(value, spec.hostSyntax === 'nodeset');
  if ('unknown' in list) out.runs.push({ via, opaque: `${via} ${name}: ${list.unknown}` });
  else out.hosts.push(...list.urls);
}

/** The program of a package named `…#attr.path` (`nixpkgs#bash`, `github:NixOS/nixpkgs/x#python3Packages.black^bin`): its last name. */
function nameProgram(word: string): string | undefined {
  const attr = /#([A-Za-z0-9_.+-]+)(?:\^[\w,*]+)?$/.exec(word)?.[1];
  const name = attr?.split('.').pop();
  return name && /^[A-Za-z_][\w+-]*$/.test(name) ? name : undefined;
}

/** The command at argv[i…]: to the next `:` (with a separator), as words, or joined as a shell command. */
function addCommand(spec: LaunchSpec, via: string, argv: string[], i: number, how: { elsewhere: boolean; first?: { value: string; index: number }; binary?: boolean }, out: Launched): number {
  const stop = spec.separator && !spec.script ? argv.indexOf(':', i) : -1;
  const end = stop < 0 ? argv.length : stop;
  const where = how.elsewhere ? { elsewhere: true } : {};
  if (i >= end && !how.first) {
    if (spec.without) out.runs.push({ via, opaque: spec.without });
    return stop < 0 ? -1 : stop + 1;
  }
  const indices = Array.from({ length: end - i }, (_, k) => i + k);
  const joined = { value: [...(how.first ? [how.first.value] : []), ...argv.slice(i, end)].join(' '), from: [...(how.first ? [how.first.index] : []), ...indices] };
  if (spec.restIsShell && !how.first) out.runs.push({ via, shell: joined, ...where });
  else {
    out.runs.push({ via, start: i, end, ...(how.first ? { first: how.first } : {}), ...where });
    if (spec.alsoShell || (spec.binaryShell && how.binary)) out.runs.push({ via, shell: joined, ...where });
  }
  return stop < 0 ? -1 : stop + 1;
}

/** `scl enable coll… 'cmd'`: the last word is a shell command (after `--`, the words joined); `-` reads commands from the input. */
function addLastShell(spec: LaunchSpec, via: string, argv: string[], i: number, out: Launched, dashes: boolean): number {
  const dd = dashes ? -1 : argv.indexOf('--', i);
  if (dd >= 0) return addLastShell(spec, via, argv, dd + 1, out, true);
  const words = dashes ? argv.slice(i) : argv.slice(argv.length - 1);
  const from = dashes ? Array.from({ length: words.length }, (_, k) => i + k) : [argv.length - 1];
  if (words.length === 0 || (!dashes && argv.length - 1 < i + (spec.lastAfter ?? 0))) {
    if (spec.without) out.runs.push({ via, opaque: spec.without });
    return -1;
  }
  if (!dashes && words[0] === '-') return (markOpaque(out, via, `${via} - reads commands from its input`), -1);
  out.runs.push({ via, shell: { value: words.join(' '), from } });
  if (dashes) out.runs.push({ via, start: i, end: argv.length });
  return -1;
}
