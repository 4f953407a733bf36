import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveRealPath } from '../../src/execute/fs/resolve.js';
import { planFsRequest } from '../../src/execute/fs/plan.js';

let root: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-resolve-')));
  mkdirSync(join(root, 'home/.ssh'), { recursive: true });
  mkdirSync(join(root, 'work/sub'), { recursive: true });
  writeFileSync(join(root, 'home/.ssh/id_rsa'), 'KEY');
});

const opts = (followsFinal = true) => ({ cwd: join(root, 'work'), home: join(root, 'home'), followsFinal });

describe('resolveRealPath: the path the kernel will reach', () => {
  it('resolves cwd-relative paths, ~ and plain ..', () => {
    expect(resolveRealPath('sub/../a.txt', opts())).toBe(join(root, 'work/a.txt'));
    expect(resolveRealPath('~/.ssh/id_rsa', opts())).toBe(join(root, 'home/.ssh/id_rsa'));
    expect(resolveRealPath('../home/.ssh/id_rsa', opts())).toBe(join(root, 'home/.ssh/id_rsa'));
  });

  it('follows a symlink to its real target (a link into ~/.ssh is a path in ~/.ssh)', () => {
    symlinkSync(join(root, 'home/.ssh/id_rsa'), join(root, 'work/innocent.txt'));
    expect(resolveRealPath('innocent.txt', opts())).toBe(join(root, 'home/.ssh/id_rsa'));
  });

  it('applies .. after a directory symlink to where the link led, as the kernel does (not lexically)', () => {
    symlinkSync(join(root, 'home/.ssh'), join(root, 'work/keys'));
    // Lexically `keys/../x` would be work/x; the kernel goes to home/.ssh/.. = home.
    expect(resolveRealPath('keys/../.ssh/id_rsa', opts())).toBe(join(root, 'home/.ssh/id_rsa'));
  });

  it('follows a dangling link to the file a write would create', () => {
    symlinkSync(join(root, 'home/.bashrc'), join(root, 'work/dangling'));
    expect(resolveRealPath('dangling', opts())).toBe(join(root, 'home/.bashrc'));
  });

  it('does not follow the final link for delete/stat (unlink acts on the link itself)', () => {
    symlinkSync(join(root, 'home/.ssh/id_rsa'), join(root, 'work/l'));
    expect(resolveRealPath('l', opts(false))).toBe(join(root, 'work/l'));
  });

  it('fails on symlink loops and on missing directories in the middle', () => {
    symlinkSync('loop2', join(root, 'work/loop1'));
    symlinkSync('loop1', join(root, 'work/loop2'));
    expect(() => resolveRealPath('loop1', opts())).toThrow(/too many levels/);
    expect(() => resolveRealPath('missing/../../home/.ssh/id_rsa', opts())).toThrow(/no such file/);
  });
});

describe('planFsRequest: the actions rules see', () => {
  it('a copy into a directory is decided by its final name, with the implied read and write', () => {
    writeFileSync(join(root, 'work/a.txt'), 'x');
    const actions = planFsRequest('copy', 'a.txt', 'sub', { cwd: join(root, 'work'), home: join(root, 'home') });
    expect(actions.map((a) => [a.op, a.path, a.target])).toEqual([
      ['copy', join(root, 'work/a.txt'), join(root, 'work/sub/a.txt')],
      ['read', join(root, 'work/a.txt'), undefined],
      ['write', join(root, 'work/sub/a.txt'), undefined],
    ]);
  });
});
