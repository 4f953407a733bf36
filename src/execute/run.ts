import { constants } from 'node:os';
import { ExitCode, SpawnError } from '../errors.js';

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

/**
 * Runs an approved command with inherited stdio and returns how it ended. SIGINT,
 * SIGTERM and SIGHUP sent to nomos are passed to the child, so `nomos exec` can be stopped like
 * the command itself. A missing program is exit 127, as a shell reports it.
 */
export async function runCommand(target: RunTarget, options: RunOptions): Promise<RunOutcome> {
  const { execa } = await import('execa');
  const [file, args] = target.kind === 'shell' ? ['bash', ['-c', target.command]] : [target.argv[0]!, target.argv.slice(1)];
  const started = performance.now();
  // Listen before spawning: the child can be running (and an agent can signal nomos)
  // before execa returns; a signal in that window is delivered once the child exists.
  let child: ReturnType<typeof execa> | undefined;
  const early: NodeJS.Signals[] = [];
  const forward = (signal: NodeJS.Signals) => (child ? child.kill(signal) : early.push(signal));
  for (const signal of FORWARDED) process.on(signal, forward);
  try {
    child = execa(file, args, {
      cwd: options.cwd,
      env: options.env,
      extendEnv: false,
      stdio: 'inherit',
      reject: false,
      // execa's cleanup would add signal-exit handlers; nomos forwards signals itself and
      // stays alive until the child has ended.
      cleanup: false,
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
    for (const signal of early) child.kill(signal);
    const result = await child;
    const durationMs = Math.round(performance.now() - started);
    const code = (result as { code?: string }).code;
    if (code === 'ENOENT') throw new SpawnError(`${file}: command not found`, ExitCode.notFound);
    if (code === 'EACCES') throw new SpawnError(`${file}: permission denied`, ExitCode.notExecutable);
    if (result.timedOut) return { exitCode: 124, signal: result.signal ?? undefined, timedOut: true, durationMs };
    if (result.signal) return { exitCode: 128 + (constants.signals[result.signal as keyof typeof constants.signals] ?? 0), signal: result.signal, durationMs };
    return { exitCode: result.exitCode ?? ExitCode.internal, durationMs };
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward);
  }
}
