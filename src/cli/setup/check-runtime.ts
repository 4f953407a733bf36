import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../config/paths.js';
import { fail, firstLine, ok, warn, type CheckResult, type DoctorContext } from './check.js';

/** The oldest Node.js nomos runs on: 20.16 has process.getBuiltinModule (built-ins load on first use). */
const MIN_NODE = [20, 16] as const;

/** Node.js is new enough. */
export function checkNode(version = process.versions.node): CheckResult {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return ok('node', `v${version}`);
  return fail('node', `v${version} is too old: nomos needs Node.js ${MIN_NODE.join('.')} or newer`, `install Node.js ${MIN_NODE.join('.')}+ (e.g. with nvm, fnm or your package manager)`);
}

/** Reports, per hot command, whether its V8 code cache is there and accepted by this Node (src/cli/hot/launch.ts). */
const CACHE_PROBE = (dist: string) => `const { cacheState } = require(${JSON.stringify(join(dist, 'launch.cjs'))});
process.stdout.write(JSON.stringify(Object.fromEntries(['check', 'exec', 'hook'].map((c) => [c, cacheState(c, ${JSON.stringify(dist)})]))));`;

/** The hot commands' code caches load: without them every check, exec and hook call compiles its code again (a few ms). */
export async function checkCodeCache(ctx: DoctorContext): Promise<CheckResult> {
  const dist = join(packageRoot(), 'dist');
  const result = await ctx.runNode(['-e', CACHE_PROBE(dist)], ctx.env);
  let states: Record<string, string>;
  try {
    states = JSON.parse(result.stdout) as Record<string, string>;
  } catch {
    return warn('code cache', `cannot be checked (${firstLine(result)})`);
  }
  const bad = Object.entries(states).filter(([, state]) => state !== 'ok');
  if (bad.length === 0) return ok('code cache', 'check, exec and hook load precompiled');
  return warn('code cache', `${bad.map(([command, state]) => `${command}: ${state}`).join(', ')}: those calls start a few ms slower`, `run nomos check -- true (and exec, hook) once as a user who can write ${dist}; the call writes the cache`);
}

/** The daemon (optional): whether one answers calls, and whether it is this build's. */
export async function checkDaemon(ctx: DoctorContext): Promise<CheckResult> {
  const result = await ctx.runSelf(['daemon', 'status', '--json']);
  let status: { running?: boolean; serving?: boolean; pid?: number; calls?: number };
  try {
    status = JSON.parse(result.stdout) as typeof status;
  } catch {
    return warn('daemon', `cannot be checked (${firstLine(result)})`);
  }
  if (status.serving) return ok('daemon', `running (pid ${status.pid}, ${status.calls} calls answered): check, exec and hook calls go to it`);
  if (status.running) return warn('daemon', `pid ${status.pid} is another build of nomos: calls do not use it`, 'nomos daemon start (replaces it)');
  return ok('daemon', 'not running (optional: nomos daemon start makes check, exec and hook calls faster)');
}

// Each back end is loaded in a fresh process: the parser is chosen once per process.
const PROBE = (url: string) =>
  `const m = await import(${JSON.stringify(url)}); const p = await m.loadShellParser(); p.parse('echo ok | cat'); process.stdout.write(p.backend);`;

/** Both parser back ends load: the native binding (fast) and the wasm fallback (needs no compiler). */
export async function checkParser(ctx: DoctorContext): Promise<CheckResult> {
  const url = pathToFileURL(join(packageRoot(), 'dist', 'index.js')).href;
  const probe = async (backend: string) => {
    const result = await ctx.runNode(['--input-type=module', '-e', PROBE(url)], { ...ctx.env, NOMOS_PARSER: backend });
    return result.code === 0 && result.stdout === backend ? undefined : firstLine(result);
  };
  const [native, wasm] = await Promise.all([probe('native'), probe('wasm')]);
  if (!native && !wasm) return ok('parser', 'tree-sitter-bash loads natively and as wasm');
  if (!wasm) return warn('parser', `the native parser does not load here (${native}); the wasm one is used, a little slower to start`, 'reinstall nomos on this platform to get its prebuilt binary, or keep using wasm');
  if (!native) return fail('parser', `the wasm parser does not load (${wasm}); the native one does`, 'reinstall nomos (npm install -g nomos): web-tree-sitter or tree-sitter-bash is damaged');
  return fail('parser', `no shell parser loads: native (${native}); wasm (${wasm})`, 'reinstall nomos: npm install -g nomos');
}
