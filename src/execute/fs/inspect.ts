import { fstatSync, lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { basename, dirname } from 'node:path';
import { anchorDirectory } from './anchor.js';
import { FsError } from './errors.js';
import { visible } from '../../visible.js';

/** What `nomos fs stat --json` prints. */
export interface FileInfo {
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  /** Permission bits in octal, e.g. `0644`. */
  mode: string;
  mtime: string;
  /** Where a symlink points (as stored in the link, not resolved). */
  link?: string;
}

/** One entry of `nomos fs list --json`. */
export interface DirEntry {
  name: string;
  type: FileInfo['type'];
  size: number;
}

function typeOf(stat: Stats): FileInfo['type'] {
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : stat.isSymbolicLink() ? 'symlink' : 'other';
}

/** lstat of the checked path, through its held parent (a symlink is described, not followed). */
export function statChecked(path: string): FileInfo {
  const isRoot = path === '/';
  const anchor = anchorDirectory(isRoot ? '/' : dirname(path));
  try {
    const entry = anchor.at(basename(path));
    const stat = isRoot ? fstatSync(anchor.fd) : lstatSync(entry);
    const info: FileInfo = { path, type: typeOf(stat), size: stat.size, mode: `0${(stat.mode & 0o7777).toString(8)}`, mtime: stat.mtime.toISOString() };
    if (stat.isSymbolicLink()) info.link = readlinkSync(entry);
    return info;
  } catch (e) {
    throw e instanceof FsError ? e : FsError.from(e, path);
  } finally {
    anchor.close();
  }
}

/** The entries of a checked directory, read from the held directory itself, sorted by name. */
export function listChecked(path: string): DirEntry[] {
  const anchor = anchorDirectory(path);
  try {
    const names = readdirSync(anchor.self()).sort();
    return names.map((name) => {
      const stat = lstatSync(anchor.at(name));
      return { name, type: typeOf(stat), size: stat.size };
    });
  } catch (e) {
    throw e instanceof FsError ? e : FsError.from(e, path);
  } finally {
    anchor.close();
  }
}

/** `ls -p` style: one name a line, directories with a trailing slash. */
export function formatEntries(entries: DirEntry[]): string {
  // A name is anything but / and NUL: escaped (visible()), or `a\nb` lists as two entries and
  // `x\r\e[2Kok` as `ok` on a terminal. --json keeps the exact names.
  return entries.map((e) => `${visible(e.name)}${e.type === 'directory' ? '/' : ''}\n`).join('');
}

/** `stat`'s facts, one `key: value` a line. */
export function formatInfo(info: FileInfo): string {
  const lines = [`path: ${visible(info.path)}`, `type: ${info.type}`, `size: ${info.size}`, `mode: ${info.mode}`, `modified: ${info.mtime}`];
  if (info.link !== undefined) lines.push(`link: ${visible(info.link)}`);
  return `${lines.join('\n')}\n`;
}
