// Loads dist/hot.cjs the way Node's CommonJS loader would, but through vm.Script with V8's
// code cache: the bundle's functions arrive compiled instead of being parsed on every call.
// Built to dist/launch.cjs; bin/nomos.js requires it. Plain Node APIs only: it runs first.
// Each page of memory a call first touches costs (16 µs each on a paravirtualized machine,
// more than the copying): the bundle is built already wrapped in the CommonJS function and
// in ASCII (scripts/build-hot.mjs), so it is compiled as read, without a UTF-8 decode or a
// concatenated copy, and the cache's data starts 8-byte aligned, so V8 uses it in place.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { writable } from '../../writable.js';
import type { HotCall } from './args.js';

export interface Hot {
  hotArgs(argv: readonly string[]): HotCall | undefined;
  runHot(call: HotCall): Promise<number>;
}

/**
 * Imports an ES module for the bundle: code compiled by vm.Script has no dynamic import
 * of its own (that needs an experimental vm option), so the bundle asks this module.
 */
export function importModule(url: string): Promise<unknown> {
  return import(url);
}

/**
 * Which build a cache belongs to (V8 itself only checks the source's length), padded with
 * spaces to a multiple of 8 bytes: V8 copies cached data that is not pointer-aligned.
 */
const stamp = (file: string, key = '') => {
  const s = statSync(file);
  const line = `nomos-code-cache ${s.size} ${s.mtimeMs}${key ? ` ${key}` : ''}`;
  return `${line.padEnd(Math.ceil((line.length + 1) / 8) * 8 - 1)}\n`;
};

/** The cache file's data for this build of `file`: undefined if the file is missing, null if it is another build's. */
function readCache(file: string, cacheFile: string, key?: string): Buffer | null | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const head = Buffer.from(stamp(file, key));
  return data.subarray(0, head.length).equals(head) ? data.subarray(head.length) : null;
}

/** Whether `command`'s shipped code cache is there and usable by this Node (`nomos doctor`). */
export function cacheState(command: string, dir: string): 'ok' | 'missing' | 'made for another build' | 'rejected by this Node' {
  const file = join(dir, 'hot.cjs');
  const cachedData = readCache(file, join(dir, `hot.cjs.${command}.cache`));
  if (cachedData === undefined) return 'missing';
  if (cachedData === null) return 'made for another build';
  return bundleScript(file, cachedData).cachedDataRejected ? 'rejected by this Node' : 'ok';
}

/** Writes the cache (atomically; a read-only install only costs speed). */
function writeCache(file: string, cacheFile: string, data: Buffer, key?: string): void {
  const temp = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(temp, Buffer.concat([Buffer.from(stamp(file, key)), data]));
    renameSync(temp, cacheFile);
  } catch {
    // not writable: the next call compiles without the cache, as now
  }
}

/**
 * Compiles and runs dist/hot.cjs for `command`, with that command's code cache
 * (dist/hot.cjs.<command>.cache: a cache holds only what its command compiled, and a
 * smaller cache loads faster). Without a usable cache (first run, another Node), the
 * cache is written when the process exits, with every function this call compiled;
 * `NOMOS_CODE_CACHE=write` compiles afresh and writes (the build's warm-up runs).
 *
 * V8 rejects a cache made under other V8 flags (`NODE_OPTIONS=--max-old-space-size=…`). A
 * process started with options first tries the one other cache kept per command
 * (`hot.cjs.<command>.alt.cache`, whose stamp names the options it was made under), then the
 * shipped one; when V8 takes neither, it writes the other one and leaves the shipped one alone:
 * callers with and without the options (a terminal and an agent) no longer rewrite one file in
 * turn (+16 ms each call), and other options never add files.
 */
export function loadHot(command: string, dir: string = __dirname): Hot {
  const file = join(dir, 'hot.cjs');
  const shipped = join(dir, `hot.cjs.${command}.cache`);
  const key = optionsKey();
  const own = key === undefined ? undefined : join(dir, `hot.cjs.${command}.alt.cache`);
  // Writing starts from nothing: a cache read in would be carried into the new one whole.
  const write = process.env.NOMOS_CODE_CACHE === 'write';
  // A script whose cache V8 rejected is compiled all the same: it runs, and its cache is written.
  let script: Script | undefined;
  for (const cacheFile of write ? [] : own ? [own, shipped] : [shipped]) {
    const cachedData = readCache(file, cacheFile, cacheFile === own ? key : undefined);
    if (!cachedData) continue;
    script = bundleScript(file, cachedData);
    if (!script.cachedDataRejected) return runBundle<Hot>(script, file, dir);
  }
  const compiled = script ?? bundleScript(file);
  if (write || writable(dir)) process.once('exit', () => writeCache(file, own ?? shipped, compiled.createCachedData(), key));
  return runBundle<Hot>(compiled, file, dir);
}

/**
 * A short name for the options this process runs under (NODE_OPTIONS and Node's own
 * arguments but inline code), or undefined without any: FNV-1a, in plain code (this runs before anything loads).
 */
function optionsKey(): string | undefined {
  // Inline code (`node -e …`, doctor's probe) is not an option of the process's V8.
  const argv = process.execArgv.filter((a, i, all) => !/^(?:-[ep]+|--eval|--print)(?:=|$)/.test(a) && !/^(?:-[ep]+|--eval|--print)$/.test(all[i - 1] ?? ''));
  const options = [process.env.NODE_OPTIONS?.trim() ?? '', ...argv].filter((o) => o !== '').join('\0');
  if (options === '') return undefined;
  let hash = 0x811c9dc5;
  for (let i = 0; i < options.length; i++) hash = Math.imul(hash ^ options.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** dist/hot.cjs as a script: the file is the function Node wraps a CommonJS module in, in ASCII. */
export function bundleScript(file: string, cachedData?: Buffer): Script {
  return new Script(readFileSync(file, 'latin1'), { filename: file, ...(cachedData ? { cachedData } : {}) });
}

/** Runs the bundle's script as a CommonJS module in `dir` and returns its exports. */
export function runBundle<T>(script: Script, file: string, dir: string): T {
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, bundleRequire(file), module, file, dir);
  return module.exports;
}

/**
 * The bundle's `require`: Node's built-ins at once, anything else (a package, dist/vendor)
 * through a require made for the bundle's file on first use. Making one costs a call that
 * only needs built-ins (every allowed check) as much as running a small module (0.3 ms).
 * The bundles call it only as a function (scripts/build-hot.mjs; test/e2e/launch.test.ts).
 */
function bundleRequire(file: string): (id: string) => unknown {
  let fromFile: NodeJS.Require | undefined;
  return (id) => (id.startsWith('node:') ? process.getBuiltinModule(id) : (fromFile ??= createRequire(file))(id));
}
