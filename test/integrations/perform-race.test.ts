import { linkSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../src/action/types.js';
import { perform } from '../../src/integrations/perform.js';
import { fileRequest } from '../../src/integrations/requests.js';
import type { ToolRequest } from '../../src/integrations/wire.js';
import { raceWorld } from '../helpers/race-world.js';

// What MCP clients, `nomos serve` and the library run: the decision is made on the
// symlink-resolved path (fileRequest), the file is opened later. A racing process swaps a
// symlink in between, where a real attacker would.
let root: string;
let work: string;
let secret: string;
beforeEach(() => {
  ({ root, work, secret } = raceWorld('nomos-perform-race-'));
});

const options = (maxBytes = 1024) => ({ cwd: work, home: join(root, 'home'), env: {}, timeoutMs: 5000, maxBytes });
/** The actions the pipeline evaluates for a file tool call, as a firewall decides them. */
const decided = (request: Extract<ToolRequest, { kind: 'file' }>): Action[] => {
  const r = fileRequest(request.op, [request.path], { cwd: work, home: join(root, 'home'), env: {} } as never, ['test']);
  return r.kind === 'actions' ? r.actions : [];
};

describe('file tool calls performed for integrations', () => {
  it('read, write, append and list the decided file when nothing changed', async () => {
    const read: ToolRequest = { kind: 'file', op: 'read', path: 'dir/a.txt' };
    expect(await perform(read, options(), decided(read))).toMatchObject({ exitCode: 0, stdout: 'harmless' });
    const write: ToolRequest = { kind: 'file', op: 'write', path: 'dir/b.txt', content: 'one' };
    expect((await perform(write, options(), decided(write))).exitCode).toBe(0);
    const append: ToolRequest = { kind: 'file', op: 'append', path: 'dir/b.txt', content: '+two' };
    expect((await perform(append, options(), decided(append))).exitCode).toBe(0);
    expect(readFileSync(join(work, 'dir/b.txt'), 'utf8')).toBe('one+two');
    const list: ToolRequest = { kind: 'file', op: 'list', path: 'dir' };
    expect((await perform(list, options(), decided(list))).stdout).toBe('a.txt\nb.txt\n');
  });

  it('a hard link renamed over the decided file takes no write to the file it names', async () => {
    const write: ToolRequest = { kind: 'file', op: 'write', path: 'dir/a.txt', content: 'pwned' };
    const actions = decided(write);
    linkSync(join(secret, 'a.txt'), join(work, 'dir/hl'));
    renameSync(join(work, 'dir/hl'), join(work, 'dir/a.txt'));
    const out = await perform(write, options(), actions);
    expect([out.exitCode, out.stderr]).toEqual([1, expect.stringMatching(/other names now/)]);
    expect(readFileSync(join(secret, 'a.txt'), 'utf8')).toBe('SECRET');
    expect((await perform(write, { ...options(), linked: [join(work, 'dir/a.txt')] }, actions)).exitCode).toBe(0);
  });

  it('reads the real file a decided symlink leads to, and refuses a file over the size cap', async () => {
    symlinkSync(join(work, 'dir/a.txt'), join(work, 'link'));
    const read: ToolRequest = { kind: 'file', op: 'read', path: 'link' };
    expect(decided(read).map((a) => (a as { path: string }).path)).toEqual([join(work, 'link'), join(work, 'dir/a.txt')]);
    expect(await perform(read, options(), decided(read))).toMatchObject({ exitCode: 0, stdout: 'harmless' });
    const r = await perform(read, options(4), decided(read));
    expect(r).toMatchObject({ exitCode: 1, stdout: '' });
    expect(r.stderr).toMatch(/8 bytes, more than the 4-byte limit/);
  });

  it('refuses a read when a parent directory became a symlink to a secret after the decision', async () => {
    const read: ToolRequest = { kind: 'file', op: 'read', path: 'dir/a.txt' };
    const actions = decided(read);
    renameSync(join(work, 'dir'), join(work, 'old'));
    symlinkSync(secret, join(work, 'dir'));
    const r = await perform(read, options(), actions);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/changed after it was checked/);
  });

  it('refuses a write when a symlink was planted at the decided path, and the link target stays untouched', async () => {
    const write: ToolRequest = { kind: 'file', op: 'write', path: 'dir/new.txt', content: 'pwned' };
    const actions = decided(write);
    symlinkSync(join(secret, 'a.txt'), join(work, 'dir/new.txt'));
    const r = await perform(write, options(), actions);
    expect(r.exitCode).toBe(1);
    expect(readFileSync(join(secret, 'a.txt'), 'utf8')).toBe('SECRET');
  });

  it('refuses a read when the final component was swapped for a symlink', async () => {
    const read: ToolRequest = { kind: 'file', op: 'read', path: 'dir/a.txt' };
    const actions = decided(read);
    rmSync(join(work, 'dir/a.txt'));
    symlinkSync(join(secret, 'a.txt'), join(work, 'dir/a.txt'));
    const r = await perform(read, options(), actions);
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(1);
  });
});
