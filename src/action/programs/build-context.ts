// What an image build takes from this machine and leaves on it. `docker build DIR` sends the whole of DIR to the
// daemon (docker 28 sent `~/.ssh/id_rsa` of `docker build ~` to it: the daemon may be another host, and a Dockerfile's
// `COPY . /x` puts it in the image), so the context is a read of everything below it, whatever `.dockerignore` says
// (nomos does not read it). The Dockerfile (`-f`) and ignore file are read; `-o`/`--output`, `--iidfile` and
// `--metadata-file` are written; podman's `-v` gives RUN a host path, as `podman run -v` does.
import { listed, readVolume, takesGlobalValue } from './containers.js';

/** One file or tree a build reads or writes, and the argv index its word came from. */
export interface BuildFile {
  op: 'read' | 'write';
  path: string;
  index: number;
  recursive?: boolean;
}

/**
 * Options of `docker build` (docker 28's legacy builder and buildx 0.2x), `podman build` / `buildah bud` (podman 5) and
 * `nerdctl build` that take the next word. Any other option is read as a flag, so a value it takes is read as a context
 * (a tree read): never less than the build reads.
 */
const VALUES = ' --add-host --build-arg --cache-from --cache-to --cache-ttl --cgroup-parent --cpu-period --cpu-quota -c --cpu-shares --cpuset-cpus '
  + '--cpuset-mems --isolation --label --layer-label -m --memory --memory-swap --network --platform --security-opt --shm-size -t --tag --target --ulimit '
  + '--allow --annotation --attest --builder --call --no-cache-filter --progress --provenance --sbom --secret --ssh --build-context --arch --os --variant '
  + '--cert-dir --creds --decryption-key --env --from --jobs --manifest --retry --retry-delay --runtime --runtime-flag --cap-add --cap-drop --cgroupns '
  + '--dns --dns-option --dns-search --format --hooks-dir --ipc --pid --userns --userns-uid-map --userns-gid-map --userns-uid-map-user '
  + '--userns-gid-map-group --uts --timestamp --unsetenv --unsetlabel --device --group-add --sign-by --os-feature --os-version --source-date-epoch --cw '
  + '--cpp-flag ';
/** Options whose value is a file the build reads, or writes (a tree for `-o`, `--output`: `type=local,dest=DIR` or a bare DIR). */
const READS = ' -f --file --ignorefile --authfile --build-arg-file ';
const WRITES = ' --iidfile --metadata-file --logfile --rusage-logfile ';
const OUTPUTS = ' -o --output ';
const VOLUMES = ' -v --volume ';

/** Where the build subcommand's own words start (`docker build`, `docker buildx build`, `docker image build`, `buildah bud`), or -1. */
function buildStart(argv: string[]): number {
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (word.startsWith('-')) {
      if (!word.includes('=') && takesGlobalValue(word)) i++;
      continue;
    }
    if (word === 'build' || word === 'bud') return i + 1;
    if (word !== 'buildx' && word !== 'image' && word !== 'builder') return -1;
  }
  return -1;
}

/** The files and trees an image build reads and writes, from its words (docker, podman, nerdctl, buildah). */
export function buildContextFiles(program: string, argv: string[]): BuildFile[] {
  if (program !== 'docker' && program !== 'podman' && program !== 'nerdctl' && program !== 'buildah') return [];
  const from = buildStart(argv);
  if (from < 0) return [];
  const out: BuildFile[] = [];
  for (let i = from; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      out.push(...argv.slice(i + 1).flatMap((w, k) => context(w, i + 1 + k)));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      out.push(...context(word, i));
      continue;
    }
    const eq = word.indexOf('=');
    const long = word.startsWith('--');
    const name = long && eq > 0 ? word.slice(0, eq) : long ? word : word.slice(0, 2);
    const named = [READS, WRITES, OUTPUTS, VOLUMES, VALUES].some((list) => listed(list, name));
    if (!named) continue;
    const attached = long ? (eq > 0 ? word.slice(eq + 1) : undefined) : word.length > 2 ? word.slice(2) : undefined;
    const at = attached !== undefined ? i : ++i;
    const value = attached ?? argv[at];
    if (value === undefined) break;
    if (listed(READS, name) && value !== '-') out.push({ op: 'read', path: value, index: at });
    else if (listed(WRITES, name)) out.push({ op: 'write', path: value, index: at });
    else if (listed(OUTPUTS, name)) out.push(...output(value, at));
    else if (listed(VOLUMES, name)) {
      const mount = readVolume(value);
      // The engine's socket (a string here) gives RUN the whole host: read and written, as the socket's directory.
      const path = typeof mount === 'string' ? value.split(':')[0]! : mount?.path;
      if (path !== undefined) out.push({ op: 'read', path, index: at, recursive: true }, ...(typeof mount === 'object' && mount.readOnly ? [] : [{ op: 'write' as const, path, index: at, recursive: true }]));
    }
  }
  return out;
}

/** A context word: a directory sent whole; `-` (a tar or Dockerfile on the input) and a URL (a remote repository or tarball) are no local files. */
function context(word: string, index: number): BuildFile[] {
  if (word === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^git@/.test(word) || /^github\.com\//.test(word)) return [];
  return [{ op: 'read', path: word, index, recursive: true }];
}

/** `-o DIR`, `-o type=local,dest=DIR` (a tree written), `-o type=tar,dest=F` (a file); an image or registry output writes nothing here. */
function output(value: string, index: number): BuildFile[] {
  if (value === '-') return [];
  if (!value.includes('=')) return [{ op: 'write', path: value, index, recursive: true }];
  const fields = new Map(value.split(',').map((f) => [f.slice(0, Math.max(0, f.indexOf('='))), f.slice(f.indexOf('=') + 1)]));
  const dest = fields.get('dest') ?? fields.get('output');
  if (dest === undefined || dest === '-') return [];
  return [{ op: 'write', path: dest, index, recursive: fields.get('type') !== 'tar' && fields.get('type') !== 'oci' && fields.get('type') !== 'docker' }];
}
