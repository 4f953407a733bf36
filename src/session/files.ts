import { lstatSync } from 'node:fs';
import { NomosError, ExitCode } from '../errors.js';
import { NotRegularFileError, readRegular } from '../regular-file.js';

export { writeAtomic } from '../atomic-write.js';

/** Reads a JSON state file (an object); a missing file is `undefined`, an unreadable one or any other value fails closed. */
export function readJson<T>(path: string): T | undefined {
  const text = readState(path)?.toString('utf8');
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw corrupted(path, 'is not valid JSON', cause);
  }
  // Every state file is an object: `null` read as "no file yet" would start the session afresh.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupted(path, 'does not hold a JSON object');
  return value as T;
}

/** A state file's bytes; a missing file is `undefined`; a FIFO, device or link (which could hang or mislead nomos) fails closed. */
export function readState(path: string): Buffer | undefined {
  try {
    return readRegular(path, true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw stateError(path, error);
  }
}

/** A state file nomos could not open as its own: not a regular file, or a link, is damaged state (78); anything else as it is. */
export function stateError(path: string, error: unknown): unknown {
  if (error instanceof NotRegularFileError) return corrupted(path, 'is not a regular file (a FIFO, socket or device)');
  if ((error as NodeJS.ErrnoException).code === 'ELOOP') return corrupted(path, 'is a symbolic link (nomos writes only files of its own state directory)');
  return error;
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

/**
 * Refuses session files that are symbolic links: nomos appends to, cuts back and replaces
 * them, and through a link it would write (or truncate) a file outside the state directory.
 */
export function refuseLinks(paths: string[]): void {
  for (const path of paths) {
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (link) throw corrupted(path, 'is a symbolic link (nomos writes only files of its own state directory)');
  }
}
