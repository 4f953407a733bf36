// What a recursive op on a directory reaches (`grep -r KEY .`, `tar czf a.tgz .`, Claude Code's
// Grep), read from the filesystem at decision time, so rules that may match anywhere (`**/.env`)
// meet the files really below it (src/action/trees.ts). Like glob.ts: links are listed, not
// descended, and one budget bounds the work of a decision.
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import type { TreeListing } from '../../action/types.js';

/**
 * How many directory entries one decision may read for all its trees together: every `grep -r`
 * and agent search pays for it (20,000 cost about 0.1 s of CPU here). Past it the listing is
 * partial (TreeListing.complete).
 */
export const TREE_BUDGET = 20_000;

/**
 * Directories read after everything else below the tree (then breadth first as the rest): what a
 * package manager or git puts there is large and not the project's own, so a project's files are
 * listed in full before the budget goes to them.
 */
const LATER = new Set(['node_modules', '.git']);

/** The entries left to read for one decision's trees (see TREE_BUDGET). */
export interface TreeBudget {
  left: number;
}

/** A directory to read: its path as a string, and as bytes when a name on the way is not UTF-8. */
interface Pending {
  path: string;
  raw?: Buffer;
}

/** Every file, directory and link below `dir` (not `dir` itself), breadth first (LATER last), links not followed; undefined when `dir` is not absolute. */
export function listTree(dir: string, budget: TreeBudget = { left: TREE_BUDGET }): TreeListing | undefined {
  if (!dir.startsWith('/')) return undefined;
  const out: TreeListing = { paths: [], links: [], complete: true };
  if (lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) out.link = true;
  const pending: Pending[] = [{ path: dir }];
  const later: Pending[] = [];
  for (let next = 0; next < pending.length || later.length > 0; next++) {
    if (next === pending.length) for (const deferred of later.splice(0)) pending.push(deferred);
    if (budget.left <= 0) {
      out.complete = false;
      break;
    }
    const at = pending[next]!;
    const entries = read(at, out);
    budget.left -= entries.length + 1;
    // Thousands of entries in a project: no object per entry beyond the path.
    const raw = at.raw !== undefined || entries.some((e) => e.name.includes('\uFFFD')) ? rawNames(at, out) : undefined;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const path = join(at.path, entry.name);
      // A name that is not UTF-8 reads as U+FFFD, a path that names nothing: gone on with as bytes.
      const bytes = raw?.get(entry.name);
      out.paths.push(path);
      if (entry.isDirectory()) (LATER.has(entry.name) ? later : pending).push(bytes ? { path, raw: bytes } : { path });
      else if (entry.isSymbolicLink()) out.links.push({ path, ...leadsTo(bytes ?? path) });
    }
  }
  return out;
}

/** One directory's entries; an unreadable one (EACCES: `sudo grep -r` reads it) makes the listing partial. */
function read(at: Pending, out: TreeListing): Dirent[] {
  try {
    return readdirSync(at.raw ?? at.path, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not a directory (`grep -r x file`), or gone: nothing below it.
    if (code !== 'ENOTDIR' && code !== 'ENOENT') out.complete = false;
    return [];
  }
}

/**
 * A directory's entries read as bytes, by the names Node gives them (U+FFFD where a byte is not
 * UTF-8), each the full path in bytes to go on with: only where a name is not UTF-8, or an
 * earlier one on the way was. Two names that read the same as text (`\xff`, `\xfe`) cannot both
 * be gone on with: the listing is then partial.
 */
function rawNames(at: Pending, out: TreeListing): Map<string, Buffer> {
  const base = at.raw ?? Buffer.from(at.path);
  const names = new Map<string, Buffer>();
  try {
    for (const name of readdirSync(base, { encoding: 'buffer' })) {
      const text = name.toString();
      if (names.has(text)) out.complete = false;
      else names.set(text, Buffer.concat([base, Buffer.from('/'), name]));
    }
  } catch {
    // Gone meanwhile: nothing below it.
  }
  return names;
}

/** Where a link leads and whether that is a directory; nothing when it leads nowhere. */
function leadsTo(path: string | Buffer): { real?: string; directory?: boolean } {
  try {
    const real = realpathSync(path, { encoding: 'utf8' });
    return { real, directory: statSync(real).isDirectory() };
  } catch {
    return {};
  }
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
