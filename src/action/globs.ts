import { SPLITS } from './shell/piped.js';
import type { Action, AnalysisContext, FileAction, Opaque } from './types.js';

/**
 * A file action on a glob (`cat src/*.ts`) becomes one action per path the glob matches
 * now, each then decided as any other path (its symlinks followed, see real-paths.ts); a
 * glob that matches nothing is passed on as written, so it is that path. Where the front end
 * cannot tell (no lister, too many matches), the action stays dynamic: "any file".
 */
export function withExpandedGlobs(actions: Action[], expandGlob: NonNullable<AnalysisContext['expandGlob']>): Action[] {
  let made: Made | undefined;
  return actions.flatMap((action) => {
    if (action.kind !== 'file' || !action.glob) return [action];
    const paths = expandGlob(action.path);
    if (paths === undefined) return [action];
    // xargs (or bash) would split or unquote a path holding a blank or quote below the start path (find prints that part as it is).
    const splits = action.split ? SPLITS[action.split] : undefined;
    const risky = (rest: string): boolean => !!splits?.test(rest) || (!!action.bare && rest.startsWith('-'));
    if (splits || action.bare) {
      // The names printed are those of the glob, or of the globs it names (`ls docs` prints docs's names, read here).
      for (const pattern of action.names ?? [action.path]) {
        const names = pattern === action.path ? paths : expandGlob(pattern);
        const fixed = fixedPrefix(pattern);
        if (!names || names.some((p) => risky(p.slice(fixed.length)))) return [action];
        // The same command may make such a name before find or grep runs (`: > 'src/x .env'; cat $(find src)`): not listed now.
        if (mayMake((made ??= madePaths(actions)), fixed, risky, !!splits)) return [action];
      }
    }
    const { dynamic: _dynamic, glob: _glob, split: _split, bare: _bare, names: _names, ...rest } = action;
    return paths.length === 0 ? [rest] : paths.map((path): FileAction => ({ ...rest, path }));
  });
}

/**
 * A glob bash expands to a name starting with `-` gives the program an option, not a file:
 * `sort *` with a file named `-olink` wrote where the link `link` leads, and `rm *` with one named
 * `-rf` deletes directories. Opaque where a glob word whose first character is a glob character
 * (before any `--`) matches such a name now, or the same command may make one first (`echo x > ./-olink; sort *`,
 * which no listing now shows). One that cannot be listed stays any file (withExpandedGlobs).
 */
