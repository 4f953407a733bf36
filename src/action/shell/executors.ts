import { parseArgs, type OptionSpec, type ParsedArgs } from '../flags.js';
import { archiveOpaque } from '../programs/archives.js';
import { containerCommand, kubeconfigRisk } from '../programs/containers.js';
import { databaseHostUnknown } from '../programs/db-clients.js';
import { databaseEffects } from '../programs/db-commands.js';
import { engineEndpoints } from '../programs/engine-hosts.js';
import { findExecs } from '../programs/find.js';
import { clientRouting } from '../programs/client-routing.js';
import { curlWords } from '../programs/curl-words.js';
import { rsyncOpaque, unreadGitRemote } from '../programs/remote.js';
import { OPTION_SPECS } from '../programs/specs.js';
import { sedEffects } from '../programs/sed.js';
import { TOOLS, toolOpaque } from '../programs/text-tools.js';
import { table } from '../table.js';
import type { ExecAction } from '../types.js';
import { awkCommands } from './awk.js';
import { cmakeRuns } from './cmake.js';
import { ownVariableRuns, variableCommand } from './command-variables.js';
import { devRunnerRuns } from './dev-runners.js';
import { envRunnerRuns } from './env-runners.js';
import { gitCommands } from './git-config.js';
import { launchRuns } from './launch-runs.js';
import { runnerSettings, runnerShell } from './launchers.js';
import { makeRuns } from './make.js';
import { systemdRunRuns } from './systemd.js';
import { tmuxRuns } from './tmux.js';
import { cargoRuns, goRuns } from './toolchains.js';
import type { WordValue } from './words.js';

/** A command that a program runs for you, found in its arguments. */
export interface InnerRun {
  /** Provenance label added to `via` (`find -exec`, `git -c core.pager`). */
  via: string;
  /** An argv to run (find -exec). */
  words?: WordValue[];
  /** A string run by a shell (`git -c core.pager='…'`, `rsync -e '…'`). */
  shell?: WordValue;
  /** Why the program runs code nomos cannot see. */
  opaque?: string;
  /** The argv gets more arguments at run time (`find -exec cmd {} +`). */
  dynamicTail?: boolean;
  /** What find's `{}` (and the arguments added at run time) may be: paths and globs, relative to where find runs. */
  found?: string[];
  /** The words run elsewhere (a container, a pod): their relative paths are unknown, absolute ones stay as written (stricter). */
  unknownCwd?: boolean;
}

/** Options whose value is a shell command, per program (GTFOBins-style command execution). */
const SHELL_VALUE_OPTIONS = table<string, OptionSpec & { shellOptions: string[] }>({
  tar: {
    shortValues: 'IFfCTXbgKLNVH',
    longValues: ['--use-compress-program', '--to-command', '--info-script', '--new-volume-script', '--rsh-command', '--checkpoint-action', '--file', '--directory', '--files-from', '--exclude-from', '--exclude'],
    // `--checkpoint[=N]` is not `--checkpoint-action`: it takes no word after it.
    longFlags: ['--checkpoint'],
    shellOptions: ['-I', '--use-compress-program', '--to-command', '-F', '--info-script', '--new-volume-script', '--rsh-command'],
  },
  rsync: { shortValues: 'e', longValues: ['--rsh', '--rsync-path'], shellOptions: ['-e', '--rsh', '--rsync-path'] },
  man: { shortValues: 'PHMCLmSs', longValues: ['--pager', '--html', '--manpath', '--config-file', '--locale', '--sections'], shellOptions: ['-P', '--pager', '-H', '--html'] },
  ssh: { shortValues: 'BbcDEeFIiJLlmOoPpQRSWw', shellOptions: [], stopAtPositional: true },
  scp: { shortValues: 'cDFiJloPS', shellOptions: ['-S'] },
  // sftp (OpenSSH 9 getopt `1246AafhNpqrvB:b:c:D:F:i:J:l:o:P:R:S:s:X:`): -S runs the ssh program, -D a local sftp server.
  sftp: { shortValues: 'BbcDFiJloPRSsX', shellOptions: ['-S', '-D'] },
  // netcat: traditional nc and ncat run a program (-e, --exec) or a shell command (-c, --sh-exec) for the connection
  // (OpenBSD nc's -c and -e are TLS settings: reading their value as a command is only stricter).
  nc: { ...OPTION_SPECS.nc, shortValues: `${OPTION_SPECS.nc!.shortValues ?? ''}c`, shellOptions: ['-e', '-c', '--exec', '--sh-exec'] },
  ncat: { ...OPTION_SPECS.nc, shortValues: `${OPTION_SPECS.nc!.shortValues ?? ''}c`, shellOptions: ['-e', '-c', '--exec', '--sh-exec'] },
  netcat: { ...OPTION_SPECS.nc, shortValues: `${OPTION_SPECS.nc!.shortValues ?? ''}c`, shellOptions: ['-e', '-c', '--exec', '--sh-exec'] },
  // rg runs its preprocessor, sort its compressor: a program nomos must see (options read as for their files).
  rg: { ...TOOLS.rg, shellOptions: ['--pre'] },
  // helm runs a post-renderer program on the manifests it renders (`helm install --post-renderer ./x`).
  helm: { shortValues: 'nfo', longValues: ['--post-renderer', '--post-renderer-args', '--kubeconfig', '--kube-context', '--namespace', '--values', '--set', '--set-string', '--set-file', '--version', '--repo', '--output'], shellOptions: ['--post-renderer'] },
  sort: { ...TOOLS.sort, shellOptions: ['--compress-program'] },
});

