import { normalizeHost, normalizePath, urlHost } from './host.js';
import { table } from './table.js';
import type { HttpAction } from './types.js';

const DEFAULT_PORTS = table<string, number>({ http: 80, https: 443 });

/**
 * Parses a URL into an HttpAction; a scheme-less URL is taken as http (as curl does).
 * The host and path are normalized and `url` is rebuilt from them, so the URL that is
 * sent is exactly the one rules saw (`http://0x7f000001/%61` becomes `http://127.0.0.1/a`).
 */
export function httpAction(method: string, rawUrl: string, via: string[], headers: Record<string, string> = {}, body?: unknown): HttpAction | undefined {
  // The WHATWG parser reads `\` as `/` and drops tabs and newlines; curl, wget and git do not:
  // `http://github.com\@evil.example/` is github.com to it and evil.example to them. Not a URL here.
  if (/[\\\s\x00-\x1f\x7f]/.test(rawUrl)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(rawUrl) ? rawUrl : `http://${rawUrl}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  const scheme = url.protocol.replace(/:$/, '');
  const host = normalizeHost(url.hostname);
  url.hostname = urlHost(host);
  url.pathname = normalizePath(url.pathname);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  return {
    kind: 'http',
    method: method.toUpperCase(),
    url: url.href,
    scheme,
    host,
    port: url.port ? Number(url.port) : (DEFAULT_PORTS[scheme] ?? 0),
    path: url.pathname,
    query,
    headers,
    ...(body !== undefined ? { body } : {}),
    via,
  };
}
