import { readFileSync } from 'node:fs';
import { NomosError, ExitCode } from '../errors.js';

export { writeAtomic } from '../atomic-write.js';

/** Reads a JSON state file; a missing file is `undefined`, an unreadable one fails closed. */
export function readJson<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw corrupted(path, 'is not valid JSON', cause);
  }
}

/** The error for damaged session state: exit 78, and what to do about it. */
export function corrupted(path: string, what: string, cause?: unknown): NomosError {
  return new NomosError(
    'nomos.session.corrupted',
    `session state ${path} ${what}; nomos will not decide on damaged history. Inspect it, or discard the session with \`nomos session end <id>\``,
    ExitCode.config,
    { cause },
  );
}
