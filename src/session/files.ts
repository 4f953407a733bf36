import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { NomosError, ExitCode } from '../errors.js';

/**
 * Writes a file atomically: a killed process leaves the old content or the new, never half
 * (rename is atomic). No fsync: session state lives in the temp dir and is not meant to
 * survive a power loss, and three fsyncs were the largest cost of a stateful call.
 */
export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

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
