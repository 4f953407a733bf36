import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { copyTree, type SyntaxNode, type TreeCursorLike } from './syntax.js';

/** Parses bash source into a plain syntax tree. */
export interface ShellParser {
  /** Which back end is in use. */
  backend: 'native' | 'wasm';
  parse(source: string): SyntaxNode;
}

interface TreeLike {
  walk(): TreeCursorLike;
  delete?(): void;
}

const require = createRequire(import.meta.url);
let loaded: Promise<ShellParser> | undefined;

/**
 * Loads tree-sitter-bash once: the native binding when its prebuilt binary loads,
 * else web-tree-sitter with the grammar's wasm (no compiler needed anywhere).
 * `NOMOS_PARSER=native|wasm` forces one (tests run both).
 */
export function loadShellParser(): Promise<ShellParser> {
  loaded ??= pickParser(process.env.NOMOS_PARSER);
  return loaded;
}

/** Loads one back end by name, uncached: tests run every case on both and compare. */
export function loadShellParserBackend(backend: 'native' | 'wasm'): Promise<ShellParser> {
  return backend === 'native' ? Promise.resolve(loadNative()) : loadWasm();
}

async function pickParser(forced: string | undefined): Promise<ShellParser> {
  if (forced === 'wasm') return loadWasm();
  try {
    return loadNative();
  } catch (error) {
    if (forced === 'native') throw error;
    return loadWasm();
  }
}

function loadNative(): ShellParser {
  const Parser = require('tree-sitter') as new () => { setLanguage(l: unknown): void; parse(s: string): TreeLike };
  const parser = new Parser();
  parser.setLanguage(require('tree-sitter-bash'));
  return { backend: 'native', parse: (source) => copyTree(parser.parse(source).walk(), source) };
}

async function loadWasm(): Promise<ShellParser> {
  // Without this V8 keeps optimising the grammar's wasm and exit waits ~0.8 s for it.
  setFlagsFromString('--liftoff-only');
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const bash = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const parser = new Parser();
  parser.setLanguage(bash);
  return {
    backend: 'wasm',
    parse(source) {
      const tree = parser.parse(source);
      if (!tree) throw new Error('tree-sitter returned no tree');
      try {
        return copyTree(tree.walk() as unknown as TreeCursorLike, source);
      } finally {
        tree.delete();
      }
    },
  };
}
