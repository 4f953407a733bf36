import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeSandbox, runCli } from '../helpers/cli.js';

/** Whether the process `pid` or one below it has `path` open (from /proc). */
function holdsOpen(pid: number, path: string): boolean {
  const fds = (p: number) => {
    try {
      return readdirSync(`/proc/${p}/fd`).map((fd) => readLinkOrEmpty(`/proc/${p}/fd/${fd}`));
    } catch {
      return [];
    }
  };
  const children = (p: number) => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((t) => readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  return fds(pid).includes(path) || children(pid).some((c) => holdsOpen(c, path));
}

function readLinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

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
    // `nomos trust p2` stalls (as a loaded machine could) after it opened the store to read it
    // and before its write: strace's fault injection holds its first open of the store 2 s
    // (the descriptor keeps the store as it was, whatever is renamed over it meanwhile).
    const child = spawn('strace', ['-f', '-qq', '-o', '/dev/null', '-P', store, '-e', 'trace=openat', '-e', 'inject=openat:delay_exit=2000000:when=1', process.execPath, BIN, 'trust', p2], { env: sb.env, cwd: sb.cwd, stdio: 'ignore' });
    let done = false;
    const trusting = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)).on('close', () => (done = true)));
    // The revocation starts once `nomos trust p2` holds the store open (its read stalled), not before.
    for (const end = Date.now() + 10_000; !holdsOpen(child.pid!, store) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    expect(holdsOpen(child.pid!, store)).toBe(true);
    const revoking = runCli(['trust', '--revoke', p1], sb);
    expect(await trusting).toBe(0);
    expect((await revoking).code).toBe(0);
    const listed = JSON.parse((await runCli(['trust', '--list', '--json'], sb)).stdout) as { config: string }[];
    expect(listed.map((e) => e.config)).toEqual([join(p2, '.nomosrc.yaml')]);
    // The revoked config may only tighten again: its allow rule is left out.
    expect((await runCli(['check', '--', 'frob'], sb, { cwd: p1 })).code).toBe(75);
  }, 30_000);
});
