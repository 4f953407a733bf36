import { join } from 'node:path';
import { makeDirs } from '../make-dirs.js';
import { writeAtomic } from '../atomic-write.js';
import type { ParsedRuleFile } from '../policy/compile.js';
import { cacheName } from './cache-name.js';
import { readRegular } from '../regular-file.js';

/** A rule file as read from disk, before parsing. */
export interface RuleText {
  file: string;
  layer: string;
  text: string;
  /**
   * The file's bytes, when it was read from disk here: the cache compares them without decoding.
   * Decoded, the shipped packs are a sixth of what a `check` allocates in V8's young generation,
   * enough to cost it a garbage collection; `text` is decoded only when something reads it.
   */
  bytes?: Buffer;
}

/** A rule text as read from disk: bytes now, the string on first use. */
export function ruleTextFrom(file: string, layer: string, bytes: Buffer): RuleText {
  let text: string | undefined;
  return {
    file, layer, bytes,
    get text() {
      return (text ??= bytes.toString('utf8'));
    },
  };
}

/** The bytes of a rule text (its own, or encoded from its string). */
export function bytesOf(t: RuleText): Buffer {
  return t.bytes ?? Buffer.from(t.text, 'utf8');
}

declare const NOMOS_VERSION: string;
const VERSION = typeof NOMOS_VERSION === 'string' ? NOMOS_VERSION : 'dev';

/** A source as a cache entry names it: its place, and the length in bytes of its text (which follows the entry). */
interface SourcePrint {
  file: string;
  layer: string;
  bytes: number;
}

/** What a cache entry holds: the sources it was validated from, and the result. */
interface CacheEntry {
  version: string;
  sources: SourcePrint[];
  /** The files the sources include, their texts after the sources': read again and compared on every hit. */
  includes: SourcePrint[];
  files: ParsedRuleFile[];
  /** The assembled policy's digest (see policyDigest): computed once, with the texts it names. */
  digest?: string;
}

/** What a cache hit gives. */
export interface CachedPolicy {
  files: ParsedRuleFile[];
  /** The included files' texts, as they are on disk now. */
  includes: RuleText[];
  digest?: string;
}

/** One cache file per set of rule files (their places, not their content) and nomos version. */
function cachePath(dir: string, texts: RuleText[]): string {
  return join(dir, `policy-${cacheName([VERSION, ...texts.map((t) => `${t.layer}\0${t.file}`)].join('\0'))}.json`);
}

/**
 * Validated rule files from the cache when every source is exactly what was validated
 * (texts compared in full, nomos's version too: the schema may change): plain JSON, so
 * the hot path runs no YAML parser and no schema. The file is the entry as one line of
 * JSON, then the source texts byte for byte: they are compared as bytes, outside the
 * JavaScript heap (as JSON strings they were half the file, and parsing them on every
 * call cost a garbage collection). Included files are read again and compared the same way:
 * no hash, whose first use in a process costs milliseconds (WebAssembly set-up).
 */
export function readPolicyCache(dir: string, texts: RuleText[]): CachedPolicy | undefined {
  let data: Buffer;
  let entry: CacheEntry;
  try {
    data = readRegular(cachePath(dir, texts), true);
    entry = JSON.parse(data.toString('utf8', 0, data.indexOf(10))) as CacheEntry;
  } catch {
    return undefined; // missing, unreadable or of another format: validate the sources again
  }
  if (entry.version !== VERSION || !Array.isArray(entry.sources) || entry.sources.length !== texts.length || !Array.isArray(entry.includes)) return undefined;
  let at = data.indexOf(10) + 1;
  const cached = (s: SourcePrint, now: Buffer | undefined) => {
    const ok = Number.isInteger(s.bytes) && s.bytes >= 0 && now !== undefined && data.subarray(at, at + s.bytes).equals(now);
    at += s.bytes;
    return ok;
  };
  for (const [i, s] of entry.sources.entries()) {
    const t = texts[i]!;
    if (s.file !== t.file || s.layer !== t.layer || !cached(s, bytesOf(t))) return undefined;
  }
  const includes: RuleText[] = [];
  for (const s of entry.includes) {
    const now = readOrUndefined(s.file);
    if (!cached(s, now)) return undefined;
    includes.push(ruleTextFrom(s.file, s.layer, now!));
  }
  return at === data.length ? { files: entry.files, includes, ...(typeof entry.digest === 'string' ? { digest: entry.digest } : {}) } : undefined;
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readRegular(path);
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (a private file renamed into place); failing to write is not an error. */
export function writePolicyCache(dir: string, texts: RuleText[], includes: RuleText[], files: ParsedRuleFile[], digest?: string): void {
  try {
    makeDirs(dir, 0o700);
    // Without the rules' examples: they were checked when the sources were validated, and every
    // call that hits the cache would parse them again (an eighth of the file for the shipped packs).
    const decided = files.map((f) => ({ ...f, spec: { ...f.spec, rules: f.spec.rules.map(({ examples: _, ...rule }) => rule) } }));
    const print = (list: RuleText[]) => list.map((t) => ({ file: t.file, layer: t.layer, bytes: bytesOf(t).length }));
    const entry = { version: VERSION, sources: print(texts), includes: print(includes), files: decided, ...(digest ? { digest } : {}) } satisfies CacheEntry;
    writeAtomic(cachePath(dir, texts), Buffer.concat([Buffer.from(`${JSON.stringify(entry)}\n`), ...[...texts, ...includes].map(bytesOf)]));
  } catch {
    // A read-only state dir only costs speed.
  }
}
