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

/**
 * Runs an approved command with inherited stdio and returns how it ended. SIGINT and
 * SIGTERM sent to nomos are passed to the child, so `nomos exec` can be stopped like
 * the command itself. A missing program is exit 127, as a shell reports it.
 */
export async function runCommand(target: RunTarget, options: RunOptions): Promise<RunOutcome> {
  const { execa } = await import('execa');
  const [file, args] = target.kind === 'shell' ? ['bash', ['-c', target.command]] : [target.argv[0]!, target.argv.slice(1)];
  const started = performance.now();
  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdio: 'inherit',
    reject: false,
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const result = await child;
    const durationMs = Math.round(performance.now() - started);
    const code = (result as { code?: string }).code;
    if (code === 'ENOENT') throw new SpawnError(`${file}: command not found`, ExitCode.notFound);
    if (code === 'EACCES') throw new SpawnError(`${file}: permission denied`, ExitCode.notExecutable);
    if (result.timedOut) return { exitCode: 124, signal: result.signal ?? undefined, timedOut: true, durationMs };
    if (result.signal) return { exitCode: 128 + (constants.signals[result.signal as keyof typeof constants.signals] ?? 0), signal: result.signal, durationMs };
    return { exitCode: result.exitCode ?? ExitCode.internal, durationMs };
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}