export function optionGlobs(actions: Action[], expandGlob: NonNullable<AnalysisContext['expandGlob']>): Opaque[] {
  const out: Opaque[] = [];
  let made: Made | undefined;
  // bash expands a glob where the shell is, not where a wrapper starts the command (`env -C sub -- sort *`
  // gives sort the names here): each glob is read where each command given that word starts (the wrapper's too).
  const basesOf = (word: string): string[] => [...new Set(actions.flatMap((a) => (a.kind === 'exec' && a.cwd !== undefined && a.globs?.some((j) => a.argv[j] === word) ? [a.cwd === '/' ? '/' : `${a.cwd}/`] : [])))];
  for (const action of actions) {
    if (action.kind !== 'exec' || !action.globs || action.cwd === undefined) continue;
    const end = action.argv.indexOf('--');
    for (const i of action.globs) {
      const word = action.argv[i]!;
      if (i === 0 || (end >= 0 && i > end) || !/^[*?[]/.test(word)) continue;
      for (const base of basesOf(word)) {
        const option = expandGlob(base + word)?.find((p) => p.startsWith(base) && p[base.length] === '-');
        if (option) out.push({ reason: `the glob ${word} gives ${action.program} ${option.slice(base.length)}, which it reads as an option`, text: word, span: [0, 0], via: action.via });
        // `echo x > ./-olink; sort *`: a name the same command makes is not listed now, and the glob may give it.
        else if (mayMake((made ??= madePaths(actions)), base, (rest) => rest.startsWith('-'), false)) out.push({ reason: `the command makes a file the glob ${word} may give ${action.program} as an option (a name starting with - or one nomos cannot know)`, text: word, span: [0, 0], via: action.via });
        else continue;
        break;
      }
    }
  }
  return out;
}

/** Paths the command writes or makes: each with whether names below it are not known (a copy or move into it, a tree synced there); `any` where one is not known. */
export type Made = { path: string; below: boolean }[] | 'any';

/** What madePaths reads: the files a command writes, creates, copies or moves to, or names for a program nomos does not model. */
const MAKES = new Set(['write', 'append', 'copy', 'move', 'arg']);

export function madePaths(actions: Action[]): Made {
  const out: { path: string; below: boolean }[] = [];
  for (const a of actions) {
    if (a.kind !== 'file' || a.glob || !MAKES.has(a.op)) continue;
    const into = a.op === 'copy' || a.op === 'move';
    const path = into ? a.target : a.path;
    if (path === undefined) continue;
    // A copy's or move's source nomos cannot know makes names it cannot know below the target (its write says where that is).
    if (a.dynamic && !into) return 'any';
    out.push({ path, below: into || !!a.slash });
  }
  return out;
}

/**
 * Whether the command may make, under the directory `dir` (ending in `/`), a path that is `risky`
 * (relative to dir), or names nomos cannot know there: in dir itself, or, where `deep`, anywhere below it
 * (a name starting with `-` is an option only as the first segment; a blank splits it anywhere).
 */
export function mayMake(made: Made, dir: string, risky: (rest: string) => boolean, deep: boolean): boolean {
  if (made === 'any') return true;
  return made.some(({ path, below }) => {
    if (dir.startsWith(`${path}/`) || `${path}/` === dir) return below;
    if (!path.startsWith(dir)) return false;
    return (below && deep) || risky(path.slice(dir.length));
  });
}

/** The directories of a glob before its first segment with a glob character (`/w/src/` of `/w/src/**`, and of `/w/src/a?/x`). */
function fixedPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const first = segments.findIndex((s) => /[*?[]/.test(s));
  return first < 0 ? pattern : `${segments.slice(0, first).join('/')}/`;
}

/** The most patterns one `{a,b}` list may stand for before nomos stops expanding it. */
const MAX_BRACES = 64;

/**
 * The patterns a glob with `{a,b}` lists (nested too) stands for, as the glob package (minimatch)
 * reads them; undefined past MAX_BRACES. `{a..c}` ranges and a list with no comma are left as they are. Pure.
 */
export function expandBraces(pattern: string): string[] | undefined {
  let out = [pattern];
  for (let round = 0; round < MAX_BRACES; round++) {
    let changed = false;
    const next: string[] = [];
    for (const p of out) {
      const list = innermostList(p);
      if (!list) {
        next.push(p);
        continue;
      }
      changed = true;
      for (const part of p.slice(list.open + 1, list.close).split(',')) next.push(p.slice(0, list.open) + part + p.slice(list.close + 1));
    }
    out = [...new Set(next)];
    if (out.length > MAX_BRACES) return undefined;
    if (!changed) return out;
  }
  return undefined;
}

/** The first `{…}` with a comma and no brace inside it. */
function innermostList(p: string): { open: number; close: number } | undefined {
  for (let close = p.indexOf('}'); close >= 0; close = p.indexOf('}', close + 1)) {
    const open = p.lastIndexOf('{', close);
    if (open >= 0 && p.slice(open + 1, close).includes(',')) return { open, close };
  }
  return undefined;
}

/** An extglob (`+(a|b)`, `!(x)`, `@(…)`, `?(…)`, `*(…)`): nomos's glob reader does not read these. */
export function hasExtglob(pattern: string): boolean {
  return /[!?+*@]\(/.test(pattern);
}

/**
 * An absolute path or glob as a glob that matches each of its names in either letter case
 * (the glob package's `nocase`, which Gemini CLI's read_many_files sets: `.SSH/ID_RSA` reads
 * `.ssh/id_rsa`): the first letter of each segment without glob characters goes in brackets,
 * which expandGlob's segment matcher reads in either case. Pure.
 */
export function anyCasePattern(path: string): string {
  return path.split('/').map((segment) => {
    if (/[*?[]/.test(segment)) return segment;
    const chars = [...segment];
    const letter = chars.findIndex((c) => c.toLowerCase() !== c.toUpperCase());
    return letter < 0 ? segment : `${chars.slice(0, letter).join('')}[${chars[letter]}]${chars.slice(letter + 1).join('')}`;
  }).join('/');
}
