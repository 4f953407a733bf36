import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { performFs, textInput } from '../../src/execute/fs/perform.js';
import { planFsRequest } from '../../src/execute/fs/plan.js';
import { raceWorld } from '../helpers/race-world.js';

let root: string;
let work: string;
let secret: string;
beforeEach(() => {
  ({ root, work, secret } = raceWorld('nomos-race-'));
});

const ctx = () => ({ cwd: work, home: join(root, 'home') });
const sink = () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString() };
};
const io = (out: PassThrough, content = '') => ({ output: out, input: textInput(content) });

// The check is planFsRequest (what rules see); the use is performFs. Between them a
// racing process swaps a symlink in, exactly where a real attacker would.
describe('a symlink swapped in between check and use', () => {
  it('reads the checked file when nothing changed', async () => {
    const [action] = planFsRequest('read', 'dir/a.txt', undefined, ctx());
    const { out, text } = sink();
    const outcome = await performFs('read', action!, io(out));
    expect(text()).toBe('harmless');
    expect(outcome.detail).toMatchObject({ bytes: 8 });
  });

  it('refuses when the final component became a symlink to a secret', async () => {
    const [action] = planFsRequest('read', 'dir/a.txt', undefined, ctx());
    rmSync(join(work, 'dir/a.txt'));
    symlinkSync(join(secret, 'a.txt'), join(work, 'dir/a.txt'));
    const { out, text } = sink();
    await expect(performFs('read', action!, io(out))).rejects.toThrow(/changed after it was checked/);
    expect(text()).toBe('');
  });

  it('refuses when a parent directory became a symlink (the fd is proven to be the checked directory)', async () => {
    const [action] = planFsRequest('read', 'dir/a.txt', undefined, ctx());
    renameSync(join(work, 'dir'), join(work, 'old'));
    symlinkSync(secret, join(work, 'dir'));
    const { out, text } = sink();
    await expect(performFs('read', action!, io(out))).rejects.toThrow(/changed after it was checked/);
    expect(text()).toBe('');
  });

  it('refuses when a grandparent became a symlink (O_NOFOLLOW alone would not see it)', async () => {
    mkdirSync(join(work, 'dir/sub'));
    mkdirSync(join(secret, 'sub'));
    writeFileSync(join(work, 'dir/sub/a.txt'), 'harmless');
    writeFileSync(join(secret, 'sub/a.txt'), 'SECRET');
    const [action] = planFsRequest('read', 'dir/sub/a.txt', undefined, ctx());
    renameSync(join(work, 'dir'), join(work, 'old'));
    symlinkSync(secret, join(work, 'dir'));
    const { out, text } = sink();
    await expect(performFs('read', action!, io(out))).rejects.toThrow(/changed after it was checked \(it is now .*secret\/sub\)/);
    expect(text()).toBe('');
  });

  it('a write through a swapped parent truncates nothing outside', async () => {
    const [action] = planFsRequest('write', 'dir/a.txt', undefined, ctx());
    renameSync(join(work, 'dir'), join(work, 'old'));
    symlinkSync(secret, join(work, 'dir'));
    await expect(performFs('write', action!, io(new PassThrough(), 'pwned'))).rejects.toThrow(/changed after it was checked/);
    expect(readFileSync(join(secret, 'a.txt'), 'utf8')).toBe('SECRET');
  });

  it('a hard link renamed over the checked file takes no write or append to the file it names (the write landed in the secret)', async () => {
    for (const op of ['write', 'append'] as const) {
      const [action] = planFsRequest(op, 'dir/a.txt', undefined, ctx());
      linkSync(join(secret, 'a.txt'), join(work, 'dir/hl'));
      renameSync(join(work, 'dir/hl'), join(work, 'dir/a.txt'));
      await expect(performFs(op, action!, io(new PassThrough(), 'pwned'))).rejects.toThrow(/changed after it was checked \(it has other names now/);
      expect(readFileSync(join(secret, 'a.txt'), 'utf8')).toBe('SECRET');
      writeFileSync(join(work, 'dir/b.txt'), 'x');
      renameSync(join(work, 'dir/b.txt'), join(work, 'dir/a.txt'));
    }
    // A file that had other names when it was decided (the decision asked about it) is written.
    linkSync(join(work, 'dir/a.txt'), join(work, 'dir/other'));
    const [action] = planFsRequest('write', 'dir/a.txt', undefined, ctx());
    await performFs('write', action!, { ...io(new PassThrough(), 'both'), linked: true });
    expect(readFileSync(join(work, 'dir/other'), 'utf8')).toBe('both');
  });

  it('a delete of a checked path swapped for a link to a directory removes nothing outside', async () => {
    const [action] = planFsRequest('delete', 'dir/a.txt', undefined, ctx());
    renameSync(join(work, 'dir'), join(work, 'old'));
    symlinkSync(secret, join(work, 'dir'));
    await expect(performFs('delete', action!, { ...io(new PassThrough()), recursive: true })).rejects.toThrow(/changed after it was checked/);
    expect(readFileSync(join(secret, 'a.txt'), 'utf8')).toBe('SECRET');
  });
});

describe('content', () => {
  it('writes, appends and copies binary content byte for byte', async () => {
    const bytes = Buffer.from([0, 255, 10, 13, 0xc3, 0x28, 0]);
    const [w] = planFsRequest('write', 'bin.dat', undefined, ctx());
    await performFs('write', w!, { output: new PassThrough(), input: () => Readable.from([bytes]) });
    const [a] = planFsRequest('append', 'bin.dat', undefined, ctx());
    await performFs('append', a!, { output: new PassThrough(), input: () => Readable.from([bytes]) });
    const [c] = planFsRequest('copy', 'bin.dat', 'copy.dat', ctx());
    const outcome = await performFs('copy', c!, io(new PassThrough()));
    expect(readFileSync(join(work, 'copy.dat'))).toEqual(Buffer.concat([bytes, bytes]));
    expect(outcome.detail).toMatchObject({ op: 'copy', bytes: 14 });
  });

  it('mkdir --parents creates each level and lists it', async () => {
    const [m] = planFsRequest('mkdir', 'x/y/z', undefined, { ...ctx(), parents: true });
    await performFs('mkdir', m!, { ...io(new PassThrough()), parents: true });
    const [l] = planFsRequest('list', 'x/y', undefined, ctx());
    const { out, text } = sink();
    await performFs('list', l!, { ...io(out), json: true });
    expect(JSON.parse(text())).toEqual([{ name: 'z', type: 'directory', size: expect.any(Number) }]);
  });
});
