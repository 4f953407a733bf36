import { ExitCode, NomosError } from '../errors.js';
import { visible } from '../visible.js';
import type { CliEnv } from './context.js';

/** Prints an error the way every command does and returns its exit code: the one place errors end. */
export function reportError(error: unknown, cli: Pick<CliEnv, 'stderr'>): number {
  if (error instanceof NomosError) {
    // Messages quote paths and commands an agent wrote: escaped, their own line breaks kept.
    cli.stderr(`nomos: ${visible(error.message, { keepNewlines: true }).replaceAll('\n', '\nnomos: ')}\n`);
    return error.exitCode;
  }
  cli.stderr(`nomos: internal error: ${visible((error as Error)?.stack ?? String(error), { keepNewlines: true })}\n`);
  return ExitCode.internal;
}
