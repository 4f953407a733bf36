import { dirname, join, resolve } from 'node:path';
import { makeDirs } from '../make-dirs.js';
import { writeAtomic } from '../atomic-write.js';
import { ConfigError } from '../errors.js';
import { acquireLock, LOCK_TIMEOUT_MS, LockTimeoutError } from '../lock.js';
import { sha256Hex } from '../hash.js';
import type { ParsedRuleFile } from '../policy/compile.js';
import { projectRootOf, realPathOr } from './paths.js';
import type { RuleText } from './policy-cache.js';
import { readRegular } from '../regular-file.js';

/**
 * Which project configs the user trusts, each exactly as it was when trusted: a repository's
 * `.nomosrc.yaml` comes with the repository (a clone, a pull request's branch, the agent's
 * own checkout), so until a human runs `nomos trust` it may only tighten the policy. The
 * store lives in the user's config directory, which self.files guards.
 */
export interface TrustEntry {
  /** The project config (the top file of the layer). */
  config: string;
  /** sha256 over the layer's files (real paths and content hashes), in load order: to show and compare by eye. */
  digest: string;
  files: string[];
  /**
   * The files' texts as trusted, compared in full on every decision: no hash on the hot
   * path (the first one in a process costs milliseconds of WebAssembly set-up).
   */
  texts: string[];
  at: string;
}

/** A project layer's files (real paths) with their texts, in load order. */
export type LayerFiles = { file: string; text: string }[];

/** The store, in the user's config directory (`userConfigDir`). */
export function trustStorePath(configDir: string): string {
  return join(configDir, 'trusted.json');
}

/**
 * The project layer of a loaded policy: its config, then what it includes, depth first as
 * parsing visits them. A file an earlier layer also loads is parsed only once (as that
 * layer's), so the includes are followed here, not taken from the files' layers. `texts` are
 * every text read, included ones too. Paths are real paths: the same files trusted from a
 * symlinked directory (a hook's cwd) are the same.
 */
export function projectLayer(files: ParsedRuleFile[], texts: RuleText[], layer = 'project'): LayerFiles {
  const top = texts.find((t) => t.layer === layer);
  if (!top) return [];
  const byPath = new Map(files.map((f) => [f.file, f]));
  const textOf = new Map(texts.map((t) => [t.file, t.text]));
  const out: LayerFiles = [];
  const seen = new Set<string>();
  const visit = (path: string) => {
    const f = byPath.get(path);
    if (!f || seen.has(path)) return;
    seen.add(path);
    const text = textOf.get(path);
    // A file parsed but not read here cannot be compared: the layer is not the trusted one.
    out.push({ file: realPathOr(path), text: text ?? '\0unread' });
    for (const inc of f.spec.include ?? []) visit(resolve(dirname(path), inc));
  };
  visit(top.file);
  return out;
}

export function layerDigest(layer: LayerFiles): string {
  return sha256Hex(JSON.stringify(layer.map((f) => [f.file, sha256Hex(f.text)])));
}

/**
 * Trusted configs in the directory `config` governs or above it, nearest first, other than
 * `config` itself: where a nearer project config is not trusted, the nearest of these that is
 * still as trusted counts too (loadPolicy's parent layer).
 */
export function trustedAbove(entries: TrustEntry[], config: string): TrustEntry[] {
  const real = realPathOr(config);
  const root = projectRootOf(real);
  const above = (dir: string) => dir === root || dir === '/' || root.startsWith(`${dir}/`);
  return entries
    .filter((e) => e.config !== real && above(projectRootOf(e.config)))
    .sort((a, b) => projectRootOf(b.config).length - projectRootOf(a.config).length);
}

/** Whether the store has this layer as it is now (a store that does not exist trusts nothing). */
export async function isTrusted(configDir: string, layer: LayerFiles): Promise<boolean> {
  return layer.length === 0 || trustedIn(await readTrustStore(configDir), layer);
}

/** Whether one of the entries trusted exactly this layer. */
export function trustedIn(entries: TrustEntry[], layer: LayerFiles): boolean {
  return entries.some((e) => isLayerOf(e, layer));
}

