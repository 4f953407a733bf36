import { lstatSync, mkdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { anchorDirectory, type Anchor } from './anchor.js';
import { FsError } from './errors.js';

/** Runs `fn` with the checked parent of `path` held open, then lets it go. */
function inParent<T>(path: string, fn: (anchor: Anchor, name: string) => T): T {
  const anchor = anchorDirectory(dirname(path));
  try {
    return fn(anchor, basename(path));
  } catch (e) {
    throw e instanceof FsError ? e : FsError.from(e, path);
  } finally {
    anchor.close();
  }
}

/** Deletes the checked path itself (a symlink is removed, not followed); directories need `recursive`. */
export function deleteChecked(path: string, recursive: boolean): void {
  inParent(path, (anchor, name) => {
    const entry = anchor.at(name);
    const stat = lstatSync(entry);
    if (!stat.isDirectory()) unlinkSync(entry);
    else if (recursive) rmSync(entry, { recursive: true });
    else rmdirSync(entry);
  });
}

/** Renames between two checked locations, each reached through its held parent directory. */
export function moveChecked(source: string, target: string): void {
  inParent(source, (from, name) => inParent(target, (to, targetName) => renameSync(from.at(name), to.at(targetName))));
}

/** Creates a directory; with `parents`, each missing level in turn, each level checked before the next is made in it. */
export function mkdirChecked(path: string, parents: boolean): void {
  if (!parents) {
    inParent(path, (anchor, name) => mkdirSync(anchor.at(name)));
    return;
  }
  const missing: string[] = [];
  let existing = path;
  while (!isDirectory(existing)) {
    missing.unshift(basename(existing));
    existing = dirname(existing);
  }
  for (const name of missing) {
    const next = join(existing, name);
    inParent(next, (anchor, n) => mkdirIfMissing(anchor.at(n)));
    existing = next;
  }
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function mkdirIfMissing(path: string): void {
  try {
    mkdirSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
