import { posix } from 'node:path';
import type { AnalysisContext } from './types.js';

/** Resolves a path the way the OS would from the command's cwd: absolute, `.`/`..` collapsed, `~` expanded. */
export function resolvePath(path: string, ctx: Pick<AnalysisContext, 'cwd' | 'home'>): string {
  let p = path;
  if (p === '~' || p.startsWith('~/')) p = ctx.home + p.slice(1);
  return posix.resolve(ctx.cwd, p);
}

/** A path as a file action holds it: resolved, and dynamic when relative to an unknown cwd. */
export function resolveFrom(path: string, ctx: { cwd: string; home: string; known?: boolean }): { path: string; unknown: boolean; written?: string } {
  // Words arrive with `~` already expanded by bash's rules; a `~` left here is a literal name.
  const resolved = { path: posix.resolve(ctx.cwd, path), unknown: !path.startsWith('/') && ctx.known === false };
  return DOT_DOT.test(path) ? { ...resolved, written: path.startsWith('/') ? path : `${ctx.cwd}/${path}` } : resolved;
}

/** A `..` segment: lexical normalizing may go elsewhere than the kernel (FileAction.written). */
const DOT_DOT = /(^|\/)\.\.(\/|$)/;

/**
 * The directory every name a glob word becomes lies in (as written: `build/*.o` → build,
 * resolved): its segments before the first with a glob character. Undefined when that is
 * not sure: a `..` after it, or a pattern starting with `.` (`.*` matches `..` before bash 5.2).
 */
export function globWithin(word: string, ctx: { cwd: string; known?: boolean }): string | undefined {
  if (ctx.known === false && !word.startsWith('/')) return undefined;
  const segments = word.split('/');
  const first = segments.findIndex((s) => /[*?[]/.test(s));
  if (first < 0) return undefined;
  if (segments.slice(first).some((s) => s === '..' || (s.startsWith('.') && /[*?[]/.test(s)))) return undefined;
  const base = segments.slice(0, first).join('/');
  return posix.resolve(ctx.cwd, base === '' ? (word.startsWith('/') ? '/' : '.') : base);
}
