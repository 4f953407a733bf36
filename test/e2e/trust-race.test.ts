import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, renameSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeSandbox, runCli } from '../helpers/cli.js';

const OPEN = 'version: 1\ndefault: allow\nrules:\n  - id: repo.frob\n    match: { command: frob }\n    decision: allow\n';

describe('nomos trust under concurrency (real processes)', () => {
  it('a revocation made while another nomos trust is writing the store is never written back', async () => {
    const sb = makeSandbox();
    const p1 = join(sb.root, 'p1');
    const p2 = join(sb.root, 'p2');
    sb.write('p1/.nomosrc.yaml', OPEN);
    sb.write('p2/.nomosrc.yaml', OPEN);
    expect((await runCli(['trust', p1], sb)).code).toBe(0);
    const store = join(sb.home, '.config', 'nomos', 'trusted.json');
    const content = readFileSync(store);
    // The store is a FIFO for a moment: `nomos trust p2` reads it, and stalls (as a loaded
    // machine could) until we close it, after its read and before its write.
    renameSync(store, `${store}.real`);
    spawnSync('mkfifo', [store]);
    const fifo = `${store}.fifo`;
    spawnSync('ln', [store, fifo]);
    const writer = open(fifo, 'w');
    const trusting = new Promise<number | null>((resolve) => spawn(process.execPath, [BIN, 'trust', p2], { env: sb.env, cwd: sb.cwd, stdio: 'ignore' }).on('close', resolve));
    const fifoHandle = await writer;
    await fifoHandle.write(content);
    renameSync(`${store}.real`, store);
    const revoking = runCli(['trust', '--revoke', p1], sb);
    await new Promise((r) => setTimeout(r, 2_000));
    await fifoHandle.close();
    expect(await trusting).toBe(0);
    expect((await revoking).code).toBe(0);
    const listed = JSON.parse((await runCli(['trust', '--list', '--json'], sb)).stdout) as { config: string }[];
    expect(listed.map((e) => e.config)).toEqual([join(p2, '.nomosrc.yaml')]);
    // The revoked config may only tighten again: its allow rule is left out.
    expect((await runCli(['check', '--', 'frob'], sb, { cwd: p1 })).code).toBe(75);
  }, 30_000);
});
