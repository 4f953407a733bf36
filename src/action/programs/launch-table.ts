import { sandboxLaunchers } from './launch-sandboxes.js';
import { table } from '../table.js';

// The launcher table (launch.ts reads it): HPC schedulers and MPI, cluster shells, sandboxes. Each entry lists every
// option its program has (an option not listed makes the launcher opaque), from the version its comment names.
// Option lists are strings of names between spaces.

/** How one launcher's command is found. */
export interface LaunchSpec {
  /** Subcommand words that start a command (`apptainer exec`); any other subcommand starts nothing. */
  sub?: string;
  /** Flags allowed before the subcommand. */
  before?: string;
  /** Options taking no value. */
  flags?: string;
  /** Options taking the next word (or `=value`, or a short one's attached rest). */
  values?: string;
  /** Options taking the next two words (`mpirun --mca KEY VALUE`). */
  pairs?: string;
  /** With a pair option, `KEY=VALUE` matching this makes the launcher opaque (an MCA parameter naming a program). */
  pairCheck?: RegExp;
  /** Options whose value is only ever attached (`--nice[=N]`, `-k[off]`). */
  optional?: string;
  /** Options (taking a value) with which it runs or loads what nomos does not see. */
  opaque?: string;
  /** Flags with which it runs what nomos does not see (`snap run --shell`), and why. */
  opaqueFlags?: string;
  opaqueFlagsWhy?: string;
  /** Variables it reads as options that run, mount or load what nomos does not see (`SLURM_TASK_PROLOG`, `OMPI_MCA_plm_rsh_agent`): set on the command, opaque. */
  opaqueVariables?: RegExp;
  /** Options whose value is a shell command it runs (`sbatch --wrap`, `bsub -E`). */
  shell?: string;
  /** Options whose value is the program it runs (`flatpak run --command=`). */
  program?: string;
  /** Options whose value is the directory the command starts in: its relative paths are not this cwd's. */
  chdir?: string;
  /** Options giving the command variables (`VAR=value`, comma-separated): one that loads code makes it opaque. */
  env?: string;
  /** Options whose value lists the hosts it reaches (`pdsh -w h[1-4]`, `pssh -H 'a b'`), read as hostSyntax says. */
  hosts?: string;
  hostSyntax?: 'hostlist' | 'nodeset' | 'pssh';
  /** Options naming hosts through a file (read here) or a group or query, and flags for every host a database names: hosts nomos cannot name. */
  hostFiles?: string;
  hostGroups?: string;
  allHosts?: string;
  /** Variables naming its hosts' file when no option does (`WCOLL`, `PSSH_HOSTS`). */
  hostVariables?: RegExp;
  /** Options whose value is a file (or directory) it writes, or reads, here (`srun -o out.log`, `sbatch -i in`); `%` patterns make it any file there. */
  writes?: string;
  reads?: string;
  /** Options whose value is host paths given to the sandbox, written (mounts) or read-only (roMounts). */
  mounts?: string;
  roMounts?: string;
  readMount?: (value: string, readOnly: boolean, name: string) => { path: string; readOnly: boolean }[] | string;
  /** `qsub -b y`: the words are a command, not a script file. */
  binary?: string;
  /** With a binary option, the command is also run by a shell (SGE runs it through the job's shell). */
  binaryShell?: boolean;
  /** `--` makes the next words a command, not a script (PBS `qsub -- cmd`). */
  dashesBinary?: boolean;
  /** Positional words before the command (a machine, an image). */
  skip?: number;
  /** The command comes only after `--` (positionals before it are packages: `guix shell pkg -- cmd`). */
  dashes?: boolean;
  /** The first positional is a script file it runs (`sbatch job.sh args`). */
  script?: boolean;
  /** The last word is a shell command, after lastAfter positionals (`scl enable coll 'cmd'`); after `--`, the words. */
  lastIsShell?: boolean;
  lastAfter?: number;
  /** The command words are joined and run by a (remote) shell (`pdsh -w h cmd …`). */
  restIsShell?: boolean;
  /** The words are also run joined, by a shell (LSF writes them into a job script). */
  alsoShell?: boolean;
  /** A `:` word starts another command with its own options (`mpirun -np 1 a : -np 2 b`, Slurm's heterogeneous jobs). */
  separator?: boolean;
  /** The command runs where relative paths are not this cwd (a container's tree). */
  elsewhere?: boolean;
  /** Short options are never clustered or attached (MPI's single-dash long options). */
  noClusters?: boolean;
  /** Why it is opaque when no command is given (a shell reads its input). */
  without?: string;
  /** Subcommands that give the words to the image's own program (`apptainer run`): options and mounts are read, no command followed. */
  imageSubs?: string;
  /** Subcommands that start a shell reading its input (`apptainer shell`). */
  shellSubs?: string;
  /** A command is followed only when a program option names it (`flatpak run --command=`); else the app's own runs. */
  programOnly?: boolean;
  /** The first positional is a package whose program runs (`nix run nixpkgs#bash -- -c cmd`). */
  installable?: boolean;
}

