import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../config/paths.js';
import { fail, firstLine, ok, warn, type CheckResult, type DoctorContext } from './check.js';

const MIN_NODE = 20;

/** Node.js is new enough. */
export function checkNode(version = process.versions.node): CheckResult {
  const major = Number(version.split('.')[0]);
  if (major >= MIN_NODE) return ok('node', `v${version}`);
  return fail('node', `v${version} is too old: nomos needs Node.js ${MIN_NODE} or newer`, `install Node.js ${MIN_NODE}+ (e.g. with nvm, fnm or your package manager)`);
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
