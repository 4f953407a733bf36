import { expandLong, type OptionSpec } from '../flags.js';
import { record, table } from '../table.js';

/**
 * Programs that run another program given in their arguments. Kept as data so a new
 * wrapper is one table entry: nomos finds the inner command and analyses it too.
 */
export interface WrapperSpec {
  /** The wrapper's own options (short letters and long names taking a value). */
  options?: OptionSpec;
  /** Positional words to skip before the inner command (`timeout 5 cmd`, `chroot /r cmd`). */
  skipPositionals?: number;
  /** Options naming the user, after which no user word comes before the command (`runuser -u bob cmd`, but `runuser bob -c …`). */
  userOptions?: string[];
  /** `VAR=value` words before the inner command are environment assignments (`env`, `sudo`). */
  assignments?: boolean;
  /** Options that mean the inner word is not run (`command -v rm` only looks it up). */
  noRunOptions?: string[];
  /** Options whose value is a command string for a shell (`su -c`, `flock -c`, `env -S`). */
  shellStringOptions?: string[];
  /** A shell-string option also takes the words after it (`env -S 'a b' c`). */
  shellStringRest?: boolean;
  /** The inner words are joined with spaces and run by a shell (`watch`, `ssh host …`). */
  restIsShell?: boolean;
  /** Options that make the inner words an argv run directly, not a shell string (`watch -x`). */
  execOptions?: string[];
  /**
   * Options after which the inner words also go to a shell, joined (`sudo -s cmd …`, `sudo -i`:
   * sudo 1.8+ escapes them, older ones did not): the words are read both ways.
   */
  joinShellOptions?: string[];
  /** A lone `-` (a login shell: `su - root -c …`, `sg - wheel …`) is an option, not the user or group word. */
  loginDash?: boolean;
  /** The words after `--` are the user's shell's arguments (`su root -- -c 'cmd'`), not a program. */
  shellArgs?: boolean;
  /** Without a command it starts a shell, which reads its commands from its input (`echo 'rm -rf ~' | su`). */
  shellWithout?: boolean;
  /** Options whose values run code the wrapper evaluates itself (`fakeroot -l '$(…)'`): with one, it is opaque. */
  opaqueOptions?: string[];
  /** The inner words are also read joined, as one shell command (`parallel 'cmd; cmd' ::: a`). */
  alsoShell?: boolean;
  /** Options after which the rest of the words is the command (`xterm -e cmd …`), as after `--`. */
  commandAfter?: string[];
  /** The inner command gets more arguments from stdin (`xargs`, `parallel`): unknown statically. */
  dynamicTail?: boolean;
  /** A word that ends the inner command (`parallel cmd ::: a b`). */
  endWord?: string;
  /** Options whose value is the directory the inner command starts in (`env -C dir`, `sudo -D dir`). */
  chdirOptions?: string[];
  /** The inner command starts somewhere nomos does not follow (`chroot DIR`: DIR is its `/`). */
  unknownCwd?: boolean;
}

const sudoOptions: OptionSpec = {
  // sudo's getopt string is `+Aa:BbC:c:D:Eeg:Hh::iKklNnPp:R:r:SsT:t:U:u:Vv`: -a (BSD auth type) and -c (login class) take a value too.
  shortValues: 'augcCDhprtUTR',
  longValues: ['--auth-type', '--user', '--group', '--login-class', '--close-from', '--chdir', '--host', '--prompt', '--role', '--type', '--other-user', '--command-timeout', '--chroot'],
  longFlags: ['--preserve-env', '--login', '--shell', '--non-interactive', '--background', '--stdin', '--set-home', '--list', '--validate', '--version', '--edit', '--reset-timestamp', '--remove-timestamp'],
};

/** glibc's dynamic loader run as a program: it runs the program it is given. */
const LOADER: WrapperSpec = {
  options: { longValues: ['--library-path', '--preload', '--argv0', '--audit', '--inhibit-rpath', '--glibc-hwcaps-prefix', '--glibc-hwcaps-mask'], longFlags: ['--inhibit-cache', '--list', '--verify', '--list-tunables', '--list-diagnostics'] },
  noRunOptions: ['--list', '--verify', '--help', '--version', '--list-tunables', '--list-diagnostics'],
};

