// What a glob word becomes when bash runs it, read from the filesystem at decision time, so a
// rule sees `cat src/a.ts src/b.ts` rather than "any file" for `cat src/*.ts`. The answer is
// a superset of bash's: dotfiles match (as with dotglob), `**` descends (as with globstar)
// and is also bash's plain `*` (globstar is off by default), links to directories included.
// The pattern arrives after quote removal, so which characters were quoted is not known:
// each `[` is read both as a literal and as a bracket expression (segmentMatcher).
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';

/** More matches (or directories read for `**`) than this: the glob stays "any file". */
const MAX_PATHS = 1000;

const GLOB = /[*?[]/;

/**
 * How many directory entries one decision may read for all its globs together. A command with
 * thousands of `/usr/` globstar words took minutes to decide, past the agent's hook timeout, and an
 * agent runs the tool when its hook times out: past the budget, a glob stays "any file" (fail closed, fast).
 */
export const GLOB_BUDGET = 200_000;

/** The entries left to read for one decision's globs (see GLOB_BUDGET). */
export interface GlobBudget {
  left: number;
}

/** Thrown inside expandGlob when the decision's budget is spent. */
const SPENT = new Error('glob budget spent');

/** Thrown inside expandGlob when a directory holds a name a string cannot give back (not UTF-8). */
const UNNAMED = new Error('a name that is not UTF-8');

/** The paths an absolute glob matches now, sorted; undefined when it cannot tell (too many, unreadable, `..` after a glob, the budget spent). */
export function expandGlob(pattern: string, budget: GlobBudget = { left: GLOB_BUDGET }): string[] | undefined {
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
      const match = GLOB.test(segment) ? segmentMatcher(segment) : undefined;
      for (const path of paths) {
        if (segment === '**') walk(path, next, last, budget);
        if (!match) next.push(join(path, segment));
        else for (const entry of entries(path, budget)) if (match(entry.name) && (last || isDirectory(path, entry))) next.push(join(path, entry.name));
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

/**
 * `**` as globstar: the directory and every directory below it (not descending through links,
 * as bash), links to directories named too; last in the pattern, files too. The caller adds
 * what `**` is without globstar: `*`.
 */
function walk(dir: string, out: string[], files: boolean, budget: GlobBudget): void {
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    out.push(current);
    if (out.length > MAX_PATHS) return;
    for (const entry of entries(current, budget)) {
      if (entry.isDirectory()) pending.push(join(current, entry.name));
      else if (files || isDirectory(current, entry)) out.push(join(current, entry.name));
    }
  }
}

/**
 * Whether a name may match one segment of a pattern whose quoting is lost: `*` any string,
 * `?` any character (quoted, each matches itself too), `[` itself or a bracket expression
 * closing at any later `]` (mayBeInClass). Everything else, `\\ { } ! ( ) @ +` too, is itself:
 * bash has done brace expansion and quote removal, and extglob is off. Letters match either
 * case: the command may have set nocaseglob (`shopt -s nocaseglob; cat ID_*`).
 */
export function segmentMatcher(segment: string): (name: string) => boolean {
  const chars = charMatcher([...segment]);
  // In the C locale bash and find match bytes: `??` is one two-byte `ü` (schl??ssel.pe? named schlüssel.pem).
  const bytes = /[^\0-\x7f]/.test(segment) || GLOB.test(segment) ? charMatcher(asBytes(segment)) : undefined;
  return (text) => chars([...text]) || (bytes !== undefined && /[^\0-\x7f]/.test(text) && bytes(asBytes(text)));
}

/** A string's UTF-8 bytes, one character each. */
function asBytes(text: string): string[] {
  return [...Buffer.from(text, 'utf8')].map((b) => String.fromCharCode(b));
}

/** segmentMatcher over one reading of the pattern and the names: characters, or bytes. */
function charMatcher(chars: string[]): (name: string[]) => boolean {
  const closes = chars.map((_, i) => chars.flatMap((c, j) => (c === ']' && j > i ? [j] : [])));
  return (name) => {
    const memo = new Map<number, boolean>();
    const at = (p: number, n: number): boolean => {
      const key = p * (name.length + 1) + n;
      let out = memo.get(key);
      if (out !== undefined) return out;
      const c = chars[p];
      if (c === undefined) out = n === name.length;
      else if (c === '*') out = at(p + 1, n) || (n < name.length && at(p, n + 1));
      else if (n === name.length) out = false;
      else if (c === '?') out = at(p + 1, n + 1);
      else if (c === '[') out = (name[n] === '[' && at(p + 1, n + 1)) || closes[p]!.some((j) => mayBeInClass(name[n]!, chars.slice(p + 1, j)) && at(j + 1, n + 1));
      else out = sameLetter(name[n]!, c) && at(p + 1, n + 1);
      memo.set(key, out);
      return out;
    };
    return at(0, 0);
  };
}

function sameLetter(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether a character may be in a bracket expression with this inside: any character when
 * it may be negated (`!`, `^`) or hold a class (`[:alpha:]`, `[=a=]`); else a listed character
 * or one in a range, its case either way and any non-ASCII one (ranges follow the collation
 * order when globasciiranges is off).
 */
function mayBeInClass(ch: string, inside: string[]): boolean {
  if (inside[0] === '!' || inside[0] === '^' || inside.includes('[')) return true;
  if (inside.some((c) => sameLetter(ch, c))) return true;
  for (let i = 1; i + 1 < inside.length; i++) {
    if (inside[i] !== '-') continue;
    if (ch.codePointAt(0)! > 0x7f) return true;
    const [lo, hi] = [inside[i - 1]!.codePointAt(0)!, inside[i + 1]!.codePointAt(0)!];
    if ([ch, ch.toLowerCase(), ch.toUpperCase()].some((c) => c.codePointAt(0)! >= lo && c.codePointAt(0)! <= hi)) return true;
  }
  return false;
}

function entries(dir: string, budget: GlobBudget): Dirent[] {
  if (budget.left <= 0) throw SPENT;
  try {
    const list = readdirSync(dir, { withFileTypes: true });
    budget.left -= list.length + 1;
    // A name that is not UTF-8 reads as U+FFFD, a path that names nothing: what find or bash gives the
    // command there (u/$'\xff'/key) would be left out, so the glob is "any file".
    if (list.some((entry) => entry.name.includes('\uFFFD') && !exists(join(dir, entry.name)))) throw UNNAMED;
    return list;
  } catch (error) {
    if (error === UNNAMED) throw error;
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