/** The commands a known executor would run, from its arguments and environment. */
export function executorRuns(action: ExecAction, words: WordValue[], home: string): InnerRun[] {
  const runs: InnerRun[] = ownVariableRuns(action);
  const kubeconfig = kubeconfigRisk(action.program, action.argv, action.env, action.dynamicEnv ?? [], home);
  if (kubeconfig) runs.push({ via: action.program, opaque: kubeconfig });
  const spec = SHELL_VALUE_OPTIONS[action.program];
  if (spec) runs.push(...optionCommands(action, words, spec));
  const server = databaseHostUnknown(action.program, action.argv, action.env, action.dynamicEnv ?? [], (i) => words[i]?.dynamic ?? false);
  if (server) runs.push({ via: action.program, opaque: server });
  // `psql -c '\! cmd'`, `psql -o '|cmd'`: shell commands the client runs here; meta-commands and SQL it reads from files, its input or a start-up file.
  const database = databaseEffects(action.program, action.argv, action.env, action.dynamicEnv ?? []);
  for (const { via, command } of database?.commands ?? []) runs.push({ via, shell: { value: command, dynamic: false } });
  for (const reason of database?.opaque ?? []) runs.push({ via: action.program, opaque: reason });
  const unknownFiles = toolOpaque(action) ?? archiveOpaque(action);
  if (unknownFiles) runs.push({ via: action.program, opaque: unknownFiles });
  for (const { variable, value } of runnerSettings(action.program, words)) {
    const run = variableCommand(variable, value, `${action.program} ${variable.replace(/^npm_config_/, '--').replace('_', '-')}`);
    if (run) runs.push(run);
  }
  runs.push(...envRunnerRuns(action.program, words), ...devRunnerRuns(action.program, words), ...launchRuns(action, words));
  const shell = runnerShell(action.program, words);
  if (shell) runs.push({ via: action.program, ...shell });
  switch (action.program) {
    case 'find':
      return [...runs, ...findExecs(words)];
    case 'git': {
      const unread = unreadGitRemote(action);
      return [...runs, ...gitCommands(words), ...(unread ? [{ via: 'git', opaque: `git's remote URL ${JSON.stringify(unread)} cannot be read as git reads it` }] : [])];
    }
    case 'awk': case 'gawk': case 'mawk': case 'nawk': case 'busybox-awk':
      return [...runs, ...awkCommands(action)];
    case 'vim': case 'vi': case 'nvim': case 'ex': case 'view': case 'vimdiff': case 'rvim': case 'rview': case 'gvim': case 'vimx': case 'nvi': case 'less':
      return [...runs, ...editorCommands(action)];
    case 'crontab': {
      // Installing a table (a file, `-` for stdin, or what -e's editor leaves) gives cron commands it runs later, as `at` does.
      const only = action.argv.slice(1).filter((w, i, all) => w !== '-u' && all[i - 1] !== '-u' && !/^-u./.test(w));
      const lists = only.length > 0 && only.every((w) => /^-[lrivVhT]+$/.test(w) || w === '--help' || w === '--version');
      return lists ? runs : [...runs, { via: 'crontab', opaque: 'crontab installs commands cron runs later' }];
    }
    case 'socat':
      return [...runs, ...socatRuns(words)];
    case 'docker': case 'podman': case 'nerdctl': case 'docker-compose': case 'podman-compose': case 'kubectl': case 'lxc': case 'incus': case 'multipass':
      return [...runs, ...containerRuns(action, words)];
    case 'systemd-run':
      return [...runs, ...systemdRunRuns(words)];
    case 'go':
      return [...runs, ...goRuns(action, words)];
    case 'cargo':
      return [...runs, ...cargoRuns(action, words)];
    case 'cmake':
      return [...runs, ...cmakeRuns(action, words)];
    case 'make': case 'gmake':
      return [...runs, ...makeRuns(action, words)];
    case 'sftp': {
      // Its commands come from its input or a batch file (-b), and `!cmd` runs cmd here; `sftp host:file` only fetches.
      const fetches = !action.argv.includes('-b') && parseArgs(action.argv.slice(1), SHELL_VALUE_OPTIONS.sftp).positionals.some((p) => p.value.includes(':'));
      return fetches ? runs : [...runs, { via: 'sftp', opaque: 'sftp reads commands (`!cmd` runs a local shell command) from its input or a batch file' }];
    }
    case 'zip':
      return [...runs, ...zipCommands(words)];
    case 'tmux':
      return [...runs, ...tmuxRuns(words)];
    case 'patch': {
      // Without a file to patch, patch takes the files it changes from the diff's own headers.
      const parsed = parseArgs(action.argv.slice(1), { shortValues: 'ioprdDFBYzVg', longValues: ['--input', '--output', '--strip', '--directory', '--ifdef', '--fuzz', '--reject-file', '--prefix', '--basename-prefix', '--suffix', '--version-control', '--get', '--quoting-style', '--reject-format', '--read-only'] });
      return parsed.positionals.length === 0 ? [...runs, { via: 'patch', opaque: 'patch changes the files its diff names, which nomos does not read' }] : runs;
    }
    case 'curl': case 'wget':
      return [...runs, ...clientConfigRuns(action)];
    case 'rsync': {
      const unread = rsyncOpaque(action);
      return unread ? [...runs, { via: 'rsync', opaque: unread }] : runs;
    }
    case 'sed': case 'gsed': {
      const sed = sedEffects(action.argv);
      const commands = sed.commands.map((value): InnerRun => ({ via: 'sed e', shell: { value, dynamic: action.dynamic !== undefined && action.dynamic.length > 0 } }));
      return [...runs, ...commands, ...(sed.opaque ? [{ via: 'sed', opaque: sed.opaque }] : [])];
    }
    default:
      return runs;
  }
}

