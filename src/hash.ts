// The hashes nomos seals and indexes with, all node:crypto (loaded on first use: a plain
// check needs none). A pure-JS sha256 (@noble/hashes, bundled and code-cached) was measured
// as a way to skip loading node:crypto on hook and exec calls: it hashes a call's ~3 KB
// interpreted, slower than node:crypto loads (hook 1.85× vs 1.79× node -e 0), so it is not used.
import { crypto } from './builtins.js';

type Part = string | Uint8Array;

/** sha256 of the parts in order (strings as UTF-8), hex. */
export function sha256Hex(...parts: Part[]): string {
  const c = crypto();
  // The one-shot hash (Node ≥ 20.12) is about twice as fast for short inputs as a Hash object.
  const oneShot = (c as { hash?: (alg: string, data: Part, enc: 'hex') => string }).hash;
  if (oneShot && parts.length === 1) return oneShot('sha256', parts[0]!, 'hex');
  const h = c.createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest('hex');
}

/** HMAC-SHA256 of the parts in order under `key`, hex. */
export function hmacSha256Hex(key: Uint8Array, ...parts: Part[]): string {
  const h = crypto().createHmac('sha256', key);
  for (const part of parts) h.update(part);
  return h.digest('hex');
}

/** sha1 of a string, hex (only where a stable spread is needed: never for integrity). */
export function sha1Hex(text: string): string {
  return crypto().createHash('sha1').update(text).digest('hex');
}
