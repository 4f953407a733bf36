import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { FsError } from './errors.js';

/** Linux's limit on symlinks followed in one lookup; more is ELOOP, as the kernel says. */
const MAX_LINKS = 40;

/** How to resolve one path. */
export interface ResolveOptions {
  cwd: string;
  home: string;
  /** Follow a symlink in the final component (open, stat) or not (unlink, rename, lstat). */
  followsFinal: boolean;
  /** Let missing directories stand in the path (`mkdir -p`); otherwise only the last may be missing. */
  missingParents?: boolean;
}

/**
 * Resolves a path the way the kernel's lookup will: relative to cwd, `~` expanded,
 * every symlink followed where it stands, and `..` applied to the directory a link led
 * to (not to the text before it, as a lexical normalize would). What rules see is the
 * real location of the file the operation will touch; a link into `~/.ssh` is a path
 * in `~/.ssh`. A dangling link is followed too: writing through it creates its target.
 */
export function resolveRealPath(path: string, options: ResolveOptions): string {
  if (path === '') throw new FsError('ENOENT', 'empty path');
  const expanded = path === '~' || path.startsWith('~/') ? options.home + path.slice(1) : path;
  const pending = (expanded.startsWith('/') ? expanded : `${options.cwd}/${expanded}`).split('/');
  let current = '/';
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === '' || name === '.') continue;
    if (name === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, name);
    const last = !pending.some((n) => n !== '' && n !== '.');
    if (last && !options.followsFinal) return next;
    const stat = lstatOrMissing(next);
    if (!stat) return missingRest(next, pending, last, options, path);
    if (stat.isSymbolicLink()) {
      if (++links > MAX_LINKS) throw new FsError('ELOOP', `too many levels of symbolic links: ${path}`);
      const target = readlinkSync(next);
      pending.unshift(...target.split('/'));
      if (target.startsWith('/')) current = '/';
      continue;
    }
    if (!last && !stat.isDirectory()) throw new FsError('ENOTDIR', `not a directory: ${next}`);
    current = next;
  }
  return current;
}

function lstatOrMissing(path: string) {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw FsError.from(e, path);
  }
}

/** A missing component: fine as the last one (it will be created); in the middle only for `mkdir -p`. */
function missingRest(next: string, pending: string[], last: boolean, options: ResolveOptions, original: string): string {
  if (last) return next;
  const rest = pending.filter((n) => n !== '' && n !== '.');
  // The kernel fails `missing/../x`; collapsing it lexically would reach a place the OS never would.
  if (!options.missingParents || rest.includes('..')) throw new FsError('ENOENT', `no such file or directory: ${original}`);
  return posix.join(next, ...rest);
}

/** cp/mv into an existing directory put the file inside it, so rules must see that final name. */
export function intoDirectory(target: string, source: string): string {
  try {
    return statSync(target).isDirectory() ? join(target, posix.basename(source)) : target;
  } catch {
    return target;
  }
}