/** Programs that read an ssh config file given with -F. */
const SSH_PROGRAMS = new Set(['ssh', 'scp', 'sftp']);

function optionCommands(action: ExecAction, words: WordValue[], spec: OptionSpec & { shellOptions: string[] }): InnerRun[] {
  const { parsed, origin } = readOptions(action.program, action.argv.slice(1), spec);
  const runs: InnerRun[] = [];
  for (const option of parsed.options) {
    // The value's own word (`-o X`: the next one) says whether it is known.
    const dynamic = words[origin(option.valueIndex ?? option.index) + 1]?.dynamic ?? false;
    const value = option.value ?? '';
    const via = `${action.program} ${option.name}`;
    if (spec.shellOptions.includes(option.name)) runs.push({ via, shell: { value, dynamic } });
    else if (option.name === '--checkpoint-action' && value.startsWith('exec=')) runs.push({ via, shell: { value: value.slice(5), dynamic } });
    else if (option.name === '-o' && /^\s*(proxycommand|localcommand|knownhostscommand|remotecommand)\s*[=\s]/i.test(value)) {
      // ssh splits a keyword from its value at `=` or any blank (`ProxyCommand<TAB>cmd`); RemoteCommand is `ssh host cmd`.
      runs.push({ via: `${action.program} -o`, shell: { value: value.replace(/^\s*\w+\s*(?:=\s*|\s+)/, ''), dynamic } });
    } else if (option.name === '-F' && SSH_PROGRAMS.has(action.program) && value !== '/dev/null' && value !== 'none') {
      // A config file can set ProxyCommand or LocalCommand: commands nomos does not see.
      runs.push({ via: `${action.program} -F`, opaque: `${action.program} -F reads options (ProxyCommand, LocalCommand) from a file` });
    }
  }
  return runs;
}

