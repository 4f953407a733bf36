import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { NotRegularFileError, openRegular } from '../regular-file.js';
import { basename, dirname, extname, join } from 'node:path';
import { ExitCode, NomosError } from '../errors.js';

/** Rotate when the active file reaches this size (`NOMOS_AUDIT_MAX_BYTES` overrides). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function parts(logPath: string): { dir: string; stem: string; ext: string } {
  const name = basename(logPath);
  const ext = extname(name);
  return { dir: dirname(logPath), stem: ext ? name.slice(0, -ext.length) : name, ext };
}

/** The name a full file is renamed to: `audit-<last seq, 12 digits>.jsonl`, so names sort in chain order. */
export function rotatedPath(logPath: string, lastSeq: number): string {
  const { dir, stem, ext } = parts(logPath);
  return join(dir, `${stem}-${String(lastSeq).padStart(12, '0')}${ext}`);
}

/** Every file of a log in chain order: rotated files (oldest first), then the active file if it exists. */
export function logFiles(logPath: string): string[] {
  const { dir, stem, ext } = parts(logPath);
  const pattern = new RegExp(`^${escape(stem)}-\\d{12}${escape(ext)}$`);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => pattern.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names.map((n) => join(dir, n));
  return existsSync(logPath) ? [...files, logPath] : files;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const HINTS = {
  log: 'Remove the link, or set NOMOS_AUDIT_LOG to the file it should lead to (a link in its directory path is followed)',
  head: 'Remove the link (the next event then says the head was missing)',
};

/**
 * Opens (creating, 0600) the log or its head for writing. Never through a symbolic link at its own
 * name: whoever can write its directory (an agent, when it is in the state directory) could swap it
 * for a link and have nomos append to, or write slots over, any file of the user's (~/.bashrc).
 * Only a regular file: on a FIFO every call would hang. Either fails closed, exit 78.
 */
export function openLogFile(path: string, flags: number, kind: 'log' | 'head'): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, flags | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    throw refused(path, kind, error);
  }
  // Its size comes with the check: the appender needs it, and a second fstat per append is work done twice.
  const stats = fstatSync(fd);
  if (stats.isFile()) return { fd, size: stats.size };
  closeSync(fd);
  throw refused(path, kind, new NotRegularFileError(path));
}

/** Opens the log, a rotated file or the head for reading, on the same terms as for writing: a FIFO would hang the reader. */
export function openLogForReading(path: string, kind: 'log' | 'head' = 'log'): { fd: number; size: number } {
  try {
    return openRegular(path, true);
  } catch (error) {
    throw refused(path, kind, error);
  }
}

/** The whole of one file of the log (see openLogForReading). */
export function readLogFile(path: string): Buffer {
  const { fd } = openLogForReading(path);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A link or a file that is not a regular one at the log's or head's own name is refused (exit 78); other errors pass as they are. */
function refused(path: string, kind: 'log' | 'head', error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code === 'ELOOP') return new NomosError(`nomos.audit.${kind}-link`, `the audit ${kind} ${path} is a symbolic link; nomos will not write or read through one. ${HINTS[kind]}`, ExitCode.config);
  if (error instanceof NotRegularFileError) return new NomosError(`nomos.audit.${kind}-not-file`, `the audit ${kind} ${path} is not a regular file; nomos writes and reads only one. Remove it`, ExitCode.config);
  return error;
}
