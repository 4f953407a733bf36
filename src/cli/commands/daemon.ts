// `nomos daemon start|stop|status`: the daemon that answers `check`, `exec` and `hook` calls without
// loading nomos for each (src/daemon/, docs/daemon.md).
import { existsSync, lstatSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../config/paths.js';
import { ConfigError, ExitCode, NomosError } from '../../errors.js';
import { send } from '../../daemon/client.js';
import { buildStamp, MAX_SOCKET_PATH, PROTOCOL, socketPath, type StatusReply } from '../../daemon/protocol.js';
import { daemonLogLine, serveDaemon } from '../../daemon/serve.js';
import { spawnDaemon } from '../../daemon/spawn.js';
import { parseDuration } from '../options.js';
import type { CliEnv } from '../context.js';

const distDir = () => join(packageRoot(), 'dist');
const STARTUP_WAIT_MS = 10_000;

interface Running extends StatusReply {
  socket: string;
}

/** The daemon answering on this user's socket, if any. */
async function running(socket: string): Promise<Running | undefined> {
  const reply = (await send(socket, { v: PROTOCOL, op: 'status' })) as StatusReply | undefined;
  return reply && typeof reply.pid === 'number' ? { ...reply, socket } : undefined;
}

function checkedSocket(env: NodeJS.ProcessEnv): string {
  const socket = socketPath(env);
  if (socket.length > MAX_SOCKET_PATH) {
    throw new ConfigError([{ file: socket, message: `the daemon's socket path is longer than ${MAX_SOCKET_PATH} bytes; set NOMOS_STATE_DIR to a shorter directory`, code: 'nomos.daemon.socket-path' }]);
  }
  return socket;
}

/** `nomos daemon start`: starts the daemon (detached, logging to the state directory) unless one of this build runs. */
export async function runDaemonStart(options: { idleTimeout: string; foreground?: boolean }, cli: CliEnv): Promise<number> {
  const idleTimeoutS = Math.max(1, Math.ceil(parseDuration(options.idleTimeout) / 1000));
  const socket = checkedSocket(cli.env);
  const build = buildStamp(distDir());
  const current = await running(socket);
  if (current && current.build === build && current.protocol === PROTOCOL) {
    cli.stdout(`nomos daemon: already running (pid ${current.pid}, socket ${socket})\n`);
    return ExitCode.ok;
  }
  if (current) await stopAndWait(socket); // another build's: this build's calls would not use it
  else removeStale(socket);
  if (options.foreground) {
    const code = await serveDaemon(distDir(), idleTimeoutS, cli.env, (line) => cli.stderr(daemonLogLine(line)));
    // Serving: the daemon exits the process when it stops.
    return code ?? new Promise<number>(() => undefined);
  }
  const { child, logFile } = spawnDaemon(distDir(), idleTimeoutS, cli.env);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const until = Date.now() + STARTUP_WAIT_MS;
  for (;;) {
    const up = await running(socket);
    if (up && up.build === build) {
      child.unref();
      cli.stdout(`nomos daemon: started (pid ${up.pid}, socket ${socket}; stops after ${options.idleTimeout} idle; log ${logFile})\n`);
      return ExitCode.ok;
    }
    if (exited !== undefined || Date.now() > until) {
      child.unref();
      throw new NomosError('nomos.daemon.start', `the daemon did not start${exited !== undefined ? ` (exit ${exited})` : ''}; see ${logFile}`, ExitCode.internal);
    }
    await sleep(50);
  }
}

/** `nomos daemon stop`: stops the daemon (nothing to do when none runs). */
export async function runDaemonStop(cli: CliEnv): Promise<number> {
  const socket = checkedSocket(cli.env);
  const current = await running(socket);
  if (!current) {
    removeStale(socket);
    cli.stdout('nomos daemon: not running\n');
    return ExitCode.ok;
  }
  await stopAndWait(socket);
  cli.stdout(`nomos daemon: stopped (pid ${current.pid}, ${current.calls} calls answered)\n`);
  return ExitCode.ok;
}

/** `nomos daemon status`: whether a daemon answers, and whether it is this build's (exit 0) or not (exit 1). */
export async function runDaemonStatus(options: { json?: boolean }, cli: CliEnv): Promise<number> {
  const socket = checkedSocket(cli.env);
  const current = await running(socket);
  const build = buildStamp(distDir());
  const serving = current !== undefined && current.build === build && current.protocol === PROTOCOL;
  if (options.json) {
    cli.stdout(`${JSON.stringify({ running: current !== undefined, serving, socket, ...(current ? { pid: current.pid, build: current.build, started: current.started, calls: current.calls, idle_timeout_s: current.idleTimeoutS, rss_mib: current.rssMiB } : {}) })}\n`);
  } else if (!current) {
    cli.stdout(`nomos daemon: not running (socket ${socket})\n`);
  } else {
    cli.stdout(`nomos daemon: running (pid ${current.pid}, socket ${socket}, since ${current.started}, ${current.calls} calls answered, ${current.rssMiB} MiB, stops after ${current.idleTimeoutS}s idle)${serving ? '' : '\n  it is another build of nomos: calls do not use it; run nomos daemon start to replace it'}\n`);
  }
  return serving ? ExitCode.ok : ExitCode.findings;
}

async function stopAndWait(socket: string): Promise<void> {
  await send(socket, { v: PROTOCOL, op: 'stop' });
  const until = Date.now() + STARTUP_WAIT_MS;
  while (existsSync(socket) && Date.now() < until) await sleep(20);
  removeStale(socket);
}

/** A socket no daemon answers on (one killed before it could remove it). */
function removeStale(socket: string): void {
  try {
    if (lstatSync(socket).isSocket()) unlinkSync(socket);
  } catch {
    // none
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
