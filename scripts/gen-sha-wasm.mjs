// Assembles src/sha.wat (SHA-256 and SHA-1 compression in WebAssembly) into src/sha-wasm.ts,
// the module's bytes as base64, which src/hash.ts compiles on first use. Run after editing
// the .wat: `node scripts/gen-sha-wasm.mjs`; test/audit/hash.test.ts fails while they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import wabt from 'wabt';

const WAT = new URL('../src/sha.wat', import.meta.url);
const OUT = new URL('../src/sha-wasm.ts', import.meta.url);

/** The module's bytes as base64, assembled from the .wat as it is now. */
export async function assembleShaWasm() {
  const module = (await wabt()).parseWat('sha.wat', readFileSync(WAT, 'utf8'));
  try {
    module.validate();
    return Buffer.from(module.toBinary({}).buffer).toString('base64');
  } finally {
    module.destroy();
  }
}

/** src/sha-wasm.ts for `base64`. */
export const shaWasmSource = (base64) => `// Generated from src/sha.wat by scripts/gen-sha-wasm.mjs: do not edit.
export const SHA_WASM = '${base64}';
`;

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(OUT, shaWasmSource(await assembleShaWasm()));
