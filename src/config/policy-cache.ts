import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeAtomic } from '../atomic-write.js';
import { join } from 'node:path';
import type { ParsedRuleFile } from '../policy/compile.js';

/** A rule file as read from disk, before parsing. */
export interface RuleText {
  file: string;
  layer: string;
  text: string;
}

declare const NOMOS_VERSION: string;
const VERSION = typeof NOMOS_VERSION === 'string' ? NOMOS_VERSION : 'dev';

/** The cache key: every rule file's place and content, and nomos's version (the schema may change). */
export function policyKey(texts: RuleText[], extra: string): string {
  const hash = createHash('sha256').update(`${VERSION}\0${extra}\0`);
  for (const t of texts) hash.update(`${t.layer}\0${t.file}\0${t.text.length}\0${t.text}\0`);
  return hash.digest('hex').slice(0, 32);
}

/** Reads validated rule files from the cache: plain JSON, so the hot path runs no YAML parser and no schema. */
export function readPolicyCache(dir: string, key: string): ParsedRuleFile[] | undefined {
  try {
    const data = JSON.parse(readFileSync(join(dir, `policy-${key}.json`), 'utf8')) as { key: string; files: ParsedRuleFile[] };
    return data.key === key ? data.files : undefined;
  } catch {
    return undefined; // missing or unreadable: validate the sources again
  }
}

/** Writes the cache atomically (a private file renamed into place); failing to write is not an error. */
export function writePolicyCache(dir: string, key: string, files: ParsedRuleFile[]): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeAtomic(join(dir, `policy-${key}.json`), JSON.stringify({ key, files }));
  } catch {
    // A read-only state dir only costs speed.
  }
}
