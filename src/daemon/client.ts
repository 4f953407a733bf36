// The daemon's client (built to dist/client.cjs): bin/nomos.js gives it a `check`, `hook` or
// `exec` call first. When a daemon of this build runs for this user (`nomos daemon start`), the
// client sends it the call and prints its answer; otherwise it returns at once and the call
// is decided in this process, as without a daemon (with NOMOS_DAEMON=auto, after starting one
// for the calls that follow). See docs/daemon.md.
import { lstatSync } from 'node:fs';
import { dirname } from 'node:path';
import { hotArgs } from '../cli/hot/args.js';
import { readStdin } from '../cli/hook-input.js';
import { fdWriter } from '../cli/process-io.js';
import { ExitCode } from '../errors.js';
import { runCommand, type RunOptions, type RunOutcome, type RunTarget } from '../execute/run.js';
import { buildStamp, MAX_SOCKET_PATH, parseMessage, PROTOCOL, socketPath, type CallReply, type Request } from './protocol.js';
import { connectSocket } from './pipe.js';
import type { RunReport } from './remote-exec.js';
import { AUTO_IDLE_TIMEOUT_S, spawnDaemon } from './spawn.js';

/** The daemon's exit code for the call, or (no daemon, or it could not answer) the hook input already read. */
export type ClientResult = { code: number } | { stdin?: string };

/** What talk() gives when the daemon said nothing for the whole wait (a stopped or stuck daemon). */
const SILENT = Symbol('silent');

/**
 * How long the daemon may stay silent while it has the turn (NOMOS_DAEMON_TIMEOUT, seconds):
 * long enough for a call queued behind others that wait on the session and audit locks
 * (10 s each at most), short enough that a stopped or stuck daemon does not hang the agent.
 */
export function daemonTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.NOMOS_DAEMON_TIMEOUT);
  return env.NOMOS_DAEMON_TIMEOUT !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

/**
 * Sends a `check`, `hook` or `exec` call to the daemon, when one of this build is running.
 * An exec's command runs here, when the daemon says so; once it has run, the call is never
 * decided again (it would run twice): a daemon gone by then leaves the command's exit code.
 */
export async function viaDaemon(argv: readonly string[], distDir: string): Promise<ClientResult> {
  const env = process.env;
  if (env.NOMOS_DAEMON === 'off') return {};
  const call = hotArgs(argv);
  if (!call) return {};
  const path = socketPath(env);
  const auto = env.NOMOS_DAEMON === 'auto';
  if (!trusted(path)) {
    if (auto && absent(path)) startDaemon(distDir);
    return {};
  }
  const stdin = call.command === 'hook' ? await readStdin() : undefined;
  // Set once the daemon has said to run the command (it has recorded the decision by then).
  let ran: { exitCode: number } | undefined;
  const run = async (message: unknown): Promise<RunReport> => {
    const { target, ...options } = (message as { run: RunOptions & { target: RunTarget } }).run;
    try {
      ran = await runCommand(target, options);
      return { outcome: ran as RunOutcome };
    } catch (error) {
      // Could not start (127 not found, 126 not executable): the daemon records and reports it.
      const exitCode = (error as { exitCode?: number }).exitCode;
      ran = { exitCode: exitCode ?? ExitCode.internal };
      return { error: { message: (error as Error).message, ...(exitCode !== undefined ? { exitCode } : {}) } };
    }
  };
  const timeoutMs = daemonTimeoutMs(env);
  const reply = await talk(path, {
    v: PROTOCOL, op: 'call', build: buildStamp(distDir), argv: [...argv], cwd: process.cwd(), env: { ...env },
    pid: process.pid, ppid: process.ppid, umask: process.umask(), ...(stdin !== undefined ? { stdin } : {}),
  }, timeoutMs, call.command === 'exec' ? run : undefined);
  if (reply === SILENT) {
    // Not restarted: a stopped (SIGSTOP) or stuck daemon still holds its socket; `nomos daemon stop` or a kill frees it.
    write(2, `nomos: the daemon (${path}) did not answer within ${timeoutMs / 1000} s; ${ran ? 'the command ran, and how it ended is not recorded' : 'deciding here'}\n`);
    return ran ? { code: ran.exitCode } : stdin !== undefined ? { stdin } : {};
  }
  if (!isAnswer(reply)) {
    // NOMOS_DAEMON=auto: a daemon gone (its socket left behind) or of another build is replaced.
    const other = /^(build|protocol) /.test(String((reply as { fallback?: unknown } | undefined)?.fallback));
    if (auto && !ran && (reply === undefined || other)) {
      if (other) await send(path, { v: PROTOCOL, op: 'stop' });
      startDaemon(distDir);
    }
    if (!ran) return stdin !== undefined ? { stdin } : {};
    write(2, 'nomos: the daemon stopped before it recorded how the command ended\n');
    return { code: ran.exitCode };
  }
  write(1, reply.stdout);
  write(2, reply.stderr);
  return { code: reply.code };
}