/** The entry trusted exactly this layer: the same files, in the same order, with the same texts. */
export function isLayerOf(entry: TrustEntry, layer: LayerFiles): boolean {
  return entry.config === layer[0]?.file && entry.files.length === layer.length && layer.every((f, i) => entry.files[i] === f.file && entry.texts[i] === f.text);
}

/** The store's entries; a store that is there but unreadable or malformed is a config error (exit 78), never "trust nothing" silently. */
export async function readTrustStore(configDir: string): Promise<TrustEntry[]> {
  const path = trustStorePath(configDir);
  let text: string;
  try {
    text = readRegular(path).toString('utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw storeError(path, `cannot read it: ${(cause as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw storeError(path, `not JSON: ${(cause as Error).message.split('\n')[0]}`, await locate(text));
  }
  const entries = (value as { trusted?: unknown })?.trusted;
  if ((value as { version?: unknown })?.version !== 1 || !Array.isArray(entries) || !entries.every(isEntry)) {
    throw storeError(path, 'expected {"version": 1, "trusted": [{"config", "digest", "files", "texts", "at"}, …]}; fix it or delete it and run `nomos trust` again');
  }
  return entries;
}

/** Replaces the store (atomically; the directory is the user's config directory). */
export function writeTrustStore(configDir: string, entries: TrustEntry[]): void {
  const path = trustStorePath(configDir);
  makeDirs(dirname(path), 0o700);
  writeAtomic(path, `${JSON.stringify({ version: 1, trusted: entries }, null, 2)}\n`);
}

/**
 * Reads, changes and replaces the store as one critical section under `trusted.json.lock`:
 * two processes changing it at once (a `--revoke` and a trust, or an "always" answer) would
 * otherwise write back what the other removed, and a revoked config would count in full again.
 */
export async function updateTrustStore(configDir: string, change: (entries: TrustEntry[]) => TrustEntry[]): Promise<void> {
  const path = trustStorePath(configDir);
  makeDirs(dirname(path), 0o700);
  const release = await acquireLock(path, Date.now() + LOCK_TIMEOUT_MS);
  if (!release) throw new LockTimeoutError(`could not lock ${path}.lock within ${LOCK_TIMEOUT_MS} ms`);
  try {
    writeTrustStore(configDir, change(await readTrustStore(configDir)));
  } finally {
    release();
  }
}

/** Adds (or renews) the trust of a layer as it is now. */
export async function trustLayer(configDir: string, layer: LayerFiles, now = new Date()): Promise<TrustEntry> {
  const entry: TrustEntry = { config: layer[0]!.file, digest: layerDigest(layer), files: layer.map((f) => f.file), texts: layer.map((f) => f.text), at: now.toISOString() };
  await updateTrustStore(configDir, (entries) => [...entries.filter((e) => e.config !== entry.config), entry]);
  return entry;
}

function isEntry(e: unknown): e is TrustEntry {
  const x = e as TrustEntry;
  return typeof x === 'object' && x !== null && typeof x.config === 'string' && typeof x.digest === 'string' &&
    Array.isArray(x.files) && x.files.every((f) => typeof f === 'string') && Array.isArray(x.texts) && x.texts.length === x.files.length &&
    x.texts.every((t) => typeof t === 'string') && typeof x.at === 'string';
}

function storeError(file: string, message: string, at: { line?: number; col?: number } = {}): ConfigError {
  return new ConfigError([{ file, ...at, code: 'nomos.trust.store', message: `the trust store ${message}` }]);
}

/** Where JSON that does not parse goes wrong, as the YAML parser (JSON is YAML) points at it; loaded only then. */
async function locate(text: string): Promise<{ line?: number; col?: number }> {
  const mod = await import('yaml');
  const { LineCounter, parseDocument } = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const lineCounter = new LineCounter();
  const error = parseDocument(text, { lineCounter }).errors[0];
  return error ? lineCounter.linePos(error.pos[0]) : {};
}
