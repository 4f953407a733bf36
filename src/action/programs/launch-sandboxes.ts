import type { LaunchSpec } from './launch-table.js';

// Sandboxes and environments in the launcher table (launch-table.ts): the command runs in a container's tree, an image
// sharing the host's home, an app's sandbox, a software collection or a package's environment; host paths given to them are mounts.

/** `SRC[:DST[:OPTS]]`, comma-separated (apptainer -B, nspawn --bind): the host path SRC (`+SRC` is in the container's tree); `ro` keeps it unwritten. */
function readBinds(value: string, readOnly: boolean): { path: string; readOnly: boolean }[] | string {
  return value.split(',').flatMap((one) => {
    const [src = '', , opts = ''] = one.split(':');
    return src !== '' && !src.startsWith('+') ? [{ path: src, readOnly: readOnly || opts.split(',').includes('ro') }] : [];
  });
}

/** apptainer's `--mount type=bind,src=SRC,dst=DST[,ro]` (one mount, not a list). */
function readMountField(value: string, readOnly: boolean): { path: string; readOnly: boolean }[] | string {
  if (/["']/.test(value)) return 'a mount written with quotes, read as CSV';
  const fields = new Map(value.split(',').map((f) => [f.split('=')[0]!.toLowerCase(), f.includes('=') ? f.slice(f.indexOf('=') + 1) : 'true']));
  const src = fields.get('source') ?? fields.get('src');
  if (fields.get('type') !== 'bind') return [];
  if (src === undefined) return 'a bind mount without a source';
  return [{ path: src, readOnly: readOnly || fields.has('ro') || fields.has('readonly') }];
}

/** flatpak's `--filesystem=`: a path, or a name for one (`host` is /, `home` and the xdg-* directories are below ~); `:ro` keeps it unwritten. */
function readFilesystem(value: string): { path: string; readOnly: boolean }[] | string {
  const [name = '', mode = ''] = value.split(':');
  const path = /^(?:host|host-os|host-etc|host-root)$/.test(name) ? '/' : /^(?:home|xdg-.*)$/.test(name) ? '~' : name;
  return /^[/~]/.test(path) ? [{ path, readOnly: mode === 'ro' }] : `a filesystem nomos does not map (${name})`;
}

/** The sandboxes' entries of the launcher table. */
export function sandboxLaunchers(): Record<string, LaunchSpec> {
  const APPTAINER: LaunchSpec = {
    sub: ' exec ',
    imageSubs: ' run test ',
    shellSubs: ' shell ',
    before: ' -d --debug -q --quiet -s --silent -v --verbose --nocolor ',
    values: ' --app --apply-cgroups --authfile --blkio-weight --blkio-weight-device --cdi --cpu-shares --cpus --cpuset-cpus --cpuset-mems --dns --docker-host '
      + '--drop-caps --hostname --memory --memory-reservation --memory-swap --network --network-args --no-mount --pem-path --pid-file --pids-limit -S --scratch ',
    flags: ' -e --cleanenv --compat -c --contain -C --containall --disable-cache --docker-login -f --fakeroot -i --ipc -n --net --no-eval --no-home --no-https '
      + '--nohttps --no-init --no-pid --no-privs --no-umask --nv --nvccli --oom-kill-disable --passphrase --rocm --sharens --sif-fuse --unsquash -u --userns --uts '
      + '-w --writable --writable-tmpfs -h --help ',
    // Capabilities and setuid give the command the host; a FUSE mount runs a host program; --env-file and --containlibs load what nomos does not read.
    opaque: ' --add-caps --security --fusemount --env-file --containlibs ',
    opaqueFlags: ' --allow-setuid --keep-privs ',
    opaqueFlagsWhy: 'gives the container the host\'s privileges',
    chdir: ' --pwd --cwd ',
    env: ' --env ',
    mounts: ' -B --bind -H --home -W --workdir -o --overlay --mount ',
    readMount: (value, readOnly) => (value.includes('=') ? readMountField(value, readOnly) : readBinds(value, readOnly)),
    // APPTAINER_BIND, SINGULARITY_BINDPATH, APPTAINERENV_LD_PRELOAD …: its options and the command's variables, from the environment.
    opaqueVariables: /^(?:APPTAINER|SINGULARITY)\w*$/,
    skip: 1,
  };
  return {
    // systemd 252 systemd-nspawn: the command runs in the container's tree (a shell without one, which reads its input; --boot its init).
    'systemd-nspawn': {
      values: ' --root-hash --root-hash-sig --verity-data --pivot-root -u --user --kill-signal --notify-ready --suppress-sync '
        + '-M --machine --hostname --uuid -S --slice --property --register --private-users --private-users-ownership --network-interface --network-macvlan --network-ipvlan '
        + '--network-veth-extra --network-bridge --network-zone --network-namespace-path -p --port --drop-capability --no-new-privileges --system-call-filter -Z --selinux-context '
        + '-L --selinux-apifs-context --rlimit --oom-score-adjust --cpu-affinity --personality --resolv-conf --timezone --link-journal --bind-user --inaccessible --tmpfs '
        + '--console --set-credential --settings --chdir ',
      flags: ' -q --quiet -x --ephemeral --read-only -a --as-pid2 --keep-unit -U --private-network -n --network-veth -j -P --pipe --no-pager -h --help --version ',
      optional: ' --volatile ',
      // Capabilities give the container the host, an OCI bundle names its own process, --load-credential reads host files.
      opaque: ' --capability --ambient-capability --oci-bundle --load-credential --overlay --overlay-ro ',
      opaqueFlags: ' -b --boot ',
      opaqueFlagsWhy: 'boots the tree\'s init, which reads a login from its input',
      env: ' -E --setenv ',
      // The tree (a directory or an image) is the container's /: the command reads and writes below it.
      mounts: ' --bind -D --directory --template -i --image ',
      roMounts: ' --bind-ro ',
      readMount: (value, readOnly, name) => (name === '--bind' || name === '--bind-ro' ? readBinds(value, readOnly) : [{ path: value, readOnly }]),
      elsewhere: true,
      without: 'systemd-nspawn without a command starts a shell that reads commands from its input',
    },
    // `machinectl shell [user@]machine /path args…`: options before the machine; after it, the command's own words.
    machinectl: {
      sub: ' shell ',
      before: ' -q --quiet --no-pager --no-legend --no-ask-password ',
      values: ' -p --property -s --signal -H --host -M --machine -n --lines -o --output --kill-whom --uid --verify --format --max-addresses ',
      flags: ' -a --all -l --full --value -q --quiet --no-pager --no-legend --no-ask-password --read-only --mkdir --force -h --help --version ',
      env: ' -E --setenv ',
      skip: 1,
      elsewhere: true,
      without: 'machinectl shell without a command starts a login shell that reads commands from its input',
    },
    // apptainer 1.x / singularity 3.x `exec IMAGE cmd …`: $HOME, /tmp and the cwd are the host's (so the command's paths are); -B, --mount,
    // -H, -W, -o give it more host paths. `run` gives the image's own runscript the words, `shell` a shell reading its input.
    apptainer: APPTAINER, singularity: APPTAINER,
    // flatpak 1.14 `run [options] REF [args]`: the app's own command gets the words; with --command=CMD, CMD does, in the sandbox.
    // --filesystem gives it host paths; --app-path and --usr-path put a host directory's programs in place of the app's or runtime's.
    flatpak: {
      sub: ' run ',
      before: ' -v --verbose --ostree-verbose ',
      values: ' --installation --arch --branch --runtime --runtime-version --commit --runtime-commit --share --unshare --socket --nosocket --nodevice --allow --disallow '
        + '--nofilesystem --add-policy --remove-policy --unset-env --own-name --talk-name --no-talk-name --system-own-name --system-talk-name --system-no-talk-name '
        + '--persist --parent-pid --instance-id-fd ',
      flags: ' -u --user --system -v --verbose --ostree-verbose -d --devel --no-session-bus --session-bus --no-a11y-bus --a11y-bus --sandbox --log-session-bus '
        + '--log-system-bus --log-a11y-bus -p --die-with-parent --parent-expose-pids --parent-share-pids --file-forwarding --clear-env --no-documents-portal -h --help ',
      opaque: ' --app-path --usr-path --env-fd --device ',
      program: ' --command ',
      chdir: ' --cwd ',
      env: ' --env ',
      mounts: ' --filesystem ',
      readMount: readFilesystem,
      skip: 1,
      elsewhere: true,
      programOnly: true,
    },
    // scl-utils 2: `scl enable COLL… 'cmd'` (the last word), or `scl enable COLL… -- cmd args`; `-` reads commands from the input.
    scl: { sub: ' enable run ', flags: ' ', lastIsShell: true, lastAfter: 1 },
    // snapd 2.57 `snap run [options] NAME.APP [args]`: the snap's app (its command name) gets the words; --shell starts a shell reading its input.
    snap: {
      sub: ' run ',
      values: ' -r --timer --hook --command ',
      flags: ' --debug-log --trace-exec --gdb --experimental-gdbserver -h --help ',
      optional: ' --strace --gdbserver ',
      opaqueFlags: ' --shell ',
      opaqueFlagsWhy: 'starts a shell that reads commands from its input',
    },
    // GNU Guix 1.4 `guix shell [options] [package…] [-- cmd args]` (and `guix environment`): the command runs here (or in a container
    // sharing the cwd); --share and --expose give a container host paths; -f and -m read package definitions (the project's code, as a Makefile).
    guix: {
      sub: ' shell environment ',
      values: ' -e --expression -f --file -m --manifest -p --profile -E --preserve -S --symlink -r --root -s --system --target --substitute-urls --max-silent-time '
        + '--timeout -v --verbosity -c --cores -M --max-jobs -L --load-path --with-source --with-input --with-graft --with-branch --with-commit --with-git-url '
        + '--with-patch --with-latest --with-c-toolchain --with-debug-info --with-configure-flag --without-tests --tune --rounds --log-compression ',
      flags: ' --pure --check -C --container -N --network -P --link-profile -u --user --no-cwd -F --emulate-fhs -W --nesting --rebuild-cache --search-paths -K '
        + '--keep-failed -k --keep-going -n --dry-run --fallback --no-substitutes --no-grafts --no-offload --debug -q --development -D --ad-hoc --bootstrap '
        + '--allow-downgrades -h --help -V --version ',
      mounts: ' --share ',
      roMounts: ' --expose ',
      readMount: (value, readOnly) => readBinds(value.split('=')[0]!, readOnly),
      dashes: true,
      without: 'guix shell without a command starts a shell that reads commands from its input',
    },
    // nix 2.x `nix run INSTALLABLE [--] args`: the package's program gets the words (`nixpkgs#bash -- -c cmd` is bash's -c); see launch.ts.
    nix: {
      sub: ' run ',
      before: ' -v --verbose -L --print-build-logs --quiet --debug --offline --impure --refresh ',
      values: ' --profile --inputs-from -I --include --impure-env --expr --file -f --eval-store --store --reference-lock-file --output-lock-file --update-input '
        + '--extra-experimental-features --experimental-features --max-jobs -j --cores --log-format ',
      pairs: ' --option --arg --argstr --override-input --override-flake ',
      flags: ' -v --verbose -L --print-build-logs --quiet --debug --offline --impure --refresh --no-write-lock-file --recreate-lock-file --no-update-lock-file '
        + '--no-registries --commit-lock-file --accept-flake-config --keep-going -k --keep-failed -K --fallback --no-sandbox --sandbox -h --help ',
      installable: true,
    },
  };
}