/**
 * A program's options as it reads them, with the argv index (program word excluded) each
 * parsed word came from. ssh reads options after the host too (`ssh host -oProxyCommand=… cmd`)
 * unless `--` came first; tar's first word without a dash is old-style options whose values
 * are the next words in order (`tar xIf prog a.tar` runs prog).
 */
function readOptions(program: string, argv: string[], spec: OptionSpec): { parsed: ParsedArgs; origin: (i: number) => number } {
  if (program === 'tar' && argv[0] !== undefined && /^[A-Za-z]+$/.test(argv[0])) {
    const words: string[] = [];
    const from: number[] = [];
    let next = 1;
    for (const letter of argv[0]) {
      words.push(`-${letter}`);
      from.push(0);
      if (spec.shortValues?.includes(letter) && next < argv.length) {
        words.push(argv[next]!);
        from.push(next++);
      }
    }
    argv.slice(next).forEach((w, k) => {
      words.push(w);
      from.push(next + k);
    });
    return { parsed: parseArgs(words, spec), origin: (i) => from[i] ?? i };
  }
  const parsed = parseArgs(argv, spec);
  const host = parsed.positionals[0];
  if (program !== 'ssh' || host === undefined || argv[host.index - 1] === '--') return { parsed, origin: (i) => i };
  const shift = host.index + 1;
  const after = parseArgs(argv.slice(shift), spec);
  const more = after.options.map((o) => ({ ...o, index: o.index + shift, ...(o.valueIndex !== undefined ? { valueIndex: o.valueIndex + shift } : {}) }));
  return { parsed: { options: [...parsed.options, ...more], positionals: parsed.positionals }, origin: (i) => i };
}

/**
 * Editor and pager commands that run nothing: a line number, a search, writing the file and quitting (vim);
 * a line, a search, the end, following the file (less). Any other (`set makeprg=x | make`, `set sh=x | sh`,
 * `normal …`, `|` pipes in less) may run a program.
 */
const QUIET_EDITOR_COMMAND = /^(?:\d*|\$|[/?][^|]*|(?:wq?|x|q)(?:a|all)?!?|quit?a?(?:ll)?!?|xit|exit)$/;
const QUIET_PAGER_COMMAND = /^(?:\d*[gGpFf%]?|[/?&][^|!]*)$/;

/** vim's options that make it read editor commands from its input (ex mode) or a file of keys (`-s keys` outside ex mode), or send them to another vim. */
const EDITOR_INPUT = /^(?:-[A-Za-z]*[eE][A-Za-z]*|--remote-send|--remote-expr|--remote-send=.*|--remote-expr=.*)$/;

/** `vim -c ':!cmd'`, `vim +'!cmd'`, `less +'!cmd'`: an editor or pager running a shell command. */
function editorCommands(action: ExecAction): InnerRun[] {
  const argv = action.argv.slice(1);
  const pager = action.program === 'less';
  const commands = argv.flatMap((w, i) => (!pager && (w === '-c' || w === '--cmd') ? [argv[i + 1] ?? ''] : w.startsWith('+') ? [w.slice(1)] : []));
  const scripts = !pager && argv.some((w) => w === '-S' || w === '-u' || w === '-s');
  const runs: InnerRun[] = commands.flatMap((c): InnerRun[] => {
    const cmd = c.replace(/^[\s:]+/, '').trimEnd();
    if (cmd.startsWith('!') && !cmd.includes('|')) return [{ via: `${action.program} -c`, shell: { value: cmd.slice(1), dynamic: false } }];
    if (!(pager ? QUIET_PAGER_COMMAND : QUIET_EDITOR_COMMAND).test(cmd)) return [{ via: action.program, opaque: `${action.program} runs an editor command nomos cannot analyse` }];
    return [];
  });
  // ex mode reads editor commands (`!cmd`) from its input: `printf '!rm -rf ~' | ex -s`.
  if (!pager && (action.program === 'ex' || argv.some((w) => EDITOR_INPUT.test(w)))) {
    runs.push({ via: action.program, opaque: `${action.program} reads editor commands from its input or sends them to another editor` });
  }
  // less's lesskey file (`-k f`, `--lesskey-src=f`, any prefix of them) can set LESSOPEN: a command run on every file.
  if (action.program === 'less' && argv.some(namesLesskey)) {
    runs.push({ via: 'less', opaque: 'less reads a lesskey file, which can make it run commands' });
  }
  return scripts ? [...runs, { via: action.program, opaque: `${action.program} sources a script file` }] : runs;
}

