import { createRequire } from 'node:module';
import { v8 } from '../../builtins.js';
import { repairAppends } from './appends.js';
import { parseFast } from './fast-parse.js';
import { parseFdVariables } from './fd-variables.js';
import { parseKeywords } from './keywords.js';
import { copyTree, newNameCache, repairPipelines, type SyntaxNode, type TreeCursorLike } from './syntax.js';

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

/** Node's require from here, made when a grammar loads (plain commands never need it). */
const requireHere = () => createRequire(import.meta.url);
/** The parser by `NOMOS_PARSER` ('' for the default): a daemon answers calls that may choose differently. */
const loaded = new Map<string, Promise<ShellParser>>();

/**
 * Plain commands (words, quotes, `&&`, `||`, `|`, `;`) take a parser-free fast path that
 * builds tree-sitter's exact tree (held to it by a differential test); the rest is parsed.
 * Loads tree-sitter-bash once: the native binding when its prebuilt binary loads,
 * else web-tree-sitter with the grammar's wasm (no compiler needed anywhere).
 * `NOMOS_PARSER=native|wasm` forces one (tests run both).
 */
export function loadShellParser(): Promise<ShellParser> {
  const choice = process.env.NOMOS_PARSER ?? '';
  let parser = loaded.get(choice);
  if (!parser) loaded.set(choice, (parser = pickParser(process.env.NOMOS_PARSER)));
  return parser;
}

/** The full parser, if it has been asked for already (a long-running front end loads it once). */
export function loadedShellParser(): Promise<ShellParser> | undefined {
  return loaded.get(process.env.NOMOS_PARSER ?? '');
}

/**
 * A parser for requests the fast path covers (see `fastPathCovers`): it loads no grammar
 * up front. Should a later parse (a rewrite, an edited command) decline the fast path,
 * the native binding loads then, synchronously; where only the wasm back end works
 * that cannot happen synchronously, so the parse throws and the call fails closed.
 */
export function lazyShellParser(): ShellParser {
  let full: ShellParser | undefined;
  return {
    get backend() {
      return full?.backend ?? 'native';
    },
    parse(source) {
      const fast = parseFast(source);
      if (fast) return fast;
      full ??= loadNativeOrFail();
      return full.parse(source);
    },
  };
}

function loadNativeOrFail(): ShellParser {
  if (process.env.NOMOS_PARSER === 'wasm') throw new Error('internal: the wasm shell parser was not loaded before deciding');
  try {
    return loadNative();
  } catch (cause) {
    throw new Error('internal: the native shell parser does not load here and the wasm one was not loaded before deciding', { cause });
  }
}

/** Whether every parse the analysis of `analyze` makes takes the fast path (so no grammar is needed). */
export function fastPathCovers(analyze: (parse: (source: string) => SyntaxNode) => unknown): boolean {
  const declined = new Error('fast path declined');
  try {
    analyze((source) => parseFast(source) ?? throwError(declined));
    return true;
  } catch {
    return false; // declined, or any other failure: the full parser decides (and reports) it
  }
}

function throwError(error: Error): never {
  throw error;
}

/**
 * Loads one back end by name, uncached: tests run every case on both and compare.
 * `grammarOnly` skips the fast path, so the fast path can be held to the grammar's trees.
 */
export function loadShellParserBackend(backend: 'native' | 'wasm', grammarOnly = false): Promise<ShellParser> {
  return backend === 'native' ? Promise.resolve(loadNative(grammarOnly)) : loadWasm(grammarOnly);
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

function loadNative(grammarOnly = false): ShellParser {
  const require = requireHere();
  const Parser = require('tree-sitter') as { new (): { setLanguage(l: unknown): void; parse(s: string): TreeLike }; SyntaxNode: unknown };
  const language = require('tree-sitter-bash') as { nodeSubclasses?: unknown };
  // setLanguage builds a JS class per node type (7–30 ms at start-up) unless the language has
  // them already; nomos reads trees through a cursor only, so the base class serves every type.
  language.nodeSubclasses ??= new Proxy([], { get: () => Parser.SyntaxNode });
  const parser = new Parser();
  parser.setLanguage(language);
  const names = newNameCache();
  const once = (source: string) => repairAppends(repairPipelines(copyTree(parser.parse(source).walk(), source, names), source), source);
  const grammar = (source: string) => parseKeywords(source, (text) => parseFdVariables(text, once));
  return { backend: 'native', parse: grammarOnly ? grammar : (source) => parseFast(source) ?? grammar(source) };
}

async function loadWasm(grammarOnly = false): Promise<ShellParser> {
  // Without this V8 keeps optimising the grammar's wasm and exit waits ~0.8 s for it.
  v8().setFlagsFromString('--liftoff-only');
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const bash = await Language.load(requireHere().resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const parser = new Parser();
  parser.setLanguage(bash);
  const names = newNameCache();
  const once = (source: string) => {
    const tree = parser.parse(source);
    if (!tree) throw new Error('tree-sitter returned no tree');
    try {
      return repairAppends(repairPipelines(copyTree(tree.walk() as unknown as TreeCursorLike, source, names), source), source);
    } finally {
      tree.delete();
    }
  };
  return {
    backend: 'wasm',
    parse(source) {
      const fast = grammarOnly ? undefined : parseFast(source);
      return fast ?? parseKeywords(source, (text) => parseFdVariables(text, once));
    },
  };
}
