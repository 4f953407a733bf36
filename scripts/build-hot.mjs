// The hot path's bundle: dist/hot.cjs (check, exec and hook; see src/cli/hot/entry.ts), one
// CommonJS file so bin/nomos.js can compile it with V8's code cache and skip the ESM loader.
// Heavy packages stay out of it and load only when a call needs them: CommonJS ones from
// node_modules, ESM-only ones (execa, cel-js) from their own CommonJS bundles in dist/vendor,
// and the Ink prompt (ESM, with top-level await in yoga) from the main build's dist/prompt.js.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { HOT_HEAD, HOT_TAIL } from './hot-wrapper.mjs';

/** ESM-only packages the hot path may need: each gets a CommonJS bundle, required on first use. */
const VENDOR = { execa: 'execa', '@marcbachmann/cel-js': 'cel-js' };
/** Loaded from node_modules when needed (never on a plain allow). */
const EXTERNAL = ['tree-sitter', 'tree-sitter-bash', 'web-tree-sitter', 'cosmiconfig', 'yaml', 'zod', 'undici', '@modelcontextprotocol/sdk', 'ink', 'react', 'react-devtools-core', 'typescript'];

const common = { bundle: true, minifyWhitespace: true, minifySyntax: true, format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', outExtension: { '.js': '.cjs' } };

/** Redirects vendor packages and the Ink prompt to files loaded at run time. */
const redirect = {
  name: 'nomos-hot-redirect',
  setup(b) {
    const names = Object.keys(VENDOR).map((n) => n.replace(/[/@.-]/g, '\\$&')).join('|');
    b.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => ({ path: args.path, namespace: 'vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ contents: `module.exports = require('./vendor/${VENDOR[args.path]}.cjs');`, loader: 'js' }));
    b.onResolve({ filter: /^\.\/(vendor\/|launch\.cjs$)/ }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /\/tty-prompt\.js$/ }, () => ({ path: 'tty-prompt', namespace: 'prompt' }));
    b.onLoad({ filter: /.*/, namespace: 'prompt' }, () => ({
      contents: "const { pathToFileURL } = require('node:url');\n"
        + "const load = () => require('./launch.cjs').importModule(pathToFileURL(require('node:path').join(__dirname, 'prompt.js')).href);\n"
        + 'exports.promptOnTty = async (...args) => (await load()).promptOnTty(...args);',
      loader: 'js',
    }));
  },
};

/** Builds dist/hot.cjs and dist/vendor/*.cjs; `define` is the main build's. */
export async function buildHot(define) {
  // import.meta.url, made only when read (it costs a URL on every start otherwise).
  const url = { 'import.meta.url': '__nomos_meta.url' };
  const banner = { js: "const __nomos_meta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" };
  // Code compiled by vm.Script cannot import(): every import() becomes a require (the prompt goes through launch.cjs).
  // The file is the function Node's CommonJS loader would wrap it in (src/cli/hot/launch.ts
  // compiles it as it is: no concatenated copy to flatten), in ASCII (read as latin1: no UTF-8
  // decoding), with short names (a smaller source and code cache: each page touched at start-up costs).
  await build({
    ...common, entryPoints: { hot: 'src/cli/hot/entry.ts' }, outdir: 'dist', minifyIdentifiers: true, charset: 'ascii',
    external: EXTERNAL, plugins: [redirect], define: { ...define, ...url }, supported: { 'dynamic-import': false },
    banner: { js: `${HOT_HEAD}\n${banner.js}` }, footer: { js: HOT_TAIL },
  });
  const hot = readFileSync('dist/hot.cjs');
  if (hot.some((byte) => byte > 0x7f)) throw new Error('dist/hot.cjs is not ASCII: src/cli/hot/launch.ts reads it as latin1');
  await build({ ...common, entryPoints: { launch: 'src/cli/hot/launch.ts' }, outdir: 'dist' });
  // The daemon (docs/daemon.md): its client, which bin/nomos.js asks first for check and hook (compiled
  // on every such call: short names, a fifth less to parse), and its process (names kept for its log).
  await build({ ...common, entryPoints: { client: 'src/daemon/client.ts' }, outdir: 'dist', banner, define: url, minifyIdentifiers: true });
  await build({ ...common, entryPoints: { daemon: 'src/daemon/main.ts' }, outdir: 'dist', banner, define: url });
  await build({ ...common, entryPoints: Object.fromEntries(Object.entries(VENDOR).map(([pkg, name]) => [name, pkg])), outdir: 'dist/vendor', define: url, banner });
}
