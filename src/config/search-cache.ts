import { statSync } from 'node:fs';
import { readRegular } from '../regular-file.js';
import { writeAtomic } from '../atomic-write.js';
import { dirname, join, resolve } from 'node:path';
import { makeDirs } from '../make-dirs.js';
import { cacheName } from './cache-name.js';
import type { RuleText } from './policy-cache.js';
import { homeDir } from '../builtins.js';

/**
 * The global config dir's names cosmiconfig's global search reads last. Its meta config is
 * not among the paths: the explorer is created in a private empty directory (search.ts), so
 * no workspace file (package.json included) can add search places.
 */
const GLOBAL_PLACES = ['config', 'config.json', 'config.yaml', 'config.yml', 'config.js', 'config.ts', 'config.cjs', 'config.mjs'];

/** A remembered search: every path it could have read up to its answer, with what each held. */
interface SearchRecord {
  paths: string[];
  prints: string[];
  found: RuleText | null;
}

/**
 * Every path cosmiconfig's global search may read, in its order, as a superset: each search
 * place in cwd and every parent up to the root (cosmiconfig stops at the home directory),
 * then the global config dir.
 */
export function searchCandidates(cwd: string, places: string[]): string[] {
  // Directories are absolute and normalized (resolve, dirname): plain concatenation is join here, and cheaper.
  const under = (dir: string, p: string) => (dir === '/' ? `/${p}` : `${dir}/${p}`);
  const paths: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const p of places) paths.push(under(dir, p));
    if (dirname(dir) === dir) break;
  }
  const globalDir = resolve(process.env.XDG_CONFIG_HOME || join(homeDir(), '.config'), 'nomos');
  for (const p of GLOBAL_PLACES) paths.push(under(globalDir, p));
  return paths;
}

/**
 * What a path holds now: `!` and the error code when it cannot be read (absent: one stat,
 * no exception; a directory, which the search passes by: EISDIR; a FIFO or device, which it
 * must not read: ENOTREG), else `=` and its whole content (content, not stat: no same-tick races).
 */
export function fingerprint(path: string): string {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return '!ENOENT';
    if (stat.isDirectory()) return '!EISDIR';
    return `=${readRegular(path).toString('utf8')}`;
  } catch (error) {
    return `!${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

function cachePath(stateDir: string, cwd: string): string {
  return join(stateDir, `search-${cacheName(resolve(cwd))}.json`);
}

/**
 * The remembered answer for cwd, if every path the search could have read up to that
 * answer still holds exactly what it held: a config created nearer, edited, emptied or
 * removed since changes a print, and the search runs again.
 */
export function readSearchCache(stateDir: string, cwd: string, places: string[]): RuleText | null | undefined {
  let record: SearchRecord;
  try {
    record = JSON.parse(readRegular(cachePath(stateDir, cwd), true).toString('utf8')) as SearchRecord;
  } catch {
    return undefined;
  }
  const expected = searchCandidates(cwd, places);
  if (!Array.isArray(record.paths) || record.paths.length !== record.prints?.length || record.paths.some((p, i) => p !== expected[i])) return undefined;
  if (!record.paths.every((p, i) => fingerprint(p) === record.prints[i])) return undefined;
  // The answer must be what its prints say: the text of the last path fingerprinted, as a project
  // config. The state directory is the agent's user's too; an entry written to hand back other
  // text, or a `user` layer (which may disable self.* rules), is not an answer.
  const found = record.found;
  if (found === null) return record.prints.every((p) => p.startsWith('!') || p === '=') ? null : undefined;
  const at = record.paths.length - 1;
  return found && found.layer === 'project' && found.file === record.paths[at] && record.prints[at] === `=${found.text}` ? found : undefined;
}

/** Prints taken before a search, so a file that changes during it makes the record stale, never wrong. */
export function takePrints(cwd: string, places: string[]): { paths: string[]; prints: string[] } {
  const paths = searchCandidates(cwd, places);
  return { paths, prints: paths.map(fingerprint) };
}

/** Remembers a search's answer with the prints of the paths up to it; failing to write only costs speed. */
export function writeSearchCache(stateDir: string, cwd: string, before: { paths: string[]; prints: string[] }, found: RuleText | null): void {
  const file = found?.file;
  const upTo = file === undefined ? before.paths.length : before.paths.indexOf(file) + 1;
  if (upTo === 0) return; // an answer outside the known places: search every time
  const record: SearchRecord = { paths: before.paths.slice(0, upTo), prints: before.prints.slice(0, upTo), found };
  try {
    makeDirs(stateDir, 0o700);
    writeAtomic(cachePath(stateDir, cwd), JSON.stringify(record));
  } catch {
    // A read-only state dir only costs speed.
  }
}
