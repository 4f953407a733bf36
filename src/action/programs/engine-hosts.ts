// Where a container engine's client sends its API calls, and what its configuration runs on this machine.
// docker reads its daemon from `-H`/`--host` or `DOCKER_HOST` (docker 28: an `ssh://` one makes it run
// `ssh -- HOST docker system dial-stdio`, a `tcp://` one opens a connection), or from a context (`-c`/`--context`,
// `DOCKER_CONTEXT`) whose endpoint is kept in the config directory; that directory (`--config`, `DOCKER_CONFIG`)
// also holds the CLI plugins docker runs for a subcommand of their name and the credential helper it runs for
// a registry (`credsStore`). podman reads `--url`/`CONTAINER_HOST` and named connections (`--connection`, `--remote`).
import { table } from '../table.js';
import { takesGlobalValue } from './containers.js';

/**
 * Where the engine's calls go: a host nomos can name (method and URL of a network action), a local socket (talking to it
 * writes to it: docker 28 sent `HEAD /_ping` into `-H unix:///tmp/d.sock`), or why it cannot know.
 */
export type EngineEndpoint = { method: string; url: string } | { socket: string } | { opaque: string };

interface EngineSpec {
  /** Options and variables naming the daemon's address. */
  hosts: string[];
  hostVariables: string[];
  /** Options, flags and variables picking a stored context or connection (its address is in a file nomos does not read). */
  contexts: string[];
  contextFlags: string[];
  contextVariables: string[];
  /** Options and variables naming the configuration directory (plugins, credential helpers, contexts). */
  configs: string[];
  configVariables: string[];
  /** Its global options go anywhere among its words (kubectl), not only before the subcommand. */
  anywhere?: boolean;
}

const DOCKER: EngineSpec = {
  hosts: ['-H', '--host'], hostVariables: ['DOCKER_HOST'], contexts: ['-c', '--context'], contextFlags: [], contextVariables: ['DOCKER_CONTEXT'],
  configs: ['--config'], configVariables: ['DOCKER_CONFIG'],
};
const ENGINES = table<string, EngineSpec>({
  docker: DOCKER, 'docker-compose': DOCKER,
  // podman 5 (podman(1)): --url (CONTAINER_HOST), --connection (CONTAINER_CONNECTION), --remote uses the default connection.
  podman: {
    hosts: ['--url', '-H', '--host'], hostVariables: ['CONTAINER_HOST'], contexts: ['-c', '--connection'], contextFlags: ['-r', '--remote'],
    contextVariables: ['CONTAINER_CONNECTION'], configs: [], configVariables: [],
  },
  // kubectl's `-s`/`--server` sends the current context's credentials to that API server (its kubeconfig: kubeconfigRisk).
  kubectl: { hosts: ['-s', '--server'], hostVariables: [], contexts: [], contextFlags: [], contextVariables: [], configs: [], configVariables: [], anywhere: true },
});

/** The values of an engine's global options (before its subcommand) named in `names`, with whether each is known and its word. */
function globalValues(argv: string[], names: string[], dynamic: (i: number) => boolean, anywhere = false): { value: string; dynamic: boolean; index: number }[] {
  const out: { value: string; dynamic: boolean; index: number }[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--' || (!word.startsWith('-') && !anywhere)) break;
    const eq = word.indexOf('=');
    const name = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    const attached = !word.startsWith('--') && word.length > 2 && names.includes(word.slice(0, 2));
    if (attached) out.push({ value: word.slice(2), dynamic: dynamic(i), index: i });
    else if (names.includes(name)) {
      if (eq > 0 && word.startsWith('--')) out.push({ value: word.slice(eq + 1), dynamic: dynamic(i), index: i });
      else if (i + 1 < argv.length) out.push({ value: argv[++i]!, dynamic: dynamic(i), index: i });
    }
  }
  return out;
}

/**
 * The daemons a container engine's command talks to, beyond the local socket: each a network action's method and URL
 * (`ssh://host` as ssh is, `tcp://host:port` as nc is), or why nomos cannot know where they are or what the client runs.
 */
