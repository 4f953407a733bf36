import type { OptionSpec } from '../flags.js';
import { OPTION_SPECS } from '../programs/specs.js';
import { listed, table } from '../table.js';
import type { WrapperSpec } from './wrappers.js';

// The wrapper table (src/action/shell/wrappers.ts reads it): programs that run another
// program given in their arguments, with the options each takes. An option listed wrongly as
// taking a value, or missing, makes nomos take the wrong word for the command: where an entry
// was checked against the program's own --help or man page, its comment names the version.

/**
 * The wrapper programs (wrapperTable()'s names; test/action/wrapper-table.test.ts holds the
 * two equal): a command that is none of them builds no table (a plain call has room for little in
 * V8's young generation at start-up, and this table was 40 KB of it).
 */
export const WRAPPER_NAMES = ' sudo doas env nice nohup runuser systemd-run screen script timeout time command builtin '
  + 'exec stdbuf setsid coproc busybox unbuffer ionice taskset chroot flock su xargs parallel '
  + 'watch ssh mosh unshare nsenter pkexec setpriv sg chrt prlimit numactl cgexec strace ltrace '
  + 'valgrind catchsegv xvfb-run dbus-run-session dbus-launch proxychains proxychains4 torsocks '
  + 'firejail faketime nocache eatmydata fakeroot entr direnv setarch linux32 linux64 i386 '
  + 'x86_64 uname26 chronic ifne run-one setuidgid envuidgid lckdo chpst softlimit cpulimit '
  + 'trickle rlwrap daemonize dtach abduco systemd-cat systemd-inhibit xterm '
  + 'ld-linux-x86-64.so.2 ld-linux-aarch64.so.1 ld-linux.so.2 ld.so ccache sccache distcc icecc ssh-agent flatpak-spawn '
  + 'cross-env cross-env-shell dotenv env-cmd tini dumb-init gosu su-exec aa-exec capsh proot ';

/** The spec of a wrapper program: how its inner command is found; undefined for any other program. */
export function wrapperSpec(program: string): WrapperSpec | undefined {
  return listed(WRAPPER_NAMES, program) ? (wrappers ??= wrapperTable())[program] : undefined;
}

let wrappers: Readonly<Record<string, WrapperSpec>> | undefined;

