import { hmacSha256Hex, sha256Hex } from '../hash.js';

export { sha256Hex };

/** The hash the first event of a chain links to. */
export const GENESIS = '0'.repeat(64);

/** How an event is sealed: a plain hash, or an HMAC when a key is configured. */
export type SealAlg = 'sha256' | 'hmac-sha256';

/**
 * JSON with keys sorted at every level: the bytes a hash is taken over. Built with indexed
 * loops and plain concatenation (every event goes through it, mostly before V8 optimizes it):
 * entries, destructuring and join allocated several times the event's size.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${value[i] === undefined ? 'null' : canonicalJson(value[i])}`;
    return `${out}]`;
  }
  // The default sort orders strings by UTF-16 code units, as `<` does.
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i]!];
    if (v !== undefined) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(keys[i])}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** The seal over the previous hash and an event body's canonical bytes (the body never holds `hash`). */
export function sealBytes(prev: string, canonicalBody: string, key?: Buffer): string {
  return key ? hmacSha256Hex(key, prev, '\n', canonicalBody) : sha256Hex(`${prev}\n${canonicalBody}`);
}

/** Top-level fields, each already in canonical JSON: serialized before the lock is taken, joined under it. */
export type PreparedBody = Map<string, string>;

/** Serializes every top-level field of a body canonically (undefined fields are left out). */
export function prepareBody(body: Record<string, unknown>): PreparedBody {
  const prepared: PreparedBody = new Map();
  const keys = Object.keys(body);
  for (let i = 0; i < keys.length; i++) if (body[keys[i]!] !== undefined) prepared.set(keys[i]!, canonicalJson(body[keys[i]!]));
  return prepared;
}

/**
 * The line as written: the canonical body with `hash` appended last. Keeping `hash` out of
 * the sorted order means a verifier can take the exact bytes that were sealed from the line
 * itself (strip the suffix) instead of re-serializing: faster, and any byte change shows.
 */
export function sealLine(body: Record<string, unknown> | PreparedBody, key?: Buffer): { line: string; hash: string } {
  const prepared = body instanceof Map ? body : prepareBody(body);
  const canonical = `{${[...prepared.keys()].sort().map((k) => `${JSON.stringify(k)}:${prepared.get(k)}`).join(',')}}`;
  const hash = sealBytes(JSON.parse(prepared.get('prev') ?? '""') as string, canonical, key);
  return { line: `${canonical.slice(0, -1)},"hash":"${hash}"}`, hash };
}

const SUFFIX_START = ',"hash":"';
const SUFFIX_LENGTH = SUFFIX_START.length + 64 + 2;
const HEX64 = /^[0-9a-f]{64}$/;

/** Splits a stored line into the sealed bytes and the hash it claims, or undefined when not in sealed form. */
export function unsealLine(line: string): { canonical: string; hash: string } | undefined {
  // Fixed-width suffix, so plain string checks do (a `$`-anchored regex scans the whole line).
  const at = line.length - SUFFIX_LENGTH;
  if (at < 1 || !line.startsWith(SUFFIX_START, at) || !line.endsWith('"}')) return undefined;
  const hash = line.slice(at + SUFFIX_START.length, line.length - 2);
  return HEX64.test(hash) ? { canonical: `${line.slice(0, at)}}`, hash } : undefined;
}