/** Wrapper programs and how their inner command is found. */
export const WRAPPERS = table<string, WrapperSpec>({
  sudo: { options: sudoOptions, assignments: true, joinShellOptions: ['-s', '--shell', '-i', '--login'], chdirOptions: ['-D', '--chdir'], noRunOptions: ['-l', '--list', '-v', '--validate', '-K', '--remove-timestamp', '-V', '--version', '-e', '--edit'] },
  doas: { options: { shortValues: 'uC' } },
  env: {
    options: { shortValues: 'uCS', longValues: ['--unset', '--chdir', '--split-string'], longFlags: ['--ignore-environment', '--null', '--block-signal', '--default-signal', '--ignore-signal', '--debug'] },
    assignments: true,
    chdirOptions: ['-C', '--chdir'],
    shellStringOptions: ['-S', '--split-string'],
    shellStringRest: true,
  },
  nice: { options: { shortValues: 'n', longValues: ['--adjustment'] } },
  nohup: {},
  // util-linux runuser: `runuser -u user -- cmd`, or `runuser [-l] user -c 'cmd'` (a login shell without -c).
  runuser: {
    options: { shortValues: 'ugGcsw', longValues: ['--user', '--group', '--supp-group', '--command', '--session-command', '--shell', '--whitelist-environment'] },
    shellStringOptions: ['-c', '--command', '--session-command'], skipPositionals: 1, userOptions: ['-u', '--user'], loginDash: true, shellArgs: true, shellWithout: true,
  },
  'systemd-run': {
    options: {
      shortValues: 'pEMHu', longValues: ['--property', '--setenv', '--machine', '--host', '--unit', '--description', '--slice', '--uid', '--gid', '--nice', '--working-directory', '--service-type', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar', '--on-timezone-change', '--on-clock-change', '--timer-property', '--path-property', '--socket-property', '--background'],
      stopAtPositional: true,
    },
    unknownCwd: true,
  },
  // `screen -dmS name cmd …`: the command runs in a detached session.
  screen: { options: { shortValues: 'SceEhpstTX', stopAtPositional: true } },
  // util-linux script: `script -qc 'cmd' /dev/null` runs cmd in a new terminal.
  script: { options: { shortValues: 'cEFIOBTom', longValues: ['--command', '--echo', '--log-io', '--log-in', '--log-out', '--log-timing', '--logging-format', '--output-limit'] }, shellStringOptions: ['-c', '--command'], shellWithout: true, skipPositionals: 1 },
  timeout: { options: { shortValues: 'sk', longValues: ['--signal', '--kill-after'], longFlags: ['--foreground', '--preserve-status', '--verbose'] }, skipPositionals: 1 },
  time: { options: { shortValues: 'fo', longValues: ['--format', '--output'] } },
  command: { noRunOptions: ['-v', '-V'] },
  builtin: {},
  exec: { options: { shortValues: 'a' } },
  stdbuf: { options: { shortValues: 'ioe', longValues: ['--input', '--output', '--error'] } },
  setsid: {},
  coproc: {},
  busybox: {},
  unbuffer: {},
  ionice: { options: { shortValues: 'cnpPu', longValues: ['--class', '--classdata', '--pid', '--pgid', '--uid'] } },
  taskset: { options: { shortValues: '' }, skipPositionals: 1 },
  chroot: { options: { longValues: ['--userspec', '--groups'] }, skipPositionals: 1, unknownCwd: true },
  flock: { options: { shortValues: 'wEc', longValues: ['--timeout', '--wait', '--conflict-exit-code', '--command'] }, skipPositionals: 1, shellStringOptions: ['-c', '--command'] },
  su: { options: { shortValues: 'cgGsw', longValues: ['--command', '--group', '--supp-group', '--shell', '--session-command', '--whitelist-environment'] }, shellStringOptions: ['-c', '--command', '--session-command'], skipPositionals: 1, loginDash: true, shellArgs: true, shellWithout: true },
  xargs: {
    // `-e[EOF]`, `-i[R]`, `-l[N]` (and their long forms) take no value from the next word: `xargs -i rm …` runs rm.
    options: {
      shortValues: 'adEILnPs', shortOptional: 'eil',
      longValues: ['--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'], longFlags: ['--eof', '--replace', '--max-lines'],
    },
    dynamicTail: true,
  },
  // GNU parallel runs its command words through a shell, with the arguments after `:::` added.
  parallel: {
    options: {
      shortValues: 'jSIaCdEnNLlPs',
      longValues: ['--jobs', '--sshlogin', '--delay', '--timeout', '--joblog', '--halt', '--results', '--res', '--tmpdir', '--colsep', '--arg-file', '--delimiter',
        '--max-args', '--max-replace-args', '--workdir', '--wd', '--memfree', '--load', '--retries', '--tagstring', '--sshloginfile', '--basefile', '--return',
        '--transferfile', '--env', '--nice', '--max-procs', '--max-chars', '--eof', '--termseq', '--limit', '--header', '--seqreplace', '--shebang-wrap'],
      stopAtPositional: true,
    },
    dynamicTail: true, endWord: ':::', alsoShell: true,
  },
  // `-d[permanent]`, `--differences[=permanent]`; `-x` runs the words without a shell.
  watch: { options: { shortValues: 'nq', shortOptional: 'd', longValues: ['--interval', '--equexit'], longFlags: ['--differences', '--exec'] }, restIsShell: true, execOptions: ['-x', '--exec'] },
  ssh: { options: { shortValues: 'BbcDEeFIiJLlmOoPpQRSWw' }, skipPositionals: 1, restIsShell: true },
  // Namespaces, privileges and limits (util-linux, polkit, cgroups): each starts its command words.
  unshare: {
    options: {
      shortValues: 'SGRw', shortOptional: 'muinpUCT',
      longValues: ['--setuid', '--setgid', '--root', '--wd', '--propagation', '--setgroups', '--map-user', '--map-group', '--map-users', '--map-groups', '--monotonic', '--boottime', '--load-interp'],
      longFlags: ['--mount', '--uts', '--ipc', '--net', '--pid', '--user', '--cgroup', '--time', '--fork', '--kill-child', '--mount-proc', '--map-root-user',
        '--map-current-user', '--map-auto', '--keep-caps', '--mount-binfmt'],
      stopAtPositional: true,
    },
    chdirOptions: ['-w', '--wd'],
  },
  // In another process's mount namespace, relative and absolute paths are that process's: its cwd is not followed.
  // Every long name is listed: an exact name (`--wd`, whose value is only ever attached) never expands as a prefix of another (`--wdns`).
  nsenter: {
    options: {
      shortValues: 'tSGW', shortOptional: 'muinpUCTrw', longValues: ['--target', '--setuid', '--setgid', '--wdns'],
      longFlags: ['--wd', '--root', '--mount', '--uts', '--ipc', '--net', '--pid', '--user', '--cgroup', '--time', '--all', '--env', '--preserve-credentials',
        '--no-fork', '--follow-context', '--user-parent', '--join-cgroup', '--keep-caps'],
      stopAtPositional: true,
    },
    unknownCwd: true,
  },
  pkexec: { options: { longValues: ['--user'], stopAtPositional: true } },
  setpriv: {
    options: {
      longValues: ['--reuid', '--regid', '--ruid', '--rgid', '--euid', '--egid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits', '--pdeathsig', '--selinux-label', '--apparmor-profile', '--landlock-access', '--landlock-rule', '--seccomp-filter'],
      stopAtPositional: true,
    },
  },
  // `sg group -c 'cmd'` and `sg group 'cmd'`: the command goes to /bin/sh -c.
  sg: { options: { shortValues: 'c' }, shellStringOptions: ['-c'], skipPositionals: 1, restIsShell: true, loginDash: true },
  // `chrt -f 10 cmd` (a priority first); `chrt -p PID` and `chrt -m` run nothing.
  chrt: { options: { shortValues: 'TPD', longValues: ['--sched-runtime', '--sched-period', '--sched-deadline'], stopAtPositional: true }, skipPositionals: 1, noRunOptions: ['-p', '--pid', '-m', '--max'] },
  prlimit: { options: { shortValues: 'po', shortOptional: 'ACcdefilmnqrstuvxy', longValues: ['--pid', '--output'], stopAtPositional: true }, noRunOptions: ['-p', '--pid'] },
  numactl: {
    options: {
      shortValues: 'iNCmpPwSfLMoI',
      longValues: ['--interleave', '--cpunodebind', '--physcpubind', '--membind', '--preferred', '--preferred-many', '--weighted-interleave', '--shm', '--file', '--length', '--mode', '--offset', '--shmid'],
      stopAtPositional: true,
    },
    noRunOptions: ['-H', '--hardware', '-s', '--show'],
  },
  cgexec: { options: { shortValues: 'gr', stopAtPositional: true } },
  // Tracers, profilers and environment shims that run their command words as they are.
  // strace 6 (`strace --help`): every option that takes a value.
  strace: {
    options: {
      shortValues: 'abeEIoOpPsSuUX',
      longValues: ['--output', '--trace', '--signal', '--status', '--env', '--user', '--attach', '--abbrev', '--columns', '--const-print-style', '--fault', '--inject',
        '--interruptible', '--raw', '--read', '--write', '--verbose', '--string-limit', '--summary-columns', '--summary-sort-by', '--summary-syscall-overhead', '--trace-path', '--detach-on', '--argv0',
        '--decode-pids', '--kvm'],
      stopAtPositional: true,
    },
  },
  ltrace: { options: { shortValues: 'aADeFlnopsuwx', longValues: ['--output', '--library', '--align', '--indent', '--config', '--debug'], stopAtPositional: true } },
  valgrind: { options: { stopAtPositional: true } },
  catchsegv: {},
  'xvfb-run': { options: { shortValues: 'efnpsw', longValues: ['--error-file', '--auth-file', '--server-num', '--xauth-protocol', '--server-args', '--wait'], stopAtPositional: true } },
  'dbus-run-session': { options: { stopAtPositional: true } },
  'dbus-launch': { options: { stopAtPositional: true } },
  proxychains: { options: { shortValues: 'f', stopAtPositional: true } },
  proxychains4: { options: { shortValues: 'f', stopAtPositional: true } },
  torsocks: { options: { shortValues: 'upaP', longValues: ['--user', '--pass', '--address', '--port'], stopAtPositional: true } },
  firejail: { options: { stopAtPositional: true } },
  faketime: { options: { shortValues: 'p', longValues: ['--date-prog'] }, skipPositionals: 1 },
  nocache: {},
  eatmydata: {},
  // The fakeroot script evaluates its -l, -f and -s values with the shell.
  fakeroot: { options: { shortValues: 'silbf', longValues: ['--lib', '--faked', '--fd-base'], stopAtPositional: true }, opaqueOptions: ['-l', '--lib', '-f', '--faked', '-s'] },
  // `entr cmd args`, or with -s one shell command: read both ways.
  entr: { options: { stopAtPositional: true }, joinShellOptions: ['-s'] },
  // `direnv exec DIR cmd …` (other direnv subcommands run nothing).
  direnv: { options: { stopAtPositional: false }, skipPositionals: 2 },
  // util-linux setarch and its names for an architecture: `setarch x86_64 -R cmd`, `linux32 cmd`.
  setarch: { options: { longFlags: ['--addr-no-randomize', '--fdpic-funcptrs', '--mmap-page-zero', '--addr-compat-layout', '--read-implies-exec', '--32bit', '--short-inode', '--whole-seconds', '--sticky-timeouts', '--3gb', '--4gb', '--uname-2.6', '--verbose', '--list'] }, skipPositionals: 1, noRunOptions: ['--list'] },
  linux32: {}, linux64: {}, i386: {}, x86_64: {}, uname26: {},
  // moreutils, daemontools, runit and friends: each starts its command words.
  chronic: {},
  ifne: {},
  'run-one': {},
  setuidgid: { skipPositionals: 1 },
  envuidgid: { skipPositionals: 1 },
  // moreutils lckdo: -q and -w are flags; the lock file comes first.
  lckdo: { skipPositionals: 1 },
  chpst: { options: { shortValues: 'uUben/mdoplfcrtLl' } },
  softlimit: { options: { shortValues: 'mdslaopfcrt' } },
  // cpulimit 2.8 (`cpulimit --help`): -p, -e, -P, -c, -l and -s take a value.
  cpulimit: { options: { shortValues: 'pePcls', longValues: ['--limit', '--pid', '--exe', '--path', '--cpu', '--signal'] } },
  trickle: { options: { shortValues: 'duwtlnLP' } },
  // rlwrap 0.46 (`rlwrap --help`): -a, -m and -p take a value only attached; a -z filter is a program it runs.
  rlwrap: {
    options: {
      shortValues: 'bCDefgHlMOPqsStwz', shortOptional: 'amp',
      longValues: ['--break-chars', '--command-name', '--history-no-dupes', '--extra-char-after-completion', '--file', '--forget-matching', '--history-filename',
        '--logfile', '--multi-line-ext', '--only-cook', '--pre-given', '--quote-characters', '--histsize', '--substitute-prompt', '--set-term-name', '--wait-before-prompt', '--filter'],
      longFlags: ['--always-readline', '--ansi-colour-aware', '--complete-filenames', '--help', '--case-insensitive', '--pass-sigint-as-sigterm', '--multi-line',
        '--no-warnings', '--no-children', '--one-shot', '--prompt-colour', '--remember', '--renice', '--mirror-arguments', '--version', '--polling'],
    },
    opaqueOptions: ['-z', '--filter'],
  },
  // daemonize(1): -a and -v are flags.
  daemonize: { options: { shortValues: 'ceopluE', stopAtPositional: true } },
  // `dtach -n SOCKET cmd`, `abduco -n NAME cmd`: the mode option's value is the socket or session.
  dtach: { options: { shortValues: 'aAcnNper' } },
  abduco: { options: { shortValues: 'aAcne' } },
  'systemd-cat': { options: { shortValues: 'tp', longValues: ['--identifier', '--priority', '--stderr-priority', '--level-prefix', '--namespace'] } },
  'systemd-inhibit': { options: { longValues: ['--what', '--who', '--why', '--mode'] } },
  // xterm -e runs the rest of its words; no other word is a command.
  xterm: { commandAfter: ['-e'], skipPositionals: Number.MAX_SAFE_INTEGER },
  // The dynamic loader runs the program it is given: `/lib64/ld-linux-x86-64.so.2 /bin/rm -rf /`.
  'ld-linux-x86-64.so.2': LOADER, 'ld-linux-aarch64.so.1': LOADER, 'ld-linux.so.2': LOADER, 'ld.so': LOADER,
});

/** Where the inner command starts in a wrapper's arguments, and what came before it. */
export interface Unwrapped {
  /** Index into args of the inner program word, or -1 when nothing is run. */
  index: number;
  /** Index into args one past the inner command's last word. */
  end: number;
  env: Record<string, string>;
  /** A command string the wrapper hands to a shell (with `index` too: the same words read both ways, `sudo -s`). */
  shellString?: string;
  /** The directory the inner command starts in, as written (`env -C dir`). */
  chdir?: string;
}

/** Finds the inner command of a wrapper in its argument words (program word excluded). */
export function unwrapArgs(spec: WrapperSpec, args: string[]): Unwrapped {
  const options: WrapperState = {};
  const inner = unwrapWords(spec, args, options);
  return options.chdir === undefined ? inner : { ...inner, chdir: options.chdir };
}

/** What a wrapper's options said so far: the directory to start in, and whether the rest is an argv (`watch -x`). */
interface WrapperState {
  chdir?: string;
  exec?: boolean;
  joinShell?: boolean;
}

/** Whether the words give the user with an option (`runuser -u bob`): then no user word comes before the command. */
export function namesUser(spec: WrapperSpec, args: string[]): boolean {
  return spec.userOptions !== undefined && args.some((a) => spec.userOptions!.some((o) => a === o || a.startsWith(o.startsWith('--') ? `${o}=` : o)));
}

function unwrapWords(spec: WrapperSpec, args: string[], options: WrapperState): Unwrapped {
  const env = record<string>();
  const named = namesUser(spec, args);
  let skip = named ? 0 : (spec.skipPositionals ?? 0);
  const none = { index: -1, end: args.length, env };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') return found(spec, args, i + 1, env, options);
    if (word === '-' && spec.loginDash) continue;
    if (spec.commandAfter?.includes(word)) return found(spec, args, i + 1, env, options);
    if (/^-[^-]/.test(word) || /^--./.test(word)) {
      const option = readOption(spec, args, i, options);
      if (option.noRun) return none;
      if (option.shellString !== undefined) return { ...none, shellString: option.shellString };
      if (option.chdir !== undefined) options.chdir = option.chdir;
      i = option.next;
    } else if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
      env[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
    } else if (skip > 0) skip--;
    else return found(spec, args, i, env, options);
  }
  return none;
}

