import { httpAction } from './http.js';
import type { HttpAction } from './types.js';

/** Headers that carry credentials: never sent on to another origin (as fetch and curl do). */
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

/** The next hop of a redirect, as its own HttpAction to decide, or undefined when the response is not a redirect. */
export interface RedirectHop {
  action: HttpAction;
  /** Whether the request body is sent again (307/308 keep method and body). */
  keepsBody: boolean;
}

/**
 * Builds the request a redirect asks for. 303 (and 301/302 after a POST) turn into a
 * GET without a body, as browsers and fetch do; 307/308 repeat the request. Going to
 * another origin drops credential headers. Pure: the caller decides the hop like any
 * other request before it is sent.
 */
export function redirectHop(from: HttpAction, status: number, location: string | undefined): RedirectHop | undefined {
  if (![301, 302, 303, 307, 308].includes(status) || !location) return undefined;
  let next: URL;
  try {
    next = new URL(location, from.url);
  } catch {
    return undefined;
  }
  const toGet = status === 303 ? from.method !== 'HEAD' : (status === 301 || status === 302) && from.method === 'POST';
  const method = toGet ? 'GET' : from.method;
  const headers = { ...from.headers };
  if (toGet) for (const h of ['content-type', 'content-length']) delete headers[h];
  if (new URL(from.url).origin !== next.origin) for (const h of CREDENTIALS) delete headers[h];
  // The Host header named the first host: sent on, it would ask the next server for a site nobody decided.
  delete headers.host;
  const action = httpAction(method, next.href, [...from.via, `redirect ${status}`], headers, toGet ? undefined : from.body);
  return action ? { action, keepsBody: !toGet } : undefined;
}