/** A less option that names a lesskey file: `-k f` (in a cluster too), `--lesskey-src=f`, any prefix, any case (less reads long options case-blind). */
export function namesLesskey(word: string): boolean {
  return /^--lessk/i.test(word) || /^-[^-]*k/.test(word);
}

/**
 * curl -K / wget --config read options from a file (an output file, a URL, anything), and
 * wget --use-askpass (or `-e use_askpass=…`) runs a program: nomos cannot see what they do.
 */
function clientConfigRuns(action: ExecAction): InnerRun[] {
  // Options read as the client reads them (`--conf f`, `-sK f` are --config too).
  const config = action.program === 'curl'
    ? curlWords(action.argv).some((w) => 'option' in w && (w.option === '-K' || w.option === '--config'))
    : parseArgs(action.argv.slice(1), OPTION_SPECS.wget).options.some((o) => o.name === '--config')
      || action.argv.slice(1).some((w) => /use[_-]?askpass/i.test(w));
  const routing = clientRouting(action);
  return [
    ...(config ? [{ via: `${action.program} config`, opaque: `${action.program} takes options from a file or runs a program nomos cannot analyse` }] : []),
    ...(routing ? [{ via: action.program, opaque: routing }] : []),
  ];
}

/** `zip -TT cmd` / `--unzip-command cmd` runs cmd to test the archive. */
function zipCommands(words: WordValue[]): InnerRun[] {
  // zip takes a unique prefix of a long option: `--unz cmd` is `--unzip-command cmd`.
  const unzipCommand = (name: string) => name.length >= 5 && '--unzip-command'.startsWith(name);
  return words.flatMap((w, i): InnerRun[] => {
    const eq = w.value.indexOf('=');
    if (w.value === '-TT' || (eq < 0 && unzipCommand(w.value))) return [{ via: 'zip -TT', shell: words[i + 1] ?? { value: '', dynamic: true } }];
    if (eq > 0 && unzipCommand(w.value.slice(0, eq))) return [{ via: 'zip -TT', shell: { value: w.value.slice(eq + 1), dynamic: w.dynamic } }];
    return [];
  });
}

/** The command a container runs (`docker run img cmd…`, `kubectl exec pod -- cmd…`), decided as run elsewhere; with `--entrypoint`, that program first; and what the engine's client reaches. */
function containerRuns(action: ExecAction, words: WordValue[]): InnerRun[] {
  // Where the daemon is (a context nomos does not read), or a config directory whose plugins and credential helpers run here.
  const endpoints = engineEndpoints(action.program, action.argv, action.env, action.dynamicEnv ?? [], (i) => words[i]?.dynamic ?? false);
  const unknown = endpoints.flatMap((e) => ('opaque' in e ? [{ via: action.program, opaque: e.opaque }] : []));
  return [...unknown, ...startedRuns(action, words)];
}

/** The command a container starts, with its entrypoint. */
function startedRuns(action: ExecAction, words: WordValue[]): InnerRun[] {
  const started = containerCommand(action.program, action.argv, (i) => words[i]?.dynamic ?? false);
  if (!started) return [];
  if (started.opaque) return [{ via: started.via, opaque: started.opaque }];
  const entry = started.entrypoint !== undefined && started.entrypoint !== '' ? [{ value: started.entrypoint, dynamic: false }] : [];
  const run = [...entry, ...words.slice(started.index)];
  if (run.length === 0 && started.interactive) return [{ via: started.via, opaque: `${started.via} -i gives the image's own command (often a shell) this command's input` }];
  return run.length > 0 ? [{ via: started.via, words: run, unknownCwd: true }] : [];
}

/**
 * socat's EXEC: and SYSTEM: addresses (any case; `exec1:`, `system1:` …) run a program or a shell command; the command
 * ends at the first `,` (address options follow). One with quotes, escapes, a `!!` second address or a `|` chain, which
 * socat reads its own way, is opaque.
 */
function socatRuns(words: WordValue[]): InnerRun[] {
  return words.slice(1).flatMap((w): InnerRun[] => {
    const address = /^(exec|system)1?:([^]*)$/i.exec(w.value);
    if (!address) return [];
    const via = `socat ${address[1]!.toUpperCase()}:`;
    if (/["'\\{}[\]|]|!!/.test(address[2]!)) return [{ via, opaque: 'socat runs a command written with quoting nomos does not read as socat does' }];
    return [{ via, shell: { value: address[2]!.split(',')[0]!, dynamic: w.dynamic } }];
  });
}