/** The launchers (launchTable()'s names; test/action/launch-table.test.ts holds the two equal). */
export const LAUNCH_NAMES = ' srun salloc sbatch mpirun mpiexec orterun mpiexec.hydra mpirun.openmpi mpiexec.openmpi mpirun.mpich mpiexec.mpich qsub bsub '
  + 'pssh parallel-ssh pdsh clush systemd-nspawn machinectl apptainer singularity flatpak scl snap guix nix ';

/** The spec of a launcher (the table is made on the first one a command names). */
export function launchSpec(program: string): LaunchSpec | undefined {
  return (launchers ??= launchTable())[program];
}

let launchers: Readonly<Record<string, LaunchSpec>> | undefined;

/** Each name with one and two dashes (MPI's options are read both ways). */
const dashed = (names: string) => ` ${names.trim().split(/\s+/).flatMap((n) => [`-${n}`, `--${n}`]).join(' ')} `;

/** The launchers and how each one's command is found (made once, by launchSpec; exported for the test of LAUNCH_NAMES). */
export function launchTable(): Readonly<Record<string, LaunchSpec>> {
  // Slurm 22.05 (srun(1), salloc(1), sbatch(1)): the long options taking a value, shared by the three.
  const SLURM_VALUES = ' --account --acctg-freq --bb --bbf --begin --cluster-constraint --clusters --comment --constraint --core-spec --cores-per-socket '
    + '--cpu-freq --cpus-per-gpu --cpus-per-task --deadline --delay-boot --dependency --distribution --exclude --extra-node-info --gid --gpu-bind --gpu-freq --gpus '
    + '--gpus-per-node --gpus-per-socket --gpus-per-task --gres --gres-flags --hint --job-name --licenses --mail-type --mail-user --mcs-label --mem --mem-bind '
    + '--mem-per-cpu --mem-per-gpu --mincpus --network --nodefile --nodelist --nodes --ntasks --ntasks-per-core --ntasks-per-gpu --ntasks-per-node --ntasks-per-socket '
    + '--partition --power --prefer --priority --profile --qos --reservation --signal --sockets-per-node --switches --thread-spec --threads-per-core --time --time-min '
    + '--tmp --uid --wckey -A -B -C -F -G -J -L -M -N -S -c -d -m -n -p -q -t -w -x ';
  const SLURM_FLAGS = ' --contiguous --help --hold --overcommit --oversubscribe --quiet --reboot --spread-job --usage --use-min-nodes --verbose --version -H -O -Q -V -h -s -v ';
  // Slurm's input variables for its options: the prologs and epilogs are programs, a container runs its own process, exported variables may load code.
  const SLURM = { chdir: ' -D --chdir ', separator: true, opaque: ' --container ', opaqueVariables: /^(?:SLURM_(?:TASK_)?(?:PROLOG|EPILOG)|(?:SLURM|SRUN|SBATCH|SALLOC)_CONTAINER|(?:SLURM|SRUN)_EXPORT_ENV|SBATCH_EXPORT)$/ };
  // Open MPI 4.1 mpirun(1) and MPICH 4.0 hydra (`mpiexec --help`): the options of either, with one dash or two.
  const MPI: LaunchSpec = {
    noClusters: true,
    separator: true,
    values: dashed('N max-vm-size hnp H host hosts hostfile default-hostfile machinefile cpu-set c n np npersocket npernode map-by cpu-list rank-by bind-to '
      + 'cpus-per-proc cpus-per-rank rf rankfile stdin xml-file preload-files timeout cf cartofile max-restarts ompi-server personality ppr '
      + 'report-events report-pid report-uri f genvlist envlist launcher bootstrap rmk topolib membind demux iface ppn prepend-pattern outfile-pattern '
      + 'errfile-pattern nameserver order-nodes localhost usize gpus-per-proc'),
    flags: dashed('h help q quiet v verbose V version display-map display-allocation output-proctable dvm novm pernode bycore byslot nolocal nooversubscribe '
      + 'oversubscribe bynode bind-to-core bind-to-socket report-bindings merge-stderr-to-stdout tag-output timestamp-output xml noprefix s preload-binary '
      + 'get-stack-traces allow-run-as-root continuous disable-recovery do-not-launch do-not-resolve enable-recovery index-argv-by-rank leave-session-attached '
      + 'report-child-jobs-separately show-progress terminate use-hwthread-cpus use-regexp d debug-devel debug-daemons debug-daemons-file display-devel-allocation '
      + 'display-devel-map display-diffable-map display-topo report-state-on-timeout genvnone genvall envnone envall enable-x disable-x info print-all-exitcodes '
      + 'profile prepend-rank l disable-auto-cleanup disable-hostname-propagation pmi-port skip-launch-node'),
    // MCA parameters and variables given to every process: one naming a program (plm_rsh_agent, orte_launch_agent …) or loading code is opaque.
    pairs: dashed('mca gmca genv env'),
    pairCheck: /^(?:\w*(?:agent|launch|exec|cmd|command|prefix|path|rsh|ssh|shell|debugger|xterm|orted)\w*=|(?:LD_\w+|BASH_ENV|ENV|NODE_OPTIONS|PYTHON\w*|PERL5\w*|RUBY\w*|PATH)=)/i,
    env: dashed('x'),
    chdir: dashed('wd wdir'),
    writes: dashed('output-filename'),
    // An appfile or configfile of commands, a tune or MCA file, a debugger, xterm, a launch agent or bootstrap program, or a prefix/path that moves the program.
    opaque: dashed('app configfile tune am debugger xterm launch-agent launcher-exec bootstrap-exec path gpath prefix'),
    opaqueFlags: dashed('debug tv set-cwd-to-session-dir'),
    opaqueFlagsWhy: 'runs a debugger, or the command somewhere nomos does not follow',
    // MCA parameters from the environment (`OMPI_MCA_plm_rsh_agent=x`), hydra's launcher and bootstrap programs.
    opaqueVariables: /^(?:OMPI_MCA_\w+|HYDRA_\w*(?:EXEC|LAUNCHER|BOOTSTRAP)\w*|MPIEXEC_\w+)$/,
  };
  // pssh 2.3 (parallel-ssh): the words after its options are one command for the hosts' shells; -x, -X and -O pass ssh options (ProxyCommand runs here).
  const PSSH: LaunchSpec = {
    values: ' -l --user -p --par -t --timeout -g --host-glob ',
    hosts: ' -H --host ',
    hostSyntax: 'pssh',
    hostFiles: ' -h --hosts ',
    hostVariables: /^PSSH_HOSTS$/,
    writes: ' -o --outdir -e --errdir ',
    flags: ' -v --verbose -A --askpass -i --inline --inline-stdout -I --send-input -P --print --help --version ',
    opaque: ' -x --extra-args -X --extra-arg -O --option ',
    // PSSH_OPTIONS passes ssh options (ProxyCommand runs here).
    opaqueVariables: /^PSSH_OPTIONS$/,
    restIsShell: true,
  };
  return table<string, LaunchSpec>({
    srun: {
      ...SLURM,
      values: `${SLURM_VALUES}--accel-bind --bcast-exclude --cpu-bind --het-group --jobid --mpi --msg-timeout --open-mode --relative --slurmd-debug --threads --wait -T -W -b -r `,
      writes: ' -o --output -e --error ',
      reads: ' -i --input ',
      flags: `${SLURM_FLAGS}--disable-status --exact --label --no-allocate --overlap --preserve-env --pty --quit-on-interrupt --test-only --unbuffered -E -X -Z -l -u `,
      optional: ' --bcast --compress --exclusive --immediate --kill-on-bad-exit --nice --no-kill --propagate --resv-ports --send-libs --x11 -I -K -k ',
      // --multi-prog makes the command a file of programs; the prologs and epilogs are programs too.
      opaque: ' --container --prolog --epilog --task-prolog --task-epilog ',
      opaqueFlags: ' --multi-prog ',
      opaqueFlagsWhy: 'runs the programs a file names',
      env: ' --export ',
    },
    // salloc runs its command here, with the allocation; without one, the user's shell, which reads its input (not with --no-shell).
    salloc: {
      ...SLURM,
      values: `${SLURM_VALUES}--wait-all-nodes `,
      flags: `${SLURM_FLAGS}--bell --no-bell --no-shell `,
      optional: ' --exclusive --get-user-env --immediate --kill-command --nice --no-kill --x11 -I -K -k ',
      without: 'salloc without a command starts a shell that reads commands from its input',
    },
    // sbatch runs a script file (read from its input without one), or with --wrap a shell command.
    sbatch: {
      ...SLURM,
      values: `${SLURM_VALUES}--array --batch --kill-on-invalid-dep --open-mode --wait-all-nodes -a -b `,
      writes: ' -o --output -e --error ',
      reads: ' -i --input ',
      flags: `${SLURM_FLAGS}--ignore-pbs --no-requeue --parsable --requeue --test-only --wait -W `,
      optional: ' --exclusive --get-user-env --nice --no-kill --propagate -k ',
      opaque: ' --container --export-file ',
      shell: ' --wrap ',
      env: ' --export ',
      script: true,
      without: 'sbatch without a script reads its job script from its input',
    },
    mpirun: MPI, mpiexec: MPI, orterun: MPI, 'mpiexec.hydra': MPI, 'mpirun.openmpi': MPI, 'mpiexec.openmpi': MPI, 'mpirun.mpich': MPI, 'mpiexec.mpich': MPI,
    // Grid Engine and PBS qsub: a script file (read from its input without one); `-b y` (SGE, run through the job's shell) or `--` (PBS) a command.
    qsub: {
      noClusters: true,
      values: ' -a -A -c -C -j -J -k -l -m -M -N -p -P -q -r -t -u -W -hold_jid -hold_jid_ad -sync -now -js -R -ac -dc -sc -ar -ckpt -dl -display -masterq -tc -shell ',
      writes: ' -o -e ',
      reads: ' -i ',
      // `-pe ENV SLOTS`; `-binding [set|env|pe] STRATEGY` takes one word or two.
      pairs: ' -pe ',
      flags: ' -h -I -V -X -z -cwd -terse -notify -clear -soft -hard -f -help ',
      // -S names the shell that runs the job, -jsv a verifier script, -@ a file of more options.
      opaque: ' -S -jsv -@ -binding ',
      env: ' -v ',
      binary: ' -b ',
      // SGE's -wd DIR: the job starts in DIR.
      chdir: ' -wd ',
      binaryShell: true,
      dashesBinary: true,
      script: true,
      without: 'qsub without a script reads its job script from its input',
    },
    // IBM Spectrum LSF 10.1 bsub: the command is written into a job script (a shell runs it); -E, -Ep and -rnc are shell commands too.
    bsub: {
      noClusters: true,
      writes: ' -o -oo -e -eo -outdir ',
      reads: ' -i -is ',
      values: ' -J -q -n -W -We -R -m -P -G -u -app -b -c -C -D -F -M -S -T -v -w -g -sla -Lp -k -data -datagrp -ext -gpu -stage -freq '
        + '-clusters -eptl -ptl -alloc_flags -smt -U -Jd -Q -p -ar -sp -t -UF -network -nnodes -cn_cu -cn_mem -core_isolation -jsm -ln_mem -ln_slots -step_cgroup '
        + '-datachk -f -notify -s -a -hostfile -rcacct ',
      flags: ' -B -N -x -r -rn -H -I -Ip -Is -IS -ISp -ISs -IX -K -tty -ti -XF -Zs -hl -h -V ',
      shell: ' -E -Ep -rnc ',
      opaque: ' -L -pack -json -yaml -jsdl -jsdl_strict ',
      env: ' -env ',
      chdir: ' -cwd ',
      alsoShell: true,
      without: 'bsub without a command reads its job from its input',
    },
    pssh: PSSH, 'parallel-ssh': PSSH,
    // pdsh 2.34: the command goes to each host's shell (with -R exec it runs here, as words); without one, it reads commands from its input.
    pdsh: {
      values: ' -x -l -t -u -f -M -X -F -j -P ',
      flags: ' -S -h -s -q -b -L -N -d -V -i -v ',
      // -w's hostlists (a `type:` prefix picks how a host's command runs: `exec:h` runs it here), -g's genders query, -a/-A every host.
      hosts: ' -w ',
      hostSyntax: 'hostlist',
      hostGroups: ' -g ',
      allHosts: ' -a -A ',
      hostVariables: /^WCOLL$/,
      // -R picks how commands run (exec: here, as words with %h for the host; a module nomos does not know).
      opaque: ' -R ',
      // PDSH_RCMD_TYPE picks how commands run (exec: here), PDSH_SSH_ARGS passes ssh options.
      opaqueVariables: /^PDSH_(?:RCMD_TYPE|SSH_ARGS\w*|REMOTE_PDCP_PATH)$/,
      restIsShell: true,
      without: 'pdsh without a command reads commands from its input',
    },
    // ClusterShell 1.9 clush: the command goes to each host's shell; -o passes ssh options, --conf, -O, -m and --groupsconf read settings
    // (ssh_path, command_prefix, group upcalls) nomos does not see, -R exec runs here; -c copies files. Without a command, it reads its input.
    clush: {
      values: ' -s --groupsource -x -X -E --engine --topology --pick --interpret-keys --color --dest -f --fanout '
        + '--grooming -l --user -t --connect_timeout -u --command_timeout --remote ',
      hosts: ' -w ',
      hostSyntax: 'nodeset',
      hostFiles: ' --hostfile --machinefile ',
      hostGroups: ' -g --group ',
      allHosts: ' -a --all ',
      flags: ' -n --nostdin -q --quiet -v --verbose -d --debug -G --groupbase -L -N -b --dshbak -B -r --regroup -S --maxrc -P --progress -p --diff -h --help --version ',
      opaque: ' --conf -O --option --groupsconf -o --options -m --mode -R --worker ',
      writes: ' --outdir --errdir ',
      opaqueFlags: ' -c --copy --rcopy ',
      opaqueFlagsWhy: 'copies files nomos does not follow',
      // Another configuration directory sets ssh_path, ssh_options or the worker.
      opaqueVariables: /^CLUSTERSHELL_\w+$/,
      restIsShell: true,
      without: 'clush without a command reads commands from its input',
    },
    ...sandboxLaunchers(),
  } as Record<string, LaunchSpec>);
}
