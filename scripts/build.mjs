// Bundles the CLI and the library into dist/ with esbuild. Heavy parts are dynamic
// imports, so they become separate chunks that only the paths needing them load.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { buildHot } from './build-hot.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  // prompt: the Ink prompt as its own entry, which the hot bundle (CommonJS) imports when it asks.
  entryPoints: { cli: 'src/cli/entry.ts', index: 'src/index.ts', prompt: 'src/approval/tty-prompt.tsx' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Native and wasm parsers load files relative to their own package: keep them external.
  // ink and react are bundled (2.21× vs 9.1× start-up unbundled) into the lazily imported prompt chunk;
  // react-devtools-core is only imported by ink when DEV=true and is not installed.
  external: ['tree-sitter', 'tree-sitter-bash', 'web-tree-sitter', 'react-devtools-core', 'typescript'],
  // restore-cursor writes to process.stderr (the agent's) at exit; the prompt uses /dev/tty.
  alias: { 'restore-cursor': './src/approval/restore-cursor-stub.ts' },
  define: { NOMOS_VERSION: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __nomosCreateRequire } from 'node:module'; const require = __nomosCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

await buildHot({ NOMOS_VERSION: JSON.stringify(pkg.version) });
await import('./warm-code-cache.mjs');
