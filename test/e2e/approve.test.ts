import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
let rules: string;
beforeEach(() => {
  sb = makeSandbox();
  rules = sb.write('ask.yaml', 'version: 1\ndefault: allow\nrules:\n  - id: test.marker\n    match: { command: touch }\n    decision: ask\n    message: Creating files needs a human.\n');
});

const auditEvents = () => readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const exists = (name: string) => readdirSync(sb.cwd).includes(name);

/** Starts `nomos exec` without a terminal and resolves the request id from its one stderr line. */
async function startWaiting(command: string, env: NodeJS.ProcessEnv = {}) {
  const run = runCli(['exec', '--rules', rules, '--', command], sb, { env: { NOMOS_APPROVAL_TIMEOUT: '20s', ...env }, timeoutMs: 30_000 });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const list = await runCli(['approve', '--list', '--json'], sb);
    const pending = JSON.parse(list.stdout) as { id: string; command: string; rules: string[] }[];
    if (pending.length) return { run, pending };
    if (Date.now() > deadline) throw new Error('no pending request appeared');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ask with no prompt possible', () => {
  it('CI=true denies at once with exit 77, naming the rule that asked', async () => {
    const r = await runCli(['exec', '--rules', rules, '--', 'touch made'], sb, { env: { CI: 'true' } });
    expect(r.code).toBe(77);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('nomos: denied: approval needed (test.marker asked) and prompting is off (CI)\n');
    expect(exists('made')).toBe(false);
    expect(auditEvents()[0]).toMatchObject({ decision: 'deny', evaluated: 'ask', approval: { approved: false, by: 'ci' } });
  });

  it('--no-prompt denies at once the same way', async () => {
    const r = await runCli(['exec', '--no-prompt', '--rules', rules, '--', 'touch made'], sb);
    expect(r.code).toBe(77);
    expect(r.stderr).toBe('nomos: denied: approval needed (test.marker asked) and prompting is off (--no-prompt)\n');
  });

  it('with no terminal: one line on stderr saying how to answer, nothing on stdout, then 77 at the timeout', async () => {
    const started = Date.now();
    const r = await runCli(['exec', '--rules', rules, '--approval-timeout', '1s', '--', 'touch made'], sb);
    expect(r.code).toBe(77);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^nomos: waiting for approval \(test\.marker asked\); in another terminal run: nomos approve [0-9a-f]{8} --allow\|--deny \(or nomos approve\); denied in 1 s$/);
    expect(lines[1]).toBe('nomos: denied: approval needed (test.marker asked): no answer within 1 s');
    expect(exists('made')).toBe(false);
    expect(readdirSync(join(sb.state, 'approvals'))).toEqual([]); // the request is gone once nobody waits
  });
});

describe('nomos approve ID', () => {
  it('--allow lets the waiting command run; the audit records the approver', async () => {
    const { run, pending } = await startWaiting('touch made');
    expect(pending[0]).toMatchObject({ command: 'touch made', rules: ['test.marker'] });
    const a = await runCli(['approve', pending[0]!.id, '--allow'], sb);
    expect(a.stdout).toBe(`allowed once: ${pending[0]!.id} (touch made)\n`);
    const r = await run;
    expect(r.code).toBe(0);
    expect(exists('made')).toBe(true);
    expect(auditEvents()[0].approval).toMatchObject({ approved: true, scope: 'once', by: expect.stringMatching(/^approve:/), request: pending[0]!.id });
  });

  it('--deny --reason: the agent sees the reason, nothing runs', async () => {
    const { run, pending } = await startWaiting('touch made');
    await runCli(['approve', pending[0]!.id.slice(0, 4), '--deny', '--reason', 'use the fixture instead'], sb);
    const r = await run;
    expect(r.code).toBe(77);
    expect(r.stderr).toMatch(/\nnomos: denied: denied by approve:\S+: use the fixture instead\n$/);
    expect(exists('made')).toBe(false);
  });

  it('--allow --session-wide: a later identical request in the session runs without asking; another session still asks', async () => {
    const { run, pending } = await startWaiting('touch made');
    await runCli(['approve', pending[0]!.id, '--allow', '--session-wide'], sb);
    expect((await run).code).toBe(0);
    const again = await runCli(['exec', '--rules', rules, '--', 'touch made'], sb);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(auditEvents().at(-2).approval).toMatchObject({ approved: true, by: 'session-grant', grantedBy: expect.stringMatching(/^approve:/) });
    const other = await runCli(['exec', '--rules', rules, '--approval-timeout', '500ms', '--', 'touch made'], sb, { env: { NOMOS_SESSION: 'other' } });
    expect(other.code).toBe(77);
  });

  it('a forged answer file (no valid signature) is a denial, not an allow', async () => {
    const { run, pending } = await startWaiting('touch made');
    const id = pending[0]!.id;
    writeFileSync(join(sb.state, 'approvals', `${id}.answer.json`), JSON.stringify({ id, choice: 'once', by: 'agent', time: '', seen: '0'.repeat(64), mac: 'f'.repeat(64) }));
    const r = await run;
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('the answer failed verification');
    expect(exists('made')).toBe(false);
  });

  it('refuses an unknown id and a missing --allow/--deny with exit 64', async () => {
    expect((await runCli(['approve', 'deadbeef', '--allow'], sb)).code).toBe(64);
    expect((await runCli(['approve', 'deadbeef'], sb)).stderr).toContain('give exactly one of --allow or --deny');
  });
});

describe('the agent cannot approve itself', () => {
  it('refuses inside a command nomos executed (the NOMOS_ACTIVE marker)', async () => {
    const r = await runCli(['approve', '--list'], sb, { env: { NOMOS_ACTIVE: '1' } });
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('refuses to run inside a command nomos executed');
  });

  it('still refuses when the marker was unset by the shell that runs it (an ancestor started with it)', async () => {
    // `; true` keeps bash from exec-ing node in its own place, so bash stays the ancestor.
    const child = spawn('bash', ['-c', `unset NOMOS_ACTIVE; "${process.execPath}" "${BIN}" approve --list; true`], { env: { ...sb.env, NOMOS_ACTIVE: '1' }, cwd: sb.cwd });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise((res) => child.on('close', res));
    expect(stderr).toContain('refuses to run inside a command nomos executed');
  });

  it('refuses below a running `nomos exec` even with the marker unset and no rule stopping it', async () => {
    const allowAll = sb.write('allow.yaml', 'version: 1\ndefault: allow\nrules: []\n');
    const r = await runCli(['exec', '--no-builtin', '--rules', allowAll, '--', `unset NOMOS_ACTIVE; "${process.execPath}" "${BIN}" approve --list`], sb);
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('refuses to run inside a command nomos executed');
  });

  it('the shipped rules deny `nomos approve` as a command', async () => {
    const r = await runCli(['exec', '--', 'nomos approve 1a2b3c4d --allow'], sb);
    expect(r.code).toBe(77);
    expect(r.stderr).toMatch(/^nomos: denied by self\.approve: /);
  });

  it('refuses a state dir that others can write to', async () => {
    chmodSync(sb.state, 0o777);
    const r = await runCli(['approve', '--list'], sb);
    // An unsafe state directory is a configuration error (78), the same for every state nomos keeps.
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('is group or world writable');
  });
});