/** Wrapper programs and how their inner command is found (made once, by wrapperSpec; exported for the test of WRAPPER_NAMES). */
export function wrapperTable(): Readonly<Record<string, WrapperSpec>> {
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
  return table<string, WrapperSpec>({
    sudo: { options: sudoOptions, assignments: true, joinShellOptions: ['-s', '--shell', '-i', '--login'], chdirOptions: ['-D', '--chdir'],
      // A login shell (`sudo -i`, `su -`, `runuser -l`) starts in the target user's home (`sudo -i pwd` printed /root): not known here.
      unknownCwdOptions: ['-i', '--login'], noRunOptions: ['-l', '--list', '-v', '--validate', '-K', '--remove-timestamp', '-V', '--version', '-e', '--edit'] },
    // OpenBSD doas(1): `-s` runs the user's shell (SHELL or the passwd entry), which reads its input; -a takes an auth style.
    doas: { options: { shortValues: 'uCa' }, joinShellOptions: ['-s'] },
    // GNU env 9.5+ -a/--argv0 (a multi-call program runs by its argv0: git-rm as argv0 makes `git status x` a `git rm`);
    // BSD env -P DIR (the program is looked up in DIR) and FreeBSD -L CLASS (sets variables from a login class, ~/.login_conf too).
    env: {
      options: { shortValues: 'uCSaPL', longValues: ['--unset', '--chdir', '--split-string', '--argv0'], longFlags: ['--ignore-environment', '--null', '--block-signal', '--default-signal', '--ignore-signal', '--debug', '--list-signal-handling'] },
      opaqueOptions: ['-a', '--argv0', '-P', '-L'],
      // A lone `-` is -i (GNU env reads it only there, before assignments; elsewhere it would be the program, which runs nothing).
      loginDash: true,
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
      unknownCwdOptions: ['-', '-l', '--login'],
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
    // A duration as GNU and BusyBox read it (strtod, then s/m/h/d). BusyBox before 1.30 took it only as -t SECS: `timeout rm x` ran rm.
    timeout: {
      options: { shortValues: 'sk', longValues: ['--signal', '--kill-after'], longFlags: ['--foreground', '--preserve-status', '--verbose'] }, skipPositionals: 1,
      skipMatch: /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|0x[\da-f]*\.?[\da-f]*(?:p[+-]?\d+)?|inf(?:inity)?)[smhd]?$/i,
    },
    time: { options: { shortValues: 'fo', longValues: ['--format', '--output'] } },
    command: { noRunOptions: ['-v', '-V'] },
    builtin: {},
    // -a NAME is argv[0]: programs that dispatch on it run another command (`exec -a git-rm git status x` runs git rm).
    exec: { options: { shortValues: 'a' }, opaqueOptions: ['-a'] },
    stdbuf: { options: { shortValues: 'ioe', longValues: ['--input', '--output', '--error'] } },
    setsid: {},
    // bash's `coproc x=1 cmd`: the assignments are the command's, as before any simple command.
    coproc: { assignments: true },
    busybox: {},
    unbuffer: {},
    ionice: { options: { shortValues: 'cnpPu', longValues: ['--class', '--classdata', '--pid', '--pgid', '--uid'] } },
    taskset: { options: { shortValues: '' }, skipPositionals: 1 },
    chroot: { options: { longValues: ['--userspec', '--groups'] }, skipPositionals: 1, unknownCwd: true },
    flock: { options: { shortValues: 'wEc', longValues: ['--timeout', '--wait', '--conflict-exit-code', '--command'] }, skipPositionals: 1, shellStringOptions: ['-c', '--command'] },
    su: { options: { shortValues: 'cgGsw', longValues: ['--command', '--group', '--supp-group', '--shell', '--session-command', '--whitelist-environment'] }, shellStringOptions: ['-c', '--command', '--session-command'], skipPositionals: 1, loginDash: true, shellArgs: true, shellWithout: true, unknownCwdOptions: ['-', '-l', '--login'] },
    // BSD xargs -J REPLSTR puts what it reads where REPLSTR stands, among the command's words (GNU rejects -J); --process-slot-var
    // NAME sets NAME to a slot number for the command (PATH=0 runs ./0/echo, LD_LIBRARY_PATH=0 loads ./0/libc.so.6): both opaque.
    xargs: { options: OPTION_SPECS.xargs, dynamicTail: true, placeholders: { options: ['-I'], optional: ['-i', '--replace'], fallback: '{}' }, opaqueOptions: ['-J', '--process-slot-var'] },
    // GNU parallel runs its command words through a shell, with the arguments after `:::` added.
    // GNU parallel 20221122 (parallel(1)): -S/--sshlogin runs the command on those hosts (parallel ran `ssh host -- exec perl …`),
    // --wd starts it in a directory (`--wd ~/.ssh cat id_rsa` printed the key); --slf reads hosts from a file (`:` is here:
    // `--slf f touch x` ran touch, which nomos had taken for a program named f); --ssh, the (de)compress programs, --filter,
    // --rpl and --profile run or read code nomos does not see.
    parallel: {
      options: {
        shortValues: 'jSIaCdEnNLPsJ',
        shortOptional: 'eil',
        longValues: ['--jobs', '--sshlogin', '--delay', '--timeout', '--joblog', '--jl', '--halt', '--halt-on-error', '--results', '--res', '--tmpdir', '--colsep', '--arg-file',
          '--delimiter', '--max-args', '--max-replace-args', '--workdir', '--wd', '--memfree', '--memsuspend', '--load', '--retries', '--tagstring', '--ctagstring', '--sshloginfile',
          '--slf', '--basefile', '--bf', '--return', '--transferfile', '--tf', '--trc', '--env', '--nice', '--max-procs', '--max-chars', '--termseq', '--term-seq', '--limit',
          '--header', '--seqreplace', '--shebang-wrap', '--arg-file-sep', '--arg-sep', '--basenamereplace', '--bnr', '--basenameextensionreplace', '--bner', '--bin',
          '--block', '--block-size', '--block-timeout', '--bt', '--compress-program', '--decompress-program', '--dirnamereplace', '--dnr', '--filter', '--group-by',
          '--minversion', '--parens', '--profile', '--recstart', '--recend', '--rpl', '--rsync-opts', '--semaphore-name', '--id', '--semaphore-timeout', '--st', '--shard',
          '--shell-completion', '--sql', '--sql-master', '--sql-and-worker', '--sql-worker', '--ssh', '--ssh-delay', '--sshdelay', '--slotreplace', '--template', '--tmpl',
          '--total-jobs', '--total', '--trim', '--extensionreplace', '--er', '--process-slot-var', '--_parset'],
        stopAtPositional: true,
      },
      opaqueOptions: ['--sshloginfile', '--slf', '--ssh', '--compress-program', '--decompress-program', '--filter', '--rpl', '--profile', '-J', '--sql', '--sql-master',
        '--sql-and-worker', '--sql-worker', '--process-slot-var', '--template', '--tmpl', '--shebang', '--shebang-wrap', '--hashbang', '--tmux', '--tmuxpane', '--_parset'],
      unknownCwdOptions: ['-S', '--sshlogin', '--wd', '--workdir'],
      dynamicTail: true, endWords: [':::', '::::', ':::+', '::::+'], alsoShell: true, commandsWithout: true,
      // `{}`, `{.}`, `{/}`, `{#}`, `{1}`, `{= perl =}` … and -I's own.
      placeholders: { options: ['-I'], always: /\{[^{}\s]*\}|\{=/ },
    },
    // `-d[permanent]`, `--differences[=permanent]`; `-x` runs the words without a shell.
    watch: { options: { shortValues: 'nq', shortOptional: 'd', longValues: ['--interval', '--equexit'], longFlags: ['--differences', '--exec'] }, restIsShell: true, execOptions: ['-x', '--exec'] },
    // The remote shell starts in the user's home there: nomos takes this machine's (exact for localhost, and a
    // key read there is a key read). `ssh localhost cat .ssh/id_rsa` printed ~/.ssh/id_rsa, decided as ./.ssh/id_rsa.
    ssh: { options: { shortValues: 'BbcDEeFIiJLlmOoPpQRSWw' }, skipPositionals: 1, restIsShell: true, startsAtHome: true },
    // mosh 1.4 runs `ssh HOST -- 'mosh-server new … -- CMD ARGS'` (the words quoted), and mosh-server runs them as an argv in the
    // home directory (`mosh --local 127.0.0.1 -- touch relfile` made ~/relfile; a word `'touch x'` ran no touch). Its
    // --ssh, --client and --server are programs it runs (here, or there), which nomos does not follow.
    mosh: { options: OPTION_SPECS.mosh!, skipPositionals: 1, startsAtHome: true, opaqueOptions: ['--ssh', '--client', '--server'] },
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
    // firejail 0.9.72: --private-cwd[=DIR] starts the command in DIR or the sandbox's home, --private[=DIR] replaces the home
    // (a cwd below it is not there, so it starts in the new home), --chroot=DIR is its `/`: where it starts is not known.
    firejail: { options: { stopAtPositional: true }, unknownCwdOptions: ['--private-cwd', '--private', '--chroot'] },
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
    // Compiler caches and distributors run the compiler they are given (`CC='ccache x'`, a cmake launcher list);
    // their own options (ccache 4: -M, -F, -o, -d, -k, -X take a value) run nothing.
    ccache: { options: { shortValues: 'MFodkX', longValues: ['--max-size', '--max-files', '--set-config', '--dir', '--get-config', '--recompress', '--evict-older-than', '--evict-namespace', '--hash-file', '--inspect', '--checksum-file', '--extract-result', '--trim-dir', '--trim-max-size', '--trim-method', '--trim-recompress'], stopAtPositional: true } },
    sccache: { options: { stopAtPositional: true } },
    distcc: { options: { stopAtPositional: true } },
    icecc: { options: { stopAtPositional: true } },
    // `ssh-agent [-a sock] [-t life] cmd …` runs cmd with the agent (OpenSSH 9: -a, -E, -O, -P, -t take a value).
    'ssh-agent': { options: { shortValues: 'aEOPt', stopAtPositional: true } },
    // `flatpak-spawn --host cmd …` runs cmd outside the sandbox (its options take values only after `=`).
    'flatpak-spawn': { options: { stopAtPositional: true } },
    // npm's environment setters: `cross-env A=1 cmd …` (cross-env-shell runs its words as one shell command), dotenv-cli
    // (`dotenv -e .env -- cmd`; -p prints a variable), env-cmd (`env-cmd -f .env cmd`; --use-shell runs a shell command).
    'cross-env': { assignments: true },
    'cross-env-shell': { assignments: true, restIsShell: true },
    dotenv: { options: { shortValues: 'evpc', stopAtPositional: true }, noRunOptions: ['-p'] },
    'env-cmd': { options: { shortValues: 'fer', longValues: ['--file', '--environments', '--rc-file'], stopAtPositional: true }, joinShellOptions: ['--use-shell'] },
    // Container init and privilege droppers: `tini -- cmd`, `dumb-init cmd`, `gosu user cmd`, `su-exec user cmd`, AppArmor's aa-exec.
    tini: { options: { shortValues: 'pe', stopAtPositional: true } },
    'dumb-init': { options: { shortValues: 'r', longValues: ['--rewrite'], stopAtPositional: true } },
    gosu: { skipPositionals: 1 },
    'su-exec': { skipPositionals: 1 },
    'aa-exec': { options: { shortValues: 'pn', longValues: ['--profile', '--namespace'], stopAtPositional: true } },
    // libcap's capsh: the words after `--` are /bin/bash's (`capsh -- -c 'cmd'`); --shell=x runs x instead.
    capsh: { options: { stopAtPositional: true }, shellArgs: true, opaqueOptions: ['--shell'] },
    // proot runs its command (a shell without one) under another root (-r), with -q a program of the agent's choosing.
    proot: { options: { shortValues: 'rbmwqkv', longValues: ['--rootfs', '--bind', '--mount', '--cwd', '--qemu', '--kernel-release', '--verbose'], stopAtPositional: true }, unknownCwd: true, shellWithout: true, opaqueOptions: ['-q', '--qemu'] },
  });
}
