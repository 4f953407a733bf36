import { NomosError } from '../../errors.js';

/** An HTTP request that failed to complete (connect error, timeout, too large). Exit 1, or 124 for a timeout as `exec --timeout`. */
export class HttpError extends NomosError {
  constructor(code: string, message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(`nomos.http.${code}`, message, exitCode, options);
    this.name = 'HttpError';
  }
}
