import type { Readable } from 'node:stream';
import type { HttpAction } from '../../action/types.js';
import { pinnedLookup, resolveOnce, type Resolver } from './address.js';
import { DeniedError } from '../../errors.js';

type Undici = typeof import('undici');

/** undici is CommonJS: bundled, its exports sit on `default`; loaded only on the HTTP path (it is the biggest import there). */
async function loadUndici(): Promise<Undici> {
  const mod = (await import('undici')) as Undici & { default?: Undici };
  return mod.default ?? mod;
}

/** One response, its body not yet read. */
export interface HopResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
  /** The address the connection went to (the one that was checked). */
  address: string;
}

/** How one hop is sent. */
export interface SendOptions {
  resolver: Resolver;
  blockPrivate: boolean;
  signal: AbortSignal;
  body?: string | Buffer | Readable;
}

/**
 * Sends one request with undici, to the address resolved and checked here: the
 * connection's lookup is pinned to it, so no second DNS answer is ever used. No
 * redirect is followed (the caller decides each hop) and no proxy from the
 * environment is used (the request goes where the rules looked).
 */
export async function sendHop(action: HttpAction, options: SendOptions): Promise<HopResponse> {
  const { Agent, request } = await loadUndici();
  const pinned = await resolveOnce(action.host, options.resolver, options.blockPrivate);
  if (pinned.private.length > 0) {
    throw new DeniedError(`denied: ${action.host} resolves to ${pinned.private.join(', ')}, a private or local address, and --block-private is on`);
  }
  const dispatcher = new Agent({ connect: { lookup: pinnedLookup(action.host, pinned) } });
  const response = await request(action.url, {
    method: action.method as 'GET',
    headers: action.headers,
    body: options.body ?? null,
    dispatcher,
    signal: options.signal,
    headersTimeout: 0,
    bodyTimeout: 0,
    // Bigger buffered chunks: fewer hand-offs per megabyte on large bodies.
    highWaterMark: 1 << 20,
  });
  response.body.once('close', () => void dispatcher.close());
  return { status: response.statusCode, headers: response.headers, body: response.body, address: pinned.address };
}

/** Stops reading a body we will not use; undici reports that as an error event, which is expected here. */
export function discardBody(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}
