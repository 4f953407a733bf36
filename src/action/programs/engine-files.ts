// The files and hosts of container engines, sandboxes and launchers: the daemon an engine talks to, the host paths a
// container or sandbox is given, the files a scheduler writes, the hosts a cluster shell reaches.
import { httpAction } from '../http.js';
import { globWithin } from '../path.js';
import type { Action, ExecAction, FileAction } from '../types.js';
import { buildContextFiles } from './build-context.js';
import { buildFiles, containerCommand } from './containers.js';
import { engineConfigWrites, engineEndpoints, engineHostWords } from './engine-hosts.js';
import { fileAction as file, namedArguments, whole, type PathContext } from './file-action.js';
import { launchCommands } from './launch.js';

/** A container engine's command: the daemon or API server it talks to, its configuration writes, its mounts; its words stay named (`docker -H ssh://h cp ~/.ssh/id_rsa c:/k`). */
export function engineActions(action: ExecAction, ctx: PathContext): Action[] {
  const hosts = [...engineHosts(action, ctx), ...engineConfigWrites(action.program, action.argv, action.env, ctx.home).map((dir) => ({ ...file('write', dir, action, ctx), recursive: true }))];
  // The daemon's address is no file it names (`-H unix:///run/d.sock` is the socket's write above, not `./unix:/run/d.sock`).
  const addresses = engineHostWords(action.program, action.argv);
  const unnamed = addresses.length === 0 ? action : { ...action, argv: action.argv.map((w, i) => (addresses.includes(i) ? '' : w)) };
  const own = action.program === 'kubectl' ? [] : containerMounts(unnamed, ctx);
  return hosts.length === 0 && addresses.length === 0 ? own : [...hosts, ...(own.length > 0 ? own : namedArguments(unnamed, ctx))];
}

/** The daemons the engine's client talks to beyond the default socket (`docker -H ssh://host ps`: ssh to host), as network actions; a socket named, as its write. */
function engineHosts(action: ExecAction, ctx: PathContext): Action[] {
  const endpoints = engineEndpoints(action.program, action.argv, action.env, action.dynamicEnv ?? [], (i) => action.dynamic?.includes(i) ?? false);
  return endpoints.flatMap((e): Action[] => {
    const net = 'url' in e ? httpAction(e.method, e.url, [...action.via, action.program]) : undefined;
    if (net) return [net];
    return 'socket' in e ? [file('write', e.socket, action, ctx)] : [];
  });
}

/**
 * Host paths a container is given (`-v ~/.ssh:/k`, `--mount type=bind,…`): everything below each is read, and
 * written unless mounted read-only. The engine's own words are named as for any program (not the container's command).
 */
function containerMounts(action: ExecAction, ctx: PathContext): Action[] {
  const dynamic = (i: number) => action.dynamic?.includes(i) ?? false;
  // `docker build --secret id=k,src=~/.ssh/id_rsa .`: the build reads those files (and may put them in the image).
  const given = buildFiles(action.program, action.argv, dynamic);
  // `docker build ~` sends all of ~ to the daemon; `-f`, `-o` and the like are files it reads and writes (build-context.ts).
  const built = buildContextFiles(action.program, action.argv);
  if (given.length > 0 || built.length > 0) {
    const own = namedArguments(action, ctx);
    return [
      ...own,
      ...given.map(({ path, recursive, dynamic: unknown }): FileAction => ({ ...file('read', path, action, ctx), ...(recursive ? { recursive } : {}), ...(unknown ? { dynamic: true } : {}) })),
      ...built.map(({ op, path, recursive }) => whole(file(op, path, action, ctx), recursive === true)),
    ];
  }
  const started = containerCommand(action.program, action.argv, dynamic);
  if (!started || started.mounts.length === 0) return [];
  return [...namedArguments({ ...action, argv: action.argv.slice(0, started.index) }, ctx), ...mountActions(started.mounts, action, ctx)];
}

/**
 * Host paths given to a sandbox (`apptainer exec -B ~/.ssh:/k`, `systemd-nspawn -D tree`, `flatpak run --filesystem=home`) and the files a
 * scheduler writes or reads itself (`srun -o ~/.ssh/authorized_keys echo key`), besides its words named as for any program.
 */
export function launcherFiles(action: ExecAction, ctx: PathContext): Action[] {
  const launched = launchCommands(action.program, action.argv, (i) => action.dynamic?.includes(i) ?? false);
  const mounts = launched?.mounts ?? [];
  const files = (launched?.files ?? []).map(({ op, path, dynamic }): Action => {
    // `slurm-%j.out`, `%x-%3t.log`: filled in per job and task, so the names that pattern matches (`slurm-*.out`), where it lies.
    const pattern = path.replace(/%%|%\d*[A-Za-z]/g, (m) => (m === '%%' ? '%' : '*'));
    const glob = pattern !== path && !dynamic && globWithin(pattern, ctx) !== undefined;
    return { ...file(op, pattern, action, ctx), ...(dynamic || pattern !== path ? { dynamic: true } : {}), ...(glob ? { glob: true } : {}) };
  });
  // The hosts a cluster shell reaches (`pdsh -w h[1-2] cmd`), as `ssh host cmd` does.
  const hosts = (launched?.hosts ?? []).flatMap((url) => httpAction('SSH', url, [...action.via, action.program]) ?? []);
  if (mounts.length === 0 && files.length === 0 && hosts.length === 0) return [];
  // flatpak's `home` and xdg-* names are below ~ (a `~` the shell left, as in `--filesystem=~/x`).
  const home = mounts.map((m) => (/^~(?:\/|$)/.test(m.path) ? { ...m, path: `${ctx.home}${m.path.slice(1)}` } : m));
  return [...hosts, ...namedArguments(action, ctx), ...files, ...mountActions(home, action, ctx)];
}

/** Everything below each host path is read, and written unless it is given read-only. */
function mountActions(mounts: { path: string; readOnly: boolean }[], action: ExecAction, ctx: PathContext): Action[] {
  return [...mounts.flatMap(({ path, readOnly }) => [
    { ...file('read', path, action, ctx), recursive: true },
    ...(readOnly ? [] : [{ ...file('write', path, action, ctx), recursive: true }]),
  ])];
}
