// The names in a repository's git index, read from the file at decision time: `git ls-files` and
// `git diff --name-only` print entries the work tree may lack (a file deleted, a directory replaced),
// so where xargs or bash splits what they print, these names are checked too (src/action/trees.ts).
// Read as bytes, never by running git (a repository's config may run commands: core.fsmonitor).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** More entries than this: not read (a decision stays fast), so the names are not known. */
const MAX_ENTRIES = 200_000;

/**
 * The index entries of the repository holding `dir`, relative to its top: [] where no repository
 * holds it (git prints nothing there) or it has no index yet; undefined where they cannot be read
 * (an index nomos does not know how to read, one too large, an unreadable `.git`).
 */
export function readGitIndex(dir: string): string[] | undefined {
  try {
    const gitDir = findGitDir(dir);
    if (gitDir === undefined) return [];
    const hash = hashSize(gitDir);
    return parseIndex(readIndexFile(gitDir), hash);
  } catch (error) {
    return (error as { noIndex?: boolean }).noIndex ? [] : undefined;
  }
}

/** Reads a repository's index file; a repository without one yet (nothing added) has no entries. */
function readIndexFile(gitDir: string): Buffer {
  try {
    return readFileSync(join(gitDir, 'index'), { flag: 'r' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw Object.assign(new Error('no index'), { noIndex: true });
    throw error;
  }
}

/**
 * The git directory of the repository holding `dir`: the first `.git` on the way up (a directory, or a file
 * `gitdir: …` of a worktree or submodule). One that is no repository (no HEAD: `mkdir .git`) git passes by,
 * on to one above: which one it then uses is not worked out here, so it throws (not known).
 */
function findGitDir(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const dotGit = join(at, '.git');
    const stat = statSync(dotGit, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return repository(dotGit);
    if (stat?.isFile()) {
      const line = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (!line) throw new Error(`${dotGit} names no git directory`);
      return repository(resolve(at, line[1]!.trim()));
    }
    if (at === dirname(at)) return undefined;
  }
}

/** The git directory, where git takes it for one (its HEAD a ref or a hash, objects and refs in its common directory); else it throws. */
function repository(gitDir: string): string {
  const head = readFileSync(join(gitDir, 'HEAD'), 'utf8');
  const common = commonDir(gitDir);
  const isDir = (name: string) => statSync(join(common, name), { throwIfNoEntry: false })?.isDirectory() === true;
  if (!/^(?:ref: refs\/|[0-9a-f]{40}(?:[0-9a-f]{24})?\s*$)/.test(head) || !isDir('objects') || !isDir('refs')) throw new Error(`${gitDir} is no repository git would use`);
  return gitDir;
}

/** A worktree's common directory (its `commondir` file), else the git directory itself. */
function commonDir(gitDir: string): string {
  const file = join(gitDir, 'commondir');
  return statSync(file, { throwIfNoEntry: false }) ? resolve(gitDir, readFileSync(file, 'utf8').trim()) : gitDir;
}

/** 32 bytes for a SHA-256 repository (its config, or its common directory's for a worktree), else 20. */
function hashSize(gitDir: string): number {
  const config = readFileSync(join(commonDir(gitDir), 'config'), { encoding: 'utf8', flag: 'r' });
  return /objectformat\s*=\s*sha256/i.test(config) ? 32 : 20;
}

/** The names of an index file's entries (versions 2 to 4); throws where it is not one. */
export function parseIndex(buf: Buffer, hash: number): string[] {
  if (buf.toString('latin1', 0, 4) !== 'DIRC') throw new Error('not an index');
  const version = buf.readUInt32BE(4);
  const count = buf.readUInt32BE(8);
  if (version < 2 || version > 4 || count > MAX_ENTRIES) throw new Error(`index version ${version}, ${count} entries`);
  const names: string[] = [];
  let previous: Buffer = Buffer.alloc(0);
  let pos = 12;
  for (let i = 0; i < count; i++) {
    // ctime, mtime (8 bytes each), dev, ino, mode, uid, gid, size (4 each), the object's hash, then 16 bits of flags.
    const flags = buf.readUInt16BE(pos + 40 + hash);
    const start = pos + 40 + hash + 2 + (version >= 3 && flags & 0x4000 ? 2 : 0);
    let name: Buffer;
    if (version === 4) {
      // The name is the previous one less N bytes (N a varint), then this entry's bytes up to a NUL.
      let at = start;
      if (at >= buf.length) throw new Error('truncated index');
      let c = buf[at++]!;
      let strip = c & 127;
      while (c & 128) {
        if (at >= buf.length) throw new Error('truncated index');
        c = buf[at++]!;
        strip = ((strip + 1) << 7) | (c & 127);
      }
      const end = buf.indexOf(0, at);
      if (end < 0 || strip > previous.length) throw new Error('bad entry');
      name = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(at, end)]);
      pos = end + 1;
    } else {
      const length = flags & 0xfff;
      const end = length < 0xfff ? start + length : buf.indexOf(0, start);
      if (end < 0 || end > buf.length) throw new Error('bad entry');
      name = buf.subarray(start, end);
      // Each entry is padded with 1 to 8 NULs to a multiple of 8 bytes.
      pos += (end - pos + 8) & ~7;
    }
    if (pos > buf.length) throw new Error('truncated index');
    names.push(name.toString('utf8'));
    previous = name;
  }
  return names;
}
