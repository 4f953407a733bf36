import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { PathsSpec } from './schema-match.js';
import { all, MAYBE, negate, NO, YES, type Tri } from './tristate.js';

/** Where rule patterns' `~`, `${workspace}` and nomos's own places point. */
export interface CompileContext {
  home: string;
  workspace: string;
  /** nomos's own files as configured (`${state}`, `${config}`, `${audit_log}` in patterns), so self-protection follows them. */
  places?: NomosPlaces;
}

/** Where nomos keeps its state, its user config and its audit log, and where it is installed. */
export interface NomosPlaces {
  state: string;
  config: string;
  auditLog: string;
  /** The installed package (`bin/`, `dist/`, the shipped `rules/`): `${nomos}`. */
  install: string;
}

/** A string test compiled from a rule pattern. */
export type Matcher = (value: string) => boolean;

/** Wraps one value or a list as a list. */
export const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** Expands `${workspace}`, nomos's places and a leading `~` so path patterns can be written portably. */
export function expand(pattern: string, ctx: CompileContext): string {
  let p = pattern.replaceAll('${workspace}', ctx.workspace);
  if (ctx.places) {
    const { state, config, auditLog, install } = ctx.places;
    p = p.replaceAll('${state}', state).replaceAll('${config}', config).replaceAll('${audit_log}', auditLog).replaceAll('${nomos}', install);
  }
  if (p === '~' || p.startsWith('~/')) p = ctx.home + p.slice(1);
  // `${state}/..`: the directory above a place, as the normalized paths actions carry.
  if (p.startsWith('/') && /\/\.\.(\/|$)/.test(p)) p = posix.normalize(p).replace(/(.)\/$/, '$1');
  return p;
}

/**
 * A glob (dotfiles included, since `.env` is exactly what rules look for), or a regex
 * written `re:…` (a `/…/` form would be ambiguous with paths like `/tmp/`). Compiled on
 * first use: the index means most patterns are never tested in a call, and building
 * their regexes up front was most of the policy's load time.
 */
export function patternMatcher(pattern: string): Matcher {
  let test: Matcher | undefined;
  return (s) => (test ??= compilePattern(pattern))(s);
}

function compilePattern(pattern: string): Matcher {
  if (pattern.startsWith('re:')) {
    const re = new RegExp(pattern.slice(3), 'u');
    return (s) => re.test(s);
  }
  // What picomatch's own matcher does on POSIX (an empty string never matches, the pattern itself
  // always does, else its regex), without the result object it builds per call: files listed
  // below a recursive op's directory are tested by the thousand (src/action/trees.ts).
  const re = picomatch.makeRe(pattern, { dot: true });
  return (s) => s !== '' && (s === pattern || re.test(s));
}

/** Matchers for a list of patterns after `~`/`${workspace}` expansion. */
export function matchers(patterns: string | string[] | undefined, ctx: CompileContext): Matcher[] | undefined {
  return list(patterns)?.map((p) => patternMatcher(expand(p, ctx)));
}

/**
 * The directory a glob's matches all lie in: its leading segments before any glob
 * character (`~/.ssh/id_*` → `/home/u/.ssh`). Undefined for a regex, and for a glob that
 * may match anywhere (one starting with `**`: its base would be `/`).
 */
export function globBase(pattern: string): string | undefined {
  if (pattern.startsWith('re:') || !pattern.startsWith('/')) return undefined;
  const segments = pattern.split('/');
  const fixed = segments.slice(0, segments.findIndex((seg) => /[*?[\]{}()!+@]/.test(seg)) >>> 0);
  const base = fixed.length === segments.length ? pattern : fixed.join('/');
  return base === '' || base === '/' ? undefined : base;
}

/**
 * Whether a rule path pattern may match some path strictly below `dir`: its segments before a
 * `**` match `dir`'s, and it has segments past them (`/tmp/nomos-[0-9]*` + `/approvals/**` cannot,
 * below /tmp/proj). A regex, a relative pattern, or one with `{` or `(` (which may hold a `/`) may.
 */
export function mayMatchBelow(pattern: string, dir: string): boolean {
  if (!pattern.startsWith('/') || /[{(]/.test(pattern)) return true;
  const segments = pattern.split('/').slice(1);
  const dirs = dir === '/' ? [] : dir.split('/').slice(1);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '**' || i >= dirs.length) return true;
    if (!(GLOB_CHARS.test(segment) ? picomatch.makeRe(segment, { dot: true }).test(dirs[i]!) : segment === dirs[i])) return false;
  }
  return false;
}

const GLOB_CHARS = /[*?[\\]/;

/** True when `path` is `dir` or below it. */
export function isUnder(path: string, dir: string): boolean {
  const base = dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
  return path === base || path.startsWith(base === '/' ? '/' : `${base}/`);
}

/** A test of one absolute path against `paths: {under, outside, glob}` (all given keys must hold). */
export function pathsMatcher(spec: PathsSpec, ctx: CompileContext): Matcher {
  const under = list(spec.under)?.map((d) => expand(d, ctx));
  const outside = list(spec.outside)?.map((d) => expand(d, ctx));
  const globs = matchers(spec.glob, ctx);
  return (path) => (!under || under.some((d) => isUnder(path, d)))
    && (!outside || outside.every((d) => !isUnder(path, d)))
    && (!globs || globs.some((m) => m(path)));
}

/** Neither is the other or below it: no path lies in both. */
function disjoint(a: string, b: string): boolean {
  return !isUnder(a, b) && !isUnder(b, a);
}

/** Whether a rule path pattern may match a path in `dir` or below: NO only when its base lies elsewhere. */
function patternReaches(pattern: string, dir: string): Tri {
  const base = globBase(pattern);
  return base !== undefined && disjoint(base, dir) ? NO : MAYBE;
}

/**
 * `paths: {under, outside, glob}` for every path in `dir` or below it (a glob's matches,
 * see globWithin): YES when all of them satisfy it, NO when none does, else MAYBE.
 */
export function pathsWithin(spec: PathsSpec, ctx: CompileContext): (dir: string) => Tri {
  const under = list(spec.under)?.map((d) => expand(d, ctx));
  const outside = list(spec.outside)?.map((d) => expand(d, ctx));
  const globs = list(spec.glob)?.map((g) => expand(g, ctx));
  const placed = (dirs: string[], dir: string): Tri => (dirs.some((d) => isUnder(dir, d)) ? YES : dirs.some((d) => isUnder(d, dir)) ? MAYBE : NO);
  return (dir) => all([
    under ? placed(under, dir) : YES,
    outside ? negate(placed(outside, dir)) : YES,
    globs ? (globs.every((g) => patternReaches(g, dir) === NO) ? NO : MAYBE) : YES,
  ]);
}

/** Problems with a pattern (bad regex or glob), for lint; empty when it compiles. */
export function patternProblem(pattern: string): string | undefined {
  try {
    compilePattern(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
