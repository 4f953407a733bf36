// Container engines (docker, podman, nerdctl, compose) and kubectl: the command a container runs,
// and the host paths it is given. The image (or compose file, or pod) is code nomos does not see,
// as a Makefile is; what the agent wrote is decided: the command, the mounts, what reaches the host.

/** What `docker run …` (and the like) starts, read from its argv (program word at 0). */
export interface ContainerCommand {
  /** Provenance of the command (`docker run`, `kubectl exec`). */
  via: string;
  /** Index into argv of the command's first word; argv.length when the image's own runs. */
  index: number;
  /** `--entrypoint X`: the program that runs, with the command as its arguments. */
  entrypoint?: string;
  /** Host paths given to the container: read only, or written through. */
  mounts: { path: string; readOnly: boolean }[];
  /** Why the container reaches the host beyond its mounts, or cannot be read. */
  opaque?: string;
  /** The command gets this command's input (`-i`): the image's own command, often a shell, may read commands from it. */
  interactive?: boolean;
}

/** The engines' subcommands that start a command in a container (`create` stores it for `start`). */
const RUNS = new Set(['run', 'exec', 'create']);

// Options taking a value (docker 28 `docker run --help`, compose v2, podman 5's common ones). Any other long
// option without `=` is not read: it could take the next word and move the command (opaque, fail closed).
const VALUES = ' --add-host --annotation -a --attach --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile --cpu-count '
  + '--cpu-percent --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus --cpuset-cpus --cpuset-mems --detach-keys --device '
  + '--device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-search --domainname --entrypoint '
  + '-e --env --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval --health-start-period --health-timeout '
  + '-h --hostname --io-maxbandwidth --io-maxiops --ip --ip6 --ipc --isolation --kernel-memory -l --label --label-file --link --link-local-ip --log-driver --log-opt '
  + '--mac-address -m --memory --memory-reservation --memory-swap --memory-swappiness --mount --name --network --net --network-alias --oom-score-adj --pid --pids-limit '
  + '--platform -p --publish --pull --restart --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user '
  + '--userns --uts -v --volume --volume-driver --volumes-from -w --workdir --env-from-file --index --pod --secret --systemd --arch --os --variant --tz --uidmap '
  + '--gidmap --umask --timeout --pidfile --preserve-fds --requires --seccomp-policy --sdnotify --group-entry --passwd-entry --personality --pod-id-file --unsetenv '
  + '--cgroups --retry --retry-delay --decryption-key --env-merge --cgroup-conf ';
const FLAGS = ' -d --detach --disable-content-trust --help --init -i --interactive --no-healthcheck --oom-kill-disable -P --publish-all -q --quiet --read-only --rm '
  + '--sig-proxy -t --tty -T --no-TTY --no-deps --quiet-pull --remove-orphans --service-ports --use-aliases --build --quiet-build --dry-run --replace --env-host '
  + '--no-hosts --read-only-tmpfs --unsetenv-all --rmi --http-proxy ';
/** Options that give the container the host: its processes, devices, kernel privileges, the engine's API (so any other container). */
const HOST_OPTIONS = ' --privileged --cap-add --device --security-opt --use-api-socket --volumes-from --rootfs --pid=host --userns=host --cgroupns=host --ipc=host ';
/** Global options (before the subcommand) taking a value: docker, podman, nerdctl, compose, kubectl. */
const GLOBAL_VALUES = ' -H --host -c --context --config -l --log-level --tlscacert --tlscert --tlskey --connection --url --identity --root --runroot --storage-driver '
  + '--storage-opt --cgroup-manager --events-backend --hooks-dir --runtime --tmpdir --address -a --namespace -n --snapshotter --data-root --cni-path -f --file '
  + '-p --project-name --profile --env-file --project-directory --ansi --parallel --progress --kubeconfig --cluster --user -s --server --token --as --as-group ';

/** Whether `word` is one of the names in a list of names between spaces. */
export const listed = (list: string, word: string) => list.includes(` ${word} `);

