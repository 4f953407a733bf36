import { monotonicMs, os } from '../builtins.js';
import { ExitCode, SpawnError } from '../errors.js';
import { startChild, type Child } from './child.js';
import { directCommand } from './direct.js';

/** What to run: a shell string through `bash -c`, or an argv directly. */
export type RunTarget = { kind: 'shell'; command: string } | { kind: 'argv'; argv: string[] };

/** How a child ended. */
export interface RunOutcome {
  exitCode: number;
  signal?: string;
  timedOut?: boolean;
  durationMs: number;
  /** What a file or HTTP action did (status, bytes …), recorded in the audit outcome; never content. */
  detail?: Record<string, unknown>;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Kill the child after this many milliseconds. */
  timeoutMs?: number;
}

/** Signals passed on to the running command. */
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** After a timeout's SIGTERM, how long a command may take to end before it is killed outright. */
const FORCE_KILL_AFTER_MS = 5000;

/**
 * Runs an approved command with inherited stdio and returns how it ended: a shell string
 * through `bash -c`, or without bash where bash would only exec one program (./direct.ts). SIGINT,
 * SIGTERM and SIGHUP sent to nomos are passed to the child, so `nomos exec` can be stopped like
 * the command itself. A missing program is exit 127, as a shell reports it.
 *
 * Not execa: with inherited stdio there is nothing for execa to pipe or capture, and loading
 * it costs ~30 ms, more than Node's whole start-up, on every command an agent runs (`npm run
 * bench`); not even child_process where its binding can be had (./child.ts). Output-capturing
 * runners (src/integrations) use execa.
 */
export function runCommand(target: RunTarget, options: RunOptions): Promise<RunOutcome> {
  const direct = target.kind === 'shell' ? directCommand(target.command, options.cwd, options.env) : undefined;
  const [file, argv, env] = direct ? [direct.file, direct.argv, direct.env]
    // `--`: a command string that starts with `-` is a command, not more options for bash.
    : target.kind === 'shell' ? ['bash', ['bash', '-c', '--', target.command], options.env] : [target.argv[0]!, target.argv, options.env];
  const started = monotonicMs();
  return new Promise((resolve, reject) => {
    let child: Child | undefined;
    const early: NodeJS.Signals[] = [];
    const forward = (signal: NodeJS.Signals) => (child?.pid !== undefined ? child.kill(signal) : early.push(signal));
    const timers: NodeJS.Timeout[] = [];
    let timedOut = false;
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      for (const signal of FORWARDED) process.off(signal, forward);
      for (const timer of timers) clearTimeout(timer);
      finish();
    };
    // Listen before spawning: a signal sent to nomos as the child starts reaches the child.
    for (const signal of FORWARDED) process.on(signal, forward);
    try {
      child = startChild(file, argv, { cwd: options.cwd, env }, {
        error: (error) => settle(() => reject(spawnError(argv[0]!, error))),
        exit: (code, signal) => settle(() => {
          const durationMs = Math.round(monotonicMs() - started);
          if (timedOut) resolve({ exitCode: 124, signal: signal ?? undefined, timedOut: true, durationMs });
          else if (signal) resolve({ exitCode: 128 + (os().constants.signals[signal] ?? 0), signal, durationMs });
          else resolve({ exitCode: code ?? ExitCode.internal, durationMs });
        }),
      });
    } catch (error) {
      settle(() => reject(error));
      return;
    }
    if (child.pid !== undefined) for (const signal of early) child.kill(signal);
    if (options.timeoutMs) {
      timers.push(setTimeout(() => {
        timedOut = true;
        child!.kill('SIGTERM');
        timers.push(setTimeout(() => child!.kill('SIGKILL'), FORCE_KILL_AFTER_MS).unref());
      }, options.timeoutMs));
    }
  });
}

/** Why exec refused a program that is there, as bash words it (bash exits 126 for each). */
const NOT_EXECUTABLE: Record<string, string> = {
  EACCES: 'permission denied', EISDIR: 'permission denied', EPERM: 'operation not permitted', ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links', ENAMETOOLONG: 'file name too long', ENOEXEC: 'cannot execute binary file: exec format error',
  ETXTBSY: 'text file busy',
};

/** A program that could not be started, as a shell reports it (127 missing, 126 not executable). */
function spawnError(file: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT') return new SpawnError(`${file}: command not found`, ExitCode.notFound);
  const why = error.code !== undefined ? NOT_EXECUTABLE[error.code] : undefined;
  if (why) return new SpawnError(`${file}: ${why}`, ExitCode.notExecutable);
  return error;
}
