import { NomosError } from '../../errors.js';

/** A file operation that failed (missing file, permission, a path changed since it was checked). Exit 1, as cat or rm would. */
export class FsError extends NomosError {
  readonly errno: string;
  constructor(errno: string, message: string, options?: { cause?: unknown }) {
    super(`nomos.fs.${errno.toLowerCase()}`, message, 1, options);
    this.name = 'FsError';
    this.errno = errno;
  }

  /** Wraps a Node errno error with the path it concerns, in the words `ls`/`cat` would use. */
  static from(error: unknown, path: string): FsError {
    const e = error as NodeJS.ErrnoException;
    if (!e?.code) return new FsError('EIO', `${path}: ${String((e as Error)?.message ?? e)}`, { cause: e });
    const what = WORDS[e.code] ?? e.message;
    return new FsError(e.code, `${path}: ${what}`, { cause: e });
  }
}

const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'file exists',
  ENOTEMPTY: 'directory not empty (use --recursive)',
  EXDEV: 'cannot move across file systems',
};