function found(spec: WrapperSpec, args: string[], index: number, env: Record<string, string>, options: WrapperState): Unwrapped {
  if (index >= args.length) return { index: -1, end: args.length, env };
  const stop = spec.endWord ? args.indexOf(spec.endWord, index) : -1;
  const end = stop >= 0 ? stop : args.length;
  if (spec.restIsShell && !options.exec) return { index: -1, end, env, shellString: args.slice(index, end).join(' ') };
  return options.joinShell || spec.alsoShell ? { index, end, env, shellString: args.slice(index, end).join(' ') } : { index, end, env };
}

/** One option word (or cluster) of a wrapper: what it means and where the next word is. */
function readOption(spec: WrapperSpec, args: string[], i: number, state: WrapperState): { next: number; noRun?: boolean; shellString?: string; chdir?: string } {
  const word = args[i]!;
  const opts = spec.options ?? {};
  if (/^-\d+$/.test(word)) return { next: i }; // `nice -10 cmd`: an old-style numeric option
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    const name = expandLong(eq < 0 ? word : word.slice(0, eq), opts);
    const takes = eq < 0 && (opts.longValues?.includes(name) ?? false);
    const value = eq >= 0 ? word.slice(eq + 1) : args[i + 1];
    if (spec.noRunOptions?.includes(name)) return { next: i, noRun: true };
    if (spec.execOptions?.includes(name)) state.exec = true;
    if (spec.joinShellOptions?.includes(name)) state.joinShell = true;
    if (spec.shellStringOptions?.includes(name)) return { next: i, shellString: withRest(spec, value ?? '', args.slice(eq >= 0 ? i + 1 : i + 2)) };
    const chdir = spec.chdirOptions?.includes(name) && value !== undefined ? { chdir: value } : {};
    return { next: takes ? i + 1 : i, ...chdir };
  }
  for (let k = 1; k < word.length; k++) {
    const name = `-${word[k]}`;
    if (spec.noRunOptions?.includes(name)) return { next: i, noRun: true };
    if (spec.execOptions?.includes(name)) state.exec = true;
    if (spec.joinShellOptions?.includes(name)) state.joinShell = true;
    if (opts.shortOptional?.includes(word[k]!)) return { next: i }; // its value is the rest of the word, if any
    if (!opts.shortValues?.includes(word[k]!)) continue;
    const attached = word.slice(k + 1);
    if (spec.shellStringOptions?.includes(name)) {
      return { next: i, shellString: withRest(spec, attached || (args[i + 1] ?? ''), args.slice(attached ? i + 1 : i + 2)) };
    }
    const value = attached || args[i + 1];
    return { next: attached ? i : i + 1, ...(spec.chdirOptions?.includes(name) && value !== undefined ? { chdir: value } : {}) };
  }
  return { next: i };
}

function withRest(spec: WrapperSpec, value: string, rest: string[]): string {
  return spec.shellStringRest && rest.length > 0 ? `${value} ${rest.join(' ')}` : value;
}
