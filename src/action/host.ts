/**
 * Host and path normalization for HTTP actions. Rules match the canonical spelling,
 * so every way of writing one host must reduce to it: otherwise `0x7f000001` walks
 * past a rule about `127.0.0.1`. The WHATWG URL parser already lowers case, maps IDN
 * to punycode and reads IPv4 in every legacy spelling (`2130706433`, `0177.0.0.1`,
 * `127.1`); this module finishes the job. Pure: no DNS, no sockets.
 */

import { domainToASCII } from 'node:url';

const UNRESERVED = /%(2[DdEe]|3[0-9]|[46][1-9A-Fa-f]|[57][0-9Aa]|5[Ff]|7[Ee])/g;

/** The canonical host of a parsed URL: no brackets, no trailing dot, IPv4-mapped IPv6 as IPv4. */
export function normalizeHost(hostname: string): string {
  let host = hostname.toLowerCase().replace(/\.+$/, '');
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return mappedIpv4(host) ?? host;
}

/** `::ffff:7f00:1` (how URL prints `[::ffff:127.0.0.1]`) is 127.0.0.1 on the wire. */
function mappedIpv4(host: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!hex) return undefined;
  const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/**
 * Decodes percent-escapes of unreserved characters (`/%61dmin` is `/admin` to every
 * server), so a path rule cannot be dodged by escaping letters. Reserved escapes
 * such as `%2F` stay: decoding them would change the path's meaning.
 */
export function normalizePath(pathname: string): string {
  return pathname.replace(UNRESERVED, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
}

/** True for an IPv4 or IPv6 literal in canonical form (as normalizeHost returns it). */
export function isIpLiteral(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':');
}

/** The host as it goes back into a URL: IPv6 literals need their brackets. */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * A rule's host pattern in the spelling action hosts have (normalizeHost): lower case, no
 * trailing dot, IDN as punycode, IPv4 in dotted form, IPv6 without brackets; and its `:port`.
 * A rule written `bücher.example` or `evil.example.` otherwise never met the host it names.
 * Glob labels stay as written (the others are normalized); a `re:` pattern stays. Pure.
 */
export function normalizeHostPattern(pattern: string): { host: string; port?: string } {
  if (pattern.startsWith('re:')) return { host: pattern };
  const bracketed = /^\[([^\]]*)\](?::(\d+|\*))?$/.exec(pattern);
  if (bracketed) return { host: normalizeHost(`[${bracketed[1]!.toLowerCase()}]`), ...(bracketed[2] !== undefined ? { port: bracketed[2] } : {}) };
  if ((pattern.match(/:/g) ?? []).length > 1) return { host: normalizeHost(pattern) }; // a bare IPv6 literal
  const [host, port] = pattern.split(':') as [string, string | undefined];
  const withPort = port !== undefined ? { port } : {};
  if (!/[*?[\]{}]/.test(host)) {
    try {
      return { host: normalizeHost(new URL(`http://${host}/`).hostname), ...withPort };
    } catch {
      return { host: host.toLowerCase(), ...withPort };
    }
  }
  const labels = host.toLowerCase().replace(/\.+$/, '').split('.');
  return { host: labels.map((l) => (/[*?[\]{}]/.test(l) || /^[\x00-\x7f]*$/.test(l) ? l : domainToASCII(l) || l)).join('.'), ...withPort };
}