/** Whether a global option of an engine (before its subcommand) takes the next word (`docker -H host build`). */
export const takesGlobalValue = (word: string) => listed(GLOBAL_VALUES, word);

/**
 * The host files a build is given besides its context: `--secret id=k,src=FILE` (the Dockerfile's
 * `RUN --mount=type=secret` reads it, and can copy it into the image), `--ssh id=KEY` and buildx's
 * `--build-context name=DIR` (a second context, read whole). Each with whether everything below it counts,
 * and whether its word is one nomos cannot know. `docker build`, `buildx build`, `image build`, podman's and nerdctl's.
 */
export function buildFiles(program: string, argv: string[], dynamic: (i: number) => boolean): { path: string; recursive?: boolean; dynamic?: boolean }[] {
  if (program !== 'docker' && program !== 'podman' && program !== 'nerdctl' && program !== 'buildah') return [];
  if (!argv.some((w, i) => i > 0 && (w === 'build' || w === 'bud'))) return [];
  const out: { path: string; recursive?: boolean; dynamic?: boolean }[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    const eq = word.indexOf('=');
    const name = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    if (name !== '--secret' && name !== '--ssh' && name !== '--build-context') continue;
    const at = eq > 0 && word.startsWith('--') ? i : ++i;
    const value = at === i && eq > 0 && word.startsWith('--') ? word.slice(eq + 1) : argv[at];
    if (value === undefined) break;
    const unknown = dynamic(at);
    if (name === '--secret') {
      // `id=k,src=FILE` (or source=); `env=NAME` reads a variable; a value nomos cannot know may name any file.
      const sources = value.split(',').flatMap((part) => /^(src|source)=(.+)$/.exec(part)?.[2] ?? []);
      out.push(...(unknown && sources.length === 0 ? [{ path: value, dynamic: true }] : sources.map((path) => ({ path, ...(unknown ? { dynamic: true } : {}) }))));
    } else {
      // `--ssh default` is the agent's socket; `--ssh id=KEY[,KEY]` reads the keys; `--build-context name=DIR` a tree.
      const keys = value.includes('=') ? value.slice(value.indexOf('=') + 1).split(',') : unknown ? [value] : [];
      const tree = name === '--build-context';
      out.push(...keys.filter((k) => !(tree && /^[a-z][a-z0-9+.-]*:\/\//i.test(k)) && !k.startsWith('docker-image://')).map((path) => ({ path, ...(tree ? { recursive: true } : {}), ...(unknown ? { dynamic: true } : {}) })));
    }
  }
  return out;
}

/** The command a container engine or kubectl starts, or undefined when the words start none. */
export function containerCommand(program: string, argv: string[], dynamic: (i: number) => boolean): ContainerCommand | undefined {
  const engine = program === 'docker' || program === 'podman' || program === 'nerdctl';
  const system = program === 'lxc' || program === 'incus' || program === 'multipass';
  if (!engine && !system && program !== 'docker-compose' && program !== 'podman-compose' && program !== 'kubectl') return undefined;
  let i = 1;
  let sub: string[] = [];
  let options = false;
  for (; i < argv.length; i++) {
    const word = argv[i]!;
    // kubectl's global flags (many take a value) go anywhere: its subcommand is the word that names one.
    if (program === 'kubectl' && word !== 'exec' && word !== 'run' && word !== 'debug' && word !== '--') continue;
    if (word.startsWith('-')) {
      options = true;
      if (!word.includes('=') && listed(GLOBAL_VALUES, word)) i++;
      continue;
    }
    sub.push(word);
    // `docker container run`, `docker compose run`: one more word names the subcommand.
    if (engine && sub.length === 1 && (word === 'container' || word === 'compose')) continue;
    break;
  }
  sub = program.endsWith('compose') ? ['compose', ...sub] : sub;
  const name = sub.at(-1) ?? '';
  const kube = program === 'kubectl';
  if (system) return name === 'exec' ? systemCommand(`${program} exec`, argv, i + 1) : undefined;
  if (!(kube ? name === 'exec' || name === 'run' || name === 'debug' : RUNS.has(name))) {
    // A global option nomos does not read (or cannot know) may have taken the subcommand's place: `podman --x y run img cmd`.
    return options && argv.slice(i).some((w) => RUNS.has(w)) ? { via: program, index: argv.length, mounts: [], opaque: `${program} has options before its subcommand that nomos does not read` } : undefined;
  }
  const via = `${program.endsWith('compose') ? program.replace('-compose', '') : program} ${sub.join(' ')}`;
  return kube ? kubeCommand(via, argv, i + 1) : engineCommand(via, argv, i + 1, dynamic);
}

/** `kubectl exec POD -- cmd…`, `kubectl run NAME --image=I -- cmd…`, `kubectl debug … -- cmd…`: the words after `--` (its flags go anywhere before). */
function kubeCommand(via: string, argv: string[], from: number): ContainerCommand {
  const dashes = argv.indexOf('--', from);
  const own = argv.slice(from, dashes < 0 ? undefined : dashes);
  const interactive = own.some((w) => /^-[a-zA-Z]*i[a-zA-Z]*$/.test(w) || w === '--stdin' || w === '--stdin=true');
  return { via, index: dashes < 0 ? argv.length : dashes + 1, mounts: [], ...(interactive ? { interactive } : {}) };
}

/** `lxc exec CT -- cmd…` (incus, multipass too): without `--`, the engine's own options and the command's mix: opaque. */
function systemCommand(via: string, argv: string[], from: number): ContainerCommand {
  const dashes = argv.indexOf('--', from);
  const named = argv.slice(from).filter((w) => !w.startsWith('-')).length;
  if (dashes < 0 && named > 1) return { via, index: argv.length, mounts: [], opaque: `${via} without \`--\` reads the command's options as its own` };
  return { via, index: dashes < 0 ? argv.length : dashes + 1, mounts: [] };
}

/** `docker run [options] IMAGE [cmd…]` and the like: options end at the image (or container, or service). */
function engineCommand(via: string, argv: string[], from: number, dynamic: (i: number) => boolean): ContainerCommand {
  const out: ContainerCommand = { via, index: argv.length, mounts: [] };
  const fail = (why: string) => ({ ...out, opaque: why });
  for (let i = from; i < argv.length; i++) {
    const word = argv[i]!;
    // A word nomos cannot know may be options (`docker run $opts img cmd`): where the command starts is unknown.
    if (dynamic(i)) return fail(`${via} has a word nomos cannot know among its options and image`);
    if (word === '--') return { ...out, index: i + 2 <= argv.length ? i + 2 : argv.length };
    if (!word.startsWith('-') || word === '-') return { ...out, index: i + 1 };
    const eq = word.indexOf('=');
    const long = word.startsWith('--');
    let name = long ? word.slice(0, eq < 0 ? undefined : eq) : word.slice(0, 2);
    let value: string | undefined = long ? (eq < 0 ? undefined : word.slice(eq + 1)) : word.slice(2) || undefined;
    let at = i;
    if (!long && value !== undefined && !listed(VALUES, name)) {
      // A cluster of flags (`-it`, `-dit`): each must be a flag, the last may take a value.
      const letters = word.slice(1);
      const k = [...letters].findIndex((c) => !listed(FLAGS, `-${c}`));
      if (letters.slice(0, k < 0 ? undefined : k).includes('i')) out.interactive = true;
      if (k < 0) continue;
      name = `-${letters[k]}`;
      value = letters.slice(k + 1) || undefined;
    }
    // `--security-opt no-new-privileges` only takes privileges away; any other may lift the confinement (`seccomp=unconfined`).
    const hardening = name === '--security-opt' && /^no-new-privileges(?:[:=]true)?$/.test(value ?? argv[i + 1] ?? '');
    if (!hardening && (listed(HOST_OPTIONS, name) || listed(HOST_OPTIONS, `${name}=${value ?? argv[i + 1]}`))) return fail(`${via} ${name} gives the container the host beyond its mounts`);
    if (listed(VALUES, name)) {
      if (value === undefined) value = argv[(at = ++i)];
      if (value === undefined) return out;
      if (dynamic(at) && (name === '-v' || name === '--volume' || name === '--mount' || name === '--entrypoint')) return fail(`${via} ${name} has a value nomos cannot know`);
      if (name === '--entrypoint') out.entrypoint = value;
      else if (name === '-v' || name === '--volume' || name === '--mount') {
        const mount = name === '--mount' ? readMount(value) : readVolume(value);
        if (typeof mount === 'string') return fail(`${via} ${name}: ${mount}`);
        if (mount) out.mounts.push(mount);
      }
    } else if (name === '-i' || name === '--interactive') {
      if (value !== 'false') out.interactive = true;
    } else if (!listed(FLAGS, name)) {
      if (long && eq >= 0) continue;
      return fail(`${via} ${name} is an option nomos does not know, which may take the next word`);
    }
  }
  return out;
}

/** `-v SRC:DST[:OPTS]`: a host path when SRC is one (`/`, `.`, `~`), else a named volume; `ro` (or podman's overlay `O`) keeps the host side unwritten. */
export function readVolume(value: string): { path: string; readOnly: boolean } | string | undefined {
  const parts = value.split(':');
  if (parts.length < 2 || !/^[/.~]/.test(parts[0]!)) return undefined;
  return withSocket({ path: parts[0]!, readOnly: (parts[2] ?? '').split(',').some((o) => o === 'ro' || o === 'readonly' || o === 'O') });
}

/** `--mount type=bind,source=SRC,target=DST[,readonly]`: a host path for a bind mount. */
function readMount(value: string): { path: string; readOnly: boolean } | string | undefined {
  if (/["']/.test(value)) return 'a mount written with quotes, which the engine reads as CSV';
  const fields = new Map(value.split(',').map((f) => [f.slice(0, f.indexOf('=') < 0 ? undefined : f.indexOf('=')).toLowerCase(), f.includes('=') ? f.slice(f.indexOf('=') + 1) : 'true']));
  const source = fields.get('source') ?? fields.get('src');
  if (fields.get('type') !== 'bind' || source === undefined) return fields.get('type') === 'bind' ? 'a bind mount without a source' : undefined;
  const ro = fields.get('readonly') ?? fields.get('ro');
  return withSocket({ path: source, readOnly: ro !== undefined && ro !== 'false' && ro !== '0' });
}

/** The engine's own socket given to a container lets it start any other container, with the whole host. */
function withSocket(mount: { path: string; readOnly: boolean }): { path: string; readOnly: boolean } | string {
  return /(?:docker|podman|containerd|nerdctl)\.sock$/.test(mount.path) ? 'the engine\'s socket lets the container start others with the whole host' : mount;
}

/** Programs that read a kubeconfig, whose `users[].exec` is a credential plugin they run on this machine. */
const KUBE_CLIENTS = new Set(['kubectl', 'helm', 'k9s', 'kubectx', 'kubens', 'kustomize', 'stern', 'kubecolor']);

/**
 * Why a kubeconfig the command names may run a program nomos does not see (`kubectl --kubeconfig ./k.yaml get pods`
 * and `KUBECONFIG=./k.yaml kubectl …` ran the file's credential plugin): one outside `~/.kube`, or one nomos cannot know.
 */
export function kubeconfigRisk(program: string, argv: string[], env: Record<string, string>, dynamicEnv: string[], home: string): string | undefined {
  if (!KUBE_CLIENTS.has(program)) return undefined;
  const own = (path: string) => path.startsWith(`${home}/.kube/`) && !path.includes('/../') && !/[:$`]/.test(path);
  const options = argv.flatMap((w, i) => (w === '--kubeconfig' ? [argv[i + 1] ?? ''] : w.startsWith('--kubeconfig=') ? [w.slice(13)] : []));
  const paths = [...options, ...(Object.hasOwn(env, 'KUBECONFIG') ? (dynamicEnv.includes('KUBECONFIG') ? ['$'] : env.KUBECONFIG!.split(':')) : [])];
  return paths.some((p) => !own(p)) ? `${program} runs the credential plugin (users[].exec) a kubeconfig outside ~/.kube names` : undefined;
}
