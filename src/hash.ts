// The hashes nomos seals and indexes with. SHA-256 and SHA-1 run in WebAssembly (src/sha.wat,
// compiled on first use, ~1 ms): a hook or exec call hashes a few KB, and loading node:crypto
// for that costs 6-9 ms, more than a tenth of Node's own start-up (`npm run bench`). A pure-JS
// sha256 (@noble/hashes, and a plain one) was measured and rejected: interpreted, it hashes a
// call's few KB slower than node:crypto loads. node:crypto remains for HMAC, for messages larger
// than the module's memory, where WebAssembly is off (`--jitless`), and for a process's hashes
// after its first WASM_CALLS.
// test/audit/hash.test.ts compares every path with node:crypto.
import { crypto } from './builtins.js';
import { SHA_WASM } from './sha-wasm.js';

type Part = string | Uint8Array;
type Algorithm = 'sha256' | 'sha1';

/** Where the blocks start in the module's memory (below: the state, SHA-256's constants, the schedule). */
const BLOCKS_AT = 1024;
/** The longest message hashed in WebAssembly: one 64 KiB page, less what lies below the blocks and the padding. */
export const MAX_WASM_BYTES = 65536 - BLOCKS_AT - 72;

const INITIAL: Record<Algorithm, number[]> = {
  sha256: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  sha1: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0],
};

/** The part of the WebAssembly global used here (the TypeScript libs in use do not declare it). */
declare const WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => { exports: unknown } };

interface ShaModule {
  memory: { buffer: ArrayBuffer };
  sha256(at: number, blocks: number): void;
  sha1(at: number, blocks: number): void;
}

/** The compiled module and its memory as bytes; null where WebAssembly cannot run. */
let sha: { module: ShaModule; memory: Buffer } | null | undefined;

function wasm(): typeof sha {
  if (sha === undefined) {
    try {
      const module = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(SHA_WASM, 'base64'))).exports as unknown as ShaModule;
      sha = { module, memory: Buffer.from(module.memory.buffer) };
    } catch {
      sha = null;
    }
  }
  return sha;
}

/**
 * How many hashes a process makes in WebAssembly: a call's dozen or so. A process that hashes
 * more (`nomos audit verify`, the daemon, `serve`) has time to load node:crypto, whose native
 * code hashes a log about twice as fast (`npm run bench`, audit verify).
 */
const WASM_CALLS = 64;
let calls = 0;

/** The digest of the parts in order (strings as UTF-8), hex. */
function digest(algorithm: Algorithm, parts: Part[]): string {
  return digestIn(++calls <= WASM_CALLS ? wasm() : null, algorithm, parts);
}

function digestIn(engine: typeof sha, algorithm: Algorithm, parts: Part[]): string {
  let size = 0;
  for (let i = 0; i < parts.length; i++) size += typeof parts[i] === 'string' ? Buffer.byteLength(parts[i] as string) : parts[i]!.length;
  if (!engine || size > MAX_WASM_BYTES) return nodeDigest(algorithm, parts);
  const { module, memory } = engine;
  let at = BLOCKS_AT;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    at += typeof part === 'string' ? memory.write(part, at) : (memory.set(part, at), part.length);
  }
  // Padding (FIPS 180-4, 5.1.1): a 1 bit, zeros, and the length in bits as a big-endian 64-bit number.
  const end = BLOCKS_AT + Math.ceil((size + 9) / 64) * 64;
  memory[at] = 0x80;
  memory.fill(0, at + 1, end - 4);
  memory.writeUInt32BE(size * 8, end - 4);
  const initial = INITIAL[algorithm];
  // WebAssembly memory is little-endian on every machine.
  for (let i = 0; i < initial.length; i++) memory.writeUInt32LE(initial[i]!, i * 4);
  module[algorithm](BLOCKS_AT, (end - BLOCKS_AT) / 64);
  let hex = '';
  for (let i = 0; i < initial.length; i++) hex += memory.readUInt32LE(i * 4).toString(16).padStart(8, '0');
  return hex;
}

function nodeDigest(algorithm: Algorithm, parts: Part[]): string {
  const c = crypto();
  // The one-shot hash (Node ≥ 20.12) is about twice as fast for short inputs as a Hash object.
  const oneShot = (c as { hash?: (alg: string, data: Part, enc: 'hex') => string }).hash;
  if (oneShot && parts.length === 1) return oneShot(algorithm, parts[0]!, 'hex');
  const h = c.createHash(algorithm);
  for (const part of parts) h.update(part);
  return h.digest('hex');
}

/** sha256 of the parts in order (strings as UTF-8), hex. */
export function sha256Hex(...parts: Part[]): string {
  return digest('sha256', parts);
}

/** sha1 of a string, hex (only where a stable spread is needed: never for integrity). */
export function sha1Hex(text: string): string {
  return digest('sha1', [text]);
}

/** HMAC-SHA256 of the parts in order under `key`, hex. */
export function hmacSha256Hex(key: Uint8Array, ...parts: Part[]): string {
  const h = crypto().createHmac('sha256', key);
  for (const part of parts) h.update(part);
  return h.digest('hex');
}

/** For tests: the digest through node:crypto, or through WebAssembly (undefined where it cannot run). */
export const digestWith = {
  node: (algorithm: Algorithm, parts: Part[]): string => nodeDigest(algorithm, parts),
  wasm: (algorithm: Algorithm, parts: Part[]): string | undefined => {
    const engine = wasm();
    return engine ? digestIn(engine, algorithm, parts) : undefined;
  },
};