export function engineEndpoints(program: string, argv: string[], env: Record<string, string>, dynamicEnv: string[], dynamic: (i: number) => boolean): EngineEndpoint[] {
  const spec = ENGINES[program];
  if (!spec) return [];
  const variables = (names: string[]) => names.filter((n) => Object.hasOwn(env, n) || dynamicEnv.includes(n)).map((n) => ({ name: n, value: env[n] ?? '', dynamic: dynamicEnv.includes(n), index: -1 }));
  const out: EngineEndpoint[] = [];
  const configs = [...globalValues(argv, spec.configs, dynamic), ...variables(spec.configVariables)];
  if (configs.length > 0) out.push({ opaque: `${program}'s configuration directory (--config, DOCKER_CONFIG) holds the plugins and credential helpers it runs, and the contexts it connects to` });
  const contexts = [...globalValues(argv, spec.contexts, dynamic), ...variables(spec.contextVariables)].filter((c) => c.dynamic || c.value !== 'default');
  const remote = argv.slice(1).find((w, i) => spec.contextFlags.includes(w) && argv.slice(1, i + 1).every((x) => x.startsWith('-')));
  if (contexts.length > 0 || remote) out.push({ opaque: `${program} talks to the daemon a stored context or connection names, which nomos does not read` });
  for (const host of [...globalValues(argv, spec.hosts, dynamic, spec.anywhere), ...variables(spec.hostVariables)]) {
    if (host.dynamic) out.push({ opaque: `${program}'s daemon address is a value nomos cannot know` });
    else out.push(...hostEndpoint(program, host.value));
  }
  return out;
}

/** The words of an engine's command that name its daemon (`-H URL`, `--url=URL`): an address, not a file it names. */
export function engineHostWords(program: string, argv: string[]): number[] {
  const spec = ENGINES[program];
  return spec ? globalValues(argv, spec.hosts, () => false, spec.anywhere).map((h) => h.index) : [];
}

/** One daemon address: `ssh://[user@]host[:port]`, `tcp://host:port` (also without a scheme), or a local socket. */
function hostEndpoint(program: string, value: string): EngineEndpoint[] {
  // docker reads a comma-free single address; an empty one is the default socket.
  if (value === '' || /^(?:npipe|fd):\/\//i.test(value)) return [];
  if (/^unix:\/\//i.test(value)) return [{ socket: value.slice(7) }];
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'ssh') return [{ method: 'SSH', url: value }];
  if (scheme === undefined || scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const rest = scheme === undefined ? value : value.slice(scheme.length + 3);
    // `-H :2375` is this machine's port.
    const address = rest.startsWith(':') ? `localhost${rest}` : rest;
    return [{ method: 'CONNECT', url: `tcp://${address}` }];
  }
  return [{ opaque: `${program}'s daemon address ${JSON.stringify(value)} is one nomos does not read` }];
}

/**
 * The configuration an engine's command changes for every later one, as a directory written whole: `docker context create|use|…`
 * and `docker login|logout` write `~/.docker` (or DOCKER_CONFIG; docker 28's `context use` made plain `docker ps` run
 * `ssh evil docker system dial-stdio`), `podman system connection add|default|…` writes `~/.config/containers`.
 */
export function engineConfigWrites(program: string, argv: string[], env: Record<string, string>, home: string): string[] {
  if (program !== 'docker' && program !== 'podman') return [];
  const words: string[] = [];
  for (let i = 1; i < argv.length && words.length < 3; i++) {
    if (argv[i]!.startsWith('-')) {
      if (!argv[i]!.includes('=') && takesGlobalValue(argv[i]!) && words.length === 0) i++;
      continue;
    }
    words.push(argv[i]!);
  }
  const [sub, action, more] = words;
  if (program === 'docker') {
    const changes = sub === 'login' || sub === 'logout' || (sub === 'context' && action !== undefined && !['ls', 'list', 'inspect', 'show', 'export'].includes(action));
    return changes ? [env.DOCKER_CONFIG || `${home}/.docker`] : [];
  }
  const connection = sub === 'system' && action === 'connection' && more !== undefined && !['ls', 'list'].includes(more);
  return connection || sub === 'login' || sub === 'logout' ? [`${env.XDG_CONFIG_HOME || `${home}/.config`}/containers`] : [];
}
