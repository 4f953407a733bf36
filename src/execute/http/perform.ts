import type { Readable, Writable } from 'node:stream';
import { monotonicMs } from '../../builtins.js';
import { httpAction } from '../../action/http.js';
import { redirectHop } from '../../action/http-redirect.js';
import type { HttpAction } from '../../action/types.js';
import { DeniedError, NomosError } from '../../errors.js';
import type { RunOutcome } from '../run.js';
import type { Resolver } from './address.js';
import { deliver } from './deliver.js';
import { HttpError } from './errors.js';
import { discardBody, sendHop, type HopResponse } from './send.js';

/** A redirect hop as the pipeline decided it: the action to send (after any rewrite), or the denial line. */
export type HopVerdict = { action: HttpAction } | { denial: string };

/** Everything performing a request needs besides the action. */
export interface HttpIo {
  output: Writable;
  include: boolean;
  json: boolean;
  maxBytes?: number;
  timeoutMs: number;
  maxRedirects: number;
  blockPrivate: boolean;
  resolver: Resolver;
  /** The request body, opened only now that the request (and any file read for it) is allowed. */
  body: () => Promise<string | Buffer | Readable | undefined>;
  /** Decides a redirect hop like any request (rules, ask, audit) before it is followed. */
  checkHop: (action: HttpAction) => Promise<HopVerdict>;
}

/** Sends the decided request, deciding every redirect hop again, and prints the final response. */
export async function performHttp(decided: HttpAction, io: HttpIo): Promise<RunOutcome> {
  const started = monotonicMs();
  const signal = AbortSignal.timeout(io.timeoutMs);
  let action = sendable(decided);
  let body = await io.body();
  let redirects = 0;
  try {
    for (;;) {
      const res = await sendHop(action, { resolver: io.resolver, blockPrivate: io.blockPrivate, signal, ...(body !== undefined ? { body } : {}) });
      const hop = redirects < io.maxRedirects ? redirectHop(action, res.status, header(res, 'location')) : undefined;
      if (!hop) {
        const bytes = await deliver(res, action.url, redirects, io);
        return { exitCode: 0, durationMs: Math.round(monotonicMs() - started), detail: { status: res.status, bytes, redirects, address: res.address } };
      }
      discardBody(res.body);
      if (hop.keepsBody && body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
        throw new HttpError('redirect-body', `${res.status} redirect to ${hop.action.url} would resend a streamed body; send it to the final URL instead`);
      }
      const verdict = await io.checkHop(hop.action);
      if ('denial' in verdict) throw new DeniedError(`${verdict.denial.replace(/^nomos: /, '')} (a ${res.status} redirect to ${hop.action.url}; not followed)`);
      action = sendable(verdict.action);
      if (!hop.keepsBody) body = undefined;
      redirects++;
    }
  } catch (e) {
    throw asHttpError(e, signal, io.timeoutMs);
  }
}

/**
 * Only http(s), and only a URL that says what the action's fields say: the request
 * sent is the one decided (a rewrite that changed `host` but not `url` is refused).
 */
function sendable(action: HttpAction): HttpAction {
  if (action.scheme !== 'http' && action.scheme !== 'https') throw new DeniedError(`denied: ${action.url}: nomos http sends http and https only`);
  const reparsed = httpAction(action.method, action.url, action.via);
  if (!reparsed || reparsed.host !== action.host || reparsed.port !== action.port || reparsed.scheme !== action.scheme || reparsed.path !== action.path) {
    throw new DeniedError(`denied: the request's URL ${action.url} does not match its decided host and path`);
  }
  return action;
}

function header(res: HopResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function asHttpError(error: unknown, signal: AbortSignal, timeoutMs: number): unknown {
  if (signal.aborted) return new HttpError('timeout', `timed out after ${timeoutMs} ms`, 124, { cause: error });
  if (error instanceof NomosError) return error;
  const e = error as Error & { code?: string; cause?: Error & { code?: string } };
  const detail = e.cause?.message ?? e.message;
  return new HttpError('failed', `request failed: ${detail}`, 1, { cause: error });
}
