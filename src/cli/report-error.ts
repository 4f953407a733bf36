import { ExitCode, NomosError } from '../errors.js';
import type { CliEnv } from './context.js';

/** Prints an error the way every command does and returns its exit code: the one place errors end. */
export function reportError(error: unknown, cli: Pick<CliEnv, 'stderr'>): number {
  if (error instanceof NomosError) {
    cli.stderr(`nomos: ${error.message.replaceAll('\n', '\nnomos: ')}\n`);
    return error.exitCode;
  }
  cli.stderr(`nomos: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return ExitCode.internal;
}
