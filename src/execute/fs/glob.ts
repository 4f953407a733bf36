// What a glob word becomes when bash runs it, read from the filesystem at decision time, so a
// rule sees `cat src/a.ts src/b.ts` rather than "any file" for `cat src/*.ts`. The answer is
// a superset of bash's: dotfiles match (as with dotglob), `**` descends (as with globstar).
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import picomatch from 'picomatch';

/** More matches (or directories read for `**`) than this: the glob stays "any file". */
const MAX_PATHS = 1000;

const GLOB = /[*?[]/;

/** The paths an absolute glob matches now, sorted; undefined when it cannot tell (too many, unreadable, `..` after a glob). */
export function expandGlob(pattern: string): string[] | undefined {
  if (!pattern.startsWith('/')) return undefined;
  const segments = pattern.split('/').slice(1);
  const first = segments.findIndex((s) => GLOB.test(s));
  if (first < 0 || segments.slice(first).some((s) => s === '..' || s === '.')) return undefined;
  let paths = [`/${segments.slice(0, first).join('/')}`.replace(/\/$/, '') || '/'];
  try {
    for (const [k, segment] of segments.entries()) {
      if (k < first) continue;
      const last = k === segments.length - 1;
      const next: string[] = [];
      for (const path of paths) {
        if (segment === '**') walk(path, next, last);
        else if (!GLOB.test(segment)) next.push(join(path, segment));
        else {
          const match = picomatch(segment, { dot: true });
          for (const entry of entries(path)) if (match(entry.name) && (last || isDirectory(path, entry))) next.push(join(path, entry.name));
        }
        if (next.length > MAX_PATHS) return undefined;
      }
      paths = next;
    }
  } catch {
    return undefined;
  }
  // Literal segments after a glob name only what exists; a glob that matches nothing stays as written.
  return [...new Set(paths.filter(exists))].sort();
}

/** `**`: the directory and every directory below it (not through links, as bash's globstar); last in the pattern, files too. */
function walk(dir: string, out: string[], files: boolean): void {
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    out.push(current);
    if (out.length > MAX_PATHS) return;
    for (const entry of entries(current)) {
      if (entry.isDirectory()) pending.push(join(current, entry.name));
      else if (files) out.push(join(current, entry.name));
    }
  }
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // Not a directory, or gone: nothing matches in it. Unreadable: bash cannot tell either, nor can nomos.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR' || (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function isDirectory(dir: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

/** A name in a directory, a dangling link too (bash's glob lists it). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
