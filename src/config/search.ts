import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { RuleText } from './policy-cache.js';
import { projectRootOf } from './paths.js';
import { readSearchCache, takePrints, writeSearchCache } from './search-cache.js';
import { tempDir } from '../builtins.js';

/**
 * Where a project's config may live, nearest directory first. JS configs are not loaded:
 * config is data, not code. Not `package.json#nomos`: npm and agents write package.json all
 * the time, so the shipped packs cannot guard it as they guard these names (self.files), and
 * an agent allowed to edit it could have written its own policy.
 */
export const SEARCH_PLACES = [
  '.nomosrc', '.nomosrc.json', '.nomosrc.yaml', '.nomosrc.yml',
  '.config/nomosrc', '.config/nomosrc.json', '.config/nomosrc.yaml', '.config/nomosrc.yml',
  'nomos.config.json', 'nomos.config.yaml', 'nomos.config.yml',
];

/** How long the config search may take before nomos gives up (exit 78): reading a few small files takes milliseconds. */
const SEARCH_DEADLINE_MS = 10_000;

/**
 * Finds the nearest project config (cosmiconfig: `.nomosrc*`, `.config/nomosrc*`, `nomos.config.*`) from cwd upwards and returns its text (JSON is YAML, so one parser reads both).
 * With a state dir, the answer is remembered and reused only while every file the search
 * could have read up to it is unchanged (see search-cache.ts).
 */
export async function findProjectConfig(cwd: string, stateDir?: string): Promise<RuleText | undefined> {
  const cached = stateDir === undefined ? undefined : readSearchCache(stateDir, cwd, SEARCH_PLACES);
  if (cached !== undefined) return cached ?? undefined;
  const before = takePrints(cwd, SEARCH_PLACES);
  // cosmiconfig would read it, and a FIFO's read waits for a writer: nomos would hang.
  const unreadable = before.paths.find((_, i) => before.prints[i] === '!ENOTREG');
  if (unreadable !== undefined) throw new ConfigError([{ file: unreadable, code: 'nomos.config.not-regular', message: 'a config file must be a regular file (this is a FIFO, socket or device, which nomos does not read); remove it' }]);
  const found = await searchWithCosmiconfig(cwd);
  if (stateDir !== undefined) writeSearchCache(stateDir, cwd, before, found ?? null);
  return found;
}

/**
 * cosmiconfig reads a "meta config" (`.config/config.js`, `package.json#cosmiconfig` …) from
 * the process's cwd when an explorer is created, and *executes* JS ones: a file the agent
 * wrote in the workspace would run inside nomos, or redirect the search to a JS file. So
 * the explorer is created from a fresh private empty directory, where no meta config exists.
 */
function outsideWorkspace<T>(create: () => T): T {
  const previous = process.cwd();
  const empty = mkdtempSync(join(tempDir(), 'nomos-cosmiconfig-'));
  try {
    process.chdir(empty);
    return create();
  } finally {
    process.chdir(previous);
    rmSync(empty, { recursive: true, force: true });
  }
}

/** The search itself; its import alone costs more than a whole cached decision. */
async function searchWithCosmiconfig(cwd: string): Promise<RuleText | undefined> {
  const mod = await import('cosmiconfig');
  // cosmiconfig is CommonJS: bundled, its exports sit under `default`.
  const cosmiconfig = mod.cosmiconfig ?? (mod as unknown as { default: typeof mod }).default.cosmiconfig;
  const raw = (filepath: string, content: string) => ({ filepath, content });
  const refuse = (filepath: string) => {
    throw new Error(`${filepath}: nomos does not run code to read its config`);
  };
  const explorer = outsideWorkspace(() => cosmiconfig('nomos', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'global',
    cache: false,
    // Defence in depth: config is data; a JS/TS loader would run code from the workspace.
    loaders: { '.json': raw, '.yaml': raw, '.yml': raw, noExt: raw, '.js': refuse, '.cjs': refuse, '.mjs': refuse, '.ts': refuse, '.cts': refuse, '.mts': refuse },
  }));
  let result;
  let timer: NodeJS.Timeout | undefined;
  // A file swapped for a FIFO after the prints were taken would still hang the read: fail closed instead.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${SEARCH_DEADLINE_MS / 1000} s (a config file that never ends, such as a FIFO?)`)), SEARCH_DEADLINE_MS);
  });
  try {
    result = await Promise.race([explorer.search(cwd), late]);
  } catch (cause) {
    throw new ConfigError([{ file: cwd, code: 'nomos.config.unreadable', message: `cannot search for config: ${(cause as Error).message}` }], { cause });
  } finally {
    clearTimeout(timer);
  }
  if (!result || result.isEmpty) return undefined;
  // The global strategy ends in the user's config directory (~/.config/nomos/config.yaml): that
  // file is the user layer, not a project's (loaded twice, its ids clashed, and trust took it for one).
  const root = projectRootOf(result.filepath);
  if (cwd !== root && !cwd.startsWith(root === '/' ? '/' : `${root}/`)) return undefined;
  return { file: result.filepath, layer: 'project', text: (result.config as { content: string }).content };
}
