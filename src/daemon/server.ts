// The daemon: a process that keeps the hot bundle loaded and answers `check`, `exec` and
// `hook` calls for clients of the same build and user, so a call costs a socket round trip
// instead of loading nomos. Each call runs with the client's environment, working directory,
// umask and process identity, one call at a time, as a call in a process of its own would:
// what the bundle keeps between calls is pinned by test/daemon/module-state.test.ts. See docs/daemon.md.
import { statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { bundleScript, runBundle } from '../cli/hot/launch.js';
import { net } from '../builtins.js';
import type { RunReport } from './remote-exec.js';
import type { CliEnv } from '../cli/context.js';
import { buildStamp, parseMessage, PROTOCOL, type CallReply, type CallRequest, type Request, type StatusReply } from './protocol.js';

/** What dist/hot.cjs offers the daemon. */
type HotModule = typeof import('../cli/hot/entry.js');

export interface DaemonOptions {
  distDir: string;
  socket: string;
  idleTimeoutS: number;
  log: (line: string) => void;
}

const readline = (): typeof import('node:readline') => process.getBuiltinModule('node:readline');

/** How often the daemon checks that its socket is still its own. */
const SOCKET_CHECK_MS = 2000;

/** A request line may carry a hook's input (up to 64 MiB) and the environment. */
const MAX_REQUEST_BYTES = 80 * 1024 * 1024;

/** Listens on the socket; resolves once it accepts calls, with a function that stops the daemon. */
export function startDaemon(options: DaemonOptions): Promise<{ stop: () => void }> {
  const file = join(options.distDir, 'hot.cjs');
  const script = bundleScript(file);
  let loaded: HotModule | undefined;
  /** The bundle, run once: its module state is what a process keeps between calls (test/daemon/module-state.test.ts). */
  const hot = (): HotModule => (loaded ??= runBundle<HotModule>(script, file, options.distDir));
  const build = buildStamp(options.distDir);
  const started = new Date().toISOString();
  let calls = 0;
  let idle: NodeJS.Timeout | undefined;
  let socketIno: number | undefined;
  let stopping = false;
  let inflight = 0;
  /** After a call: wait for the next one, or, when stopping and none is left, exit. */
  const settled = () => {
    clearTimeout(idle);
    if (inflight > 0) return;
    if (stopping) setImmediate(() => process.exit(0));
    else idle = setTimeout(stop, options.idleTimeoutS * 1000);
  };
  // One call holds the process at a time (it sets the environment, directory and umask), but
  // not while its command runs in the client: `nomos exec -- npm test` must not stall the rest.
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const before = tail;
    tail = before.then(() => held);
    return before.then(() => release);
  };

  const server = net().createServer({ allowHalfOpen: true }, (socket) => {
    let size = 0;
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) socket.destroy();
    });
    const lines = readline().createInterface({ input: socket, crlfDelay: Infinity })[Symbol.asyncIterator]();
    const nextLine = async (): Promise<string | undefined> => {
      const next = await lines.next();
      return next.done ? undefined : (next.value as string);
    };
    /** Sends the reply and ends; resolves once it is out (or the client is gone). */
    const reply = (body: unknown) => new Promise<void>((resolve) => {
      if (!socket.writable) return resolve();
      socket.once('close', () => resolve());
      socket.end(`${JSON.stringify(body)}\n`, () => resolve());
    });
    void nextLine().then(async (line) => {
      const request = parseMessage<Request>(line);
      if (!request) return reply({ fallback: 'malformed request' });
      if (request.v !== PROTOCOL) return reply({ fallback: `protocol ${request.v}, daemon speaks ${PROTOCOL}` });
      if (request.op === 'status') return reply(status());
      if (request.op === 'stop') return reply({ stopping: true }).then(stop);
      const send = (body: unknown) => socket.write(`${JSON.stringify(body)}\n`);
      // In flight until its reply is out (or the client is gone): the daemon neither idles out nor exits meanwhile.
      inflight++;
      clearTimeout(idle);
      const body = await answer(request as CallRequest, { send, nextLine }).catch((error: unknown) => {
        options.log(`call failed: ${error instanceof Error ? error.stack : String(error)}`);
        return { fallback: 'the daemon failed' };
      });
      await reply(body);
      inflight--;
      settled();
    }, () => socket.destroy());
  });

  const status = (): StatusReply => ({ pid: process.pid, build, protocol: PROTOCOL, started, calls, idleTimeoutS: options.idleTimeoutS, rssMiB: Math.round(process.memoryUsage.rss() / 2 ** 20) });

  async function answer(request: CallRequest, client: { send: (body: unknown) => void; nextLine: () => Promise<string | undefined> }): Promise<CallReply> {
    if (stopping) return { fallback: 'the daemon is stopping' };
    if (request.build !== build) return { fallback: `build ${request.build}, daemon is ${build}` };
    let release = await acquire();
    try {
      const { hotArgs, runHot, remoteExec, setCaller } = hot();
      const call = hotArgs(request.argv);
      if (!call) return { fallback: 'not a call the daemon answers' };
      if (call.command === 'hook' && request.stdin === undefined) return { fallback: 'a hook call without its input' };
      if (!enter(request)) return { fallback: `cannot enter ${request.cwd}` };
      let stdout = '';
      let stderr = '';
      const cli: CliEnv = { cwd: request.cwd, env: process.env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
      let handedBack = false;
      let ran = false;
      // exec: the command runs in the client; meanwhile other calls may have the process.
      const caller = { pid: request.pid, ppid: request.ppid, daemon: process.pid };
      const remote = remoteExec(async (target, runOptions) => {
        ran = true;
        release();
        client.send({ run: { target, ...runOptions } });
        const report = parseMessage<RunReport>(await client.nextLine());
        release = await acquire();
        if (!enter(request)) throw new Error(`cannot enter ${request.cwd} again`);
        setCaller(caller);
        if (!report) throw new Error('the client went away before it said how its command ended (it may not have run)');
        return report;
      }, () => (handedBack = true));
      calls++;
      const code = await runHot(call, cli, request.stdin, caller, remote);
      // Asking a human happens before anything is recorded: the client decides the call itself.
      if (handedBack && !ran) return { fallback: 'the call needs a human' };
      return { code, stdout, stderr };
    } finally {
      release();
    }
  }

  function stop(): void {
    if (stopping) return;
    stopping = true;
    clearTimeout(idle);
    server.close();
    // Only our own socket: a daemon started after this one may have taken the path.
    try {
      if (statSync(options.socket).ino === socketIno) unlinkSync(options.socket);
    } catch {
      // gone already
    }
    options.log(`stopped after ${calls} calls${inflight ? `; exits when the ${inflight} in flight have ended` : ''}`);
    // New calls no longer reach it; one in flight (an exec's command still running) ends first.
    // Then it exits: a call's leftovers (timers, handles) must not keep it alive.
    settled();
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.socket, () => {
      socketIno = statSync(options.socket).ino;
      settled();
      // A socket removed or replaced (its state directory deleted, another daemon started):
      // no call can reach this one any more, so it stops instead of idling on.
      setInterval(() => {
        let ino: number | undefined;
        try {
          ino = statSync(options.socket).ino;
        } catch {
          // gone
        }
        if (ino !== socketIno) {
          options.log('its socket is gone or another daemon\'s');
          stop();
        }
      }, SOCKET_CHECK_MS).unref();
      options.log(`listening on ${options.socket} (pid ${process.pid}, build ${build})`);
      resolve({ stop });
    });
  });
}

/** Takes on the call's working directory, environment and umask (false: the directory is gone). */
function enter(request: CallRequest): boolean {
  try {
    process.chdir(request.cwd);
  } catch {
    return false;
  }
  setEnv(request.env);
  process.umask(request.umask);
  return true;
}

/** Makes the process's environment the client's: in place, so native code (getenv) sees it too. */
function setEnv(env: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in env) || env[key] === undefined) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined && process.env[key] !== value) process.env[key] = value;
}