/** No socket at all (not one that is there but not to be trusted). */
function absent(path: string): boolean {
  if (path.length > MAX_SOCKET_PATH) return false;
  try {
    lstatSync(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Starts a daemon for the calls after this one (NOMOS_DAEMON=auto); this call is decided here meanwhile. */
function startDaemon(distDir: string): void {
  try {
    spawnDaemon(distDir, AUTO_IDLE_TIMEOUT_S, process.env).child.unref();
  } catch {
    // a state directory it cannot use: the call is decided here, as without a daemon
  }
}

/** Prints the daemon's output; a descriptor that fails is not a reason to decide (and maybe run) the call again. */
function write(fd: 1 | 2, text: string): void {
  try {
    fdWriter(fd, () => (fd === 1 ? process.stdout : process.stderr))(text);
  } catch {
    // the caller's output is gone: the exit code still tells
  }
}

/**
 * A socket only this user could have made: in a directory of this user's that no one else
 * can write, and owned by this user. Anything else (no daemon, another user's file) is not asked.
 */
function trusted(path: string): boolean {
  if (path.length > MAX_SOCKET_PATH) return false;
  try {
    const uid = process.getuid?.();
    const dir = lstatSync(dirname(path));
    const socket = lstatSync(path);
    return dir.isDirectory() && (dir.mode & 0o022) === 0 && socket.isSocket() && (uid === undefined || (dir.uid === uid && socket.uid === uid));
  } catch {
    return false;
  }
}

/** One request, one reply (undefined when the daemon is gone, refused, or said nothing whole). */
export async function send(path: string, request: Request, timeoutMs = daemonTimeoutMs(process.env)): Promise<unknown> {
  const reply = await talk(path, request, timeoutMs);
  return reply === SILENT ? undefined : reply;
}

/**
 * A request, then lines until the daemon ends: each line but the last is a message that
 * `onMessage` answers (an exec's command to run); the last is the reply. SILENT when the
 * daemon, having the turn, says nothing for `timeoutMs` (the wait pauses while a command runs here).
 */
function talk(path: string, request: Request, timeoutMs: number, onMessage?: (message: unknown) => Promise<unknown>): Promise<unknown> {
  return new Promise((resolve) => {
    let data = '';
    let busy = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const wait = () => {
      clearTimeout(timer);
      if (settled) return;
      timer = setTimeout(() => {
        settled = true;
        socket.destroy();
        resolve(SILENT);
      }, timeoutMs);
    };
    const settle = (value: () => unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void busy.then(() => resolve(value()));
    };
    const socket = connectSocket(path, {
      data(chunk) {
        data += chunk;
        wait();
        for (let at = data.indexOf('\n'); at >= 0 && onMessage; at = data.indexOf('\n')) {
          const line = data.slice(0, at);
          const message = parseMessage(line);
          if (!message || !('run' in message)) break; // the reply: read at the end
          data = data.slice(at + 1);
          clearTimeout(timer); // the command runs as long as it runs; the daemon has the turn again after the report
          busy = busy.then(async () => {
            socket.write(`${JSON.stringify(await onMessage(message))}\n`);
            wait();
          });
        }
      },
      // A command being run is waited for either way: its outcome is what the caller gets then.
      error: () => settle(() => undefined),
      end: () => settle(() => parseMessage(data.trimEnd())),
    });
    wait();
    const line = `${JSON.stringify(request)}\n`;
    if (onMessage) socket.write(line);
    else socket.end(line);
  });
}

function isAnswer(reply: unknown): reply is Extract<CallReply, { code: number }> {
  const r = reply as Record<string, unknown> | undefined;
  return typeof r === 'object' && r !== null && Number.isInteger(r.code) && typeof r.stdout === 'string' && typeof r.stderr === 'string';
}
