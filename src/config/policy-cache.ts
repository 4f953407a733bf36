import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../atomic-write.js';
import type { ParsedRuleFile } from '../policy/compile.js';
import { cacheName } from './cache-name.js';

/** A rule file as read from disk, before parsing. */
export interface RuleText {
  file: string;
  layer: string;
  text: string;
}

declare const NOMOS_VERSION: string;
const VERSION = typeof NOMOS_VERSION === 'string' ? NOMOS_VERSION : 'dev';

/** What a cache entry holds: the exact sources it was validated from, and the result. */
interface CacheEntry {
  version: string;
  sources: RuleText[];
  files: ParsedRuleFile[];
  /** The assembled policy's digest (see policyDigest): computed once, with the texts it names. */
  digest?: string;
}

/** What a cache hit gives. */
export interface CachedPolicy {
  files: ParsedRuleFile[];
  digest?: string;
}

/** One cache file per set of rule files (their places, not their content) and nomos version. */
function cachePath(dir: string, texts: RuleText[]): string {
  return join(dir, `policy-${cacheName([VERSION, ...texts.map((t) => `${t.layer}\0${t.file}`)].join('\0'))}.json`);
}

/**
 * Validated rule files from the cache when every source is exactly what was validated
 * (texts compared in full, nomos's version too: the schema may change): plain JSON, so
 * the hot path runs no YAML parser and no schema.
 */
export function readPolicyCache(dir: string, texts: RuleText[]): CachedPolicy | undefined {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(cachePath(dir, texts), 'utf8')) as CacheEntry;
  } catch {
    return undefined; // missing or unreadable: validate the sources again
  }
  const same = entry.version === VERSION && Array.isArray(entry.sources) && entry.sources.length === texts.length
    && entry.sources.every((s, i) => s.file === texts[i]!.file && s.layer === texts[i]!.layer && s.text === texts[i]!.text);
  return same ? { files: entry.files, ...(typeof entry.digest === 'string' ? { digest: entry.digest } : {}) } : undefined;
}

/** Writes the cache atomically (a private file renamed into place); failing to write is not an error. */
export function writePolicyCache(dir: string, texts: RuleText[], files: ParsedRuleFile[], digest?: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeAtomic(cachePath(dir, texts), JSON.stringify({ version: VERSION, sources: texts, files, ...(digest ? { digest } : {}) } satisfies CacheEntry));
  } catch {
    // A read-only state dir only costs speed.
  }
}
