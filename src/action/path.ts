import { posix } from 'node:path';
import type { AnalysisContext } from './types.js';

/** Resolves a path the way the OS would from the command's cwd: absolute, `.`/`..` collapsed, `~` expanded. */
export function resolvePath(path: string, ctx: Pick<AnalysisContext, 'cwd' | 'home'>): string {
  let p = path;
  if (p === '~' || p.startsWith('~/')) p = ctx.home + p.slice(1);
  return posix.resolve(ctx.cwd, p);
}

/** A path as a file action holds it: resolved, and dynamic when relative to an unknown cwd. */
export function resolveFrom(path: string, ctx: { cwd: string; home: string; known?: boolean }): { path: string; unknown: boolean } {
  // Words arrive with `~` already expanded by bash's rules; a `~` left here is a literal name.
  return { path: posix.resolve(ctx.cwd, path), unknown: !path.startsWith('/') && ctx.known === false };
}
