import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { normalizeHost } from '../../action/host.js';

/** An address a host name resolved to. */
export interface Resolved {
  address: string;
  family: 4 | 6;
}

/** Resolves a name to its addresses (dns.lookup, as net.connect would); passed in so tests can play a rebinding DNS server. */
export type Resolver = (host: string) => Promise<Resolved[]>;

/** The system resolver, the one net.connect would use. */
export const systemResolver: Resolver = async (host) => (await dnsLookup(host, { all: true, verbatim: true })) as Resolved[];

/**
 * Addresses an agent must not reach when `--block-private` is on: loopback, private,
 * link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved and
 * documentation ranges, and IPv6 forms that embed or translate IPv4 (6to4, NAT64,
 * Teredo, IPv4-compatible), since any of those can lead back into a private network.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23],
  ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

/** True when the address is in a private, local or special-purpose range (IPv4-mapped IPv6 judged as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const canonical = normalizeHost(address);
  const family = isIP(canonical);
  if (family === 0) return true; // not an address at all: fail closed
  return PRIVATE.check(canonical, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Resolves `host` once and returns the address to connect to. IP literals are used as
 * they are. Every address the name has is checked (not only the first), so a name
 * with one public and one private address is refused rather than raced.
 */
export async function resolveOnce(host: string, resolver: Resolver, blockPrivate: boolean): Promise<Resolved & { private: string[] }> {
  const family = isIP(host);
  const all: Resolved[] = family ? [{ address: host, family: family as 4 | 6 }] : await resolver(host);
  if (all.length === 0) throw new Error(`${host} has no address`);
  const blocked = blockPrivate ? all.filter((a) => isPrivateAddress(a.address)).map((a) => a.address) : [];
  return { ...all[0]!, private: blocked };
}

/**
 * A lookup for net/tls.connect that answers with the address already checked, and
 * nothing else: the connection goes where the check looked, so a DNS answer that
 * changes between check and connect (DNS rebinding) is never asked for.
 */
export function pinnedLookup(host: string, pinned: Resolved): LookupFunction {
  return (hostname, options, callback) => {
    const cb = callback as (err: Error | null, address: string | Resolved[], family?: number) => void;
    if (hostname.replace(/^\[|\]$/g, '') !== host) return cb(new Error(`unexpected lookup of ${hostname} (pinned to ${host})`), '');
    if ((options as { all?: boolean }).all) return cb(null, [pinned]);
    cb(null, pinned.address, pinned.family);
  };
}
