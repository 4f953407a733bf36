import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/lock.js';

const HOLDER = resolve(import.meta.dirname, 'fixtures/hold-acquired.ts');
const ROOT = resolve(import.meta.dirname, '../..');

describe('a lock held by a process in another pid namespace (a container sharing the state directory)', () => {
  it('is not broken while its holder lives, however long it holds it; then it is free', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'nomos-foreign-')), 'turn');
    // The holder cannot be seen from here: its pid and namespace are its own (unshare, as root; CI runs as root).
    const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, '--import', 'tsx', HOLDER, target, '14000'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    for (const end = Date.now() + 10_000; out === '' && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect({ out, err }).toEqual({ out: 'locked', err: '' });
    // Longer than the 10 s after which a lock whose owner cannot be checked counts as stale by its age.
    expect(await acquireLock(target, Date.now() + 12_000)).toBeUndefined();
    const release = await acquireLock(target, Date.now() + 10_000);
    expect(out).toBe('locked released');
    expect(release).toBeTypeOf('function');
    release!();
  }, 40_000);
});
