import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUDGET, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

const EXAMPLES = resolve(import.meta.dirname, '../../rules/examples/session-policies.yaml');

let sb: Sandbox;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  sb = makeSandbox();
  // Stand-ins for real programs, first on PATH: they only exit 0.
  for (const name of ['charge', 'git']) chmodSync(sb.write(`bin/${name}`, '#!/bin/sh\nexit 0\n'), 0o755);
  env = { PATH: `${join(sb.root, 'bin')}:${process.env.PATH}` };
});


describe('stateful rules through the CLI', () => {
  it('20 parallel exec calls charging 700 against a 10,000 budget: exactly 14 run, the total never exceeds it', async () => {
    const rules = sb.write('budget.yaml', BUDGET);
    const session = { ...env, NOMOS_SESSION: 'budget' };
    const results = await Promise.all(Array.from({ length: 20 }, () => runCli(['exec', '--rules', rules, '--', 'charge', '700'], sb, { env: session, timeoutMs: 60_000 })));
    const codes = results.map((r) => r.code).sort();
    expect(codes.filter((c) => c === 0).length).toBe(14);
    expect(codes.filter((c) => c === 77).length).toBe(6);
    expect(results.filter((r) => r.code === 77).every((r) => r.stderr.startsWith('nomos: denied by t.budget: over budget'))).toBe(true);
    const shown = JSON.parse((await runCli(['session', 'show', 'budget', '--json', '--last', '100'], sb)).stdout);
    const allowed = shown.recent.filter((e: { kind: string; decision: string }) => e.kind === 'exec' && e.decision === 'allow');
    expect(allowed.reduce((t: number, e: { record: { amount: number } }) => t + e.record.amount, 0)).toBe(9800);
  });

  it('a damaged aggregate file stops the call with what is damaged (exit 78), not a rule "counted as matching"', async () => {
    const rules = sb.write('budget.yaml', BUDGET);
    const session = { ...env, NOMOS_SESSION: 'damaged' };
    expect((await runCli(['exec', '--rules', rules, '--', 'charge', '700'], sb, { env: session })).code).toBe(0);
    const idx = join(sb.state, 'sessions', 'damaged', 'idx');
    for (const shard of readdirSync(idx)) writeFileSync(join(idx, shard), 'garbage');
    const r = await runCli(['exec', '--rules', rules, '--', 'charge', '700'], sb, { env: session });
    // It was denied "over budget" by a condition that failed on the damaged file.
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/^nomos: session state .*idx\/[0-9a-f]{2}\.json is not valid JSON/);
  });

  it('rate-limits pushes: the fourth push in a session is denied, another session starts afresh', async () => {
    const push = (session: string) => runCli(['exec', '--rules', EXAMPLES, '--', 'git push origin main'], sb, { env: { ...env, NOMOS_SESSION: session } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await push('a')).code);
    expect(codes).toEqual([0, 0, 0, 77]);
    // check sees the same history (rules with conditions open the session read-only).
    expect((await runCli(['check', '--rules', EXAMPLES, '--', 'git push origin main'], sb, { env: { ...env, NOMOS_SESSION: 'a' } })).code).toBe(77);
    expect((await push('b')).code).toBe(0);
  });

  it('taints a session that read a secret: later egress is denied', async () => {
    sb.write('home/.aws/credentials', '[default]\n');
    const session = { ...env, NOMOS_SESSION: 'taint', NOMOS_APPROVAL_TIMEOUT: '1s' };
    const before = await runCli(['check', '--rules', EXAMPLES, '--', 'curl https://example.com'], sb, { env: session });
    expect(before.stdout).not.toContain('example.taint.no-egress');
    // The read asks; with no terminal it is denied, so the session is not tainted yet.
    expect((await runCli(['exec', '--rules', EXAMPLES, '--', 'cat ~/.aws/credentials'], sb, { env: session })).code).toBe(77);
    expect((await runCli(['check', '--rules', EXAMPLES, '--', 'curl https://example.com'], sb, { env: session })).stdout).not.toContain('no-egress');
    // Allowed by a project rule this time: the read happens and taints the session.
    const allowRead = sb.write('allow-read.yaml', 'version: 1\ndisable: [example.taint.secret-read, secrets.cloud-credentials]\nrules:\n  - id: t.read\n    match: { file: { op: read, path: "~/.aws/credentials" } }\n    decision: allow\n    tags: [secret]\n');
    const read = await runCli(['exec', '--rules', EXAMPLES, '--rules', allowRead, '--', 'cat ~/.aws/credentials'], sb, { env: session });
    expect(read.stdout).toBe('[default]\n');
    const after = await runCli(['check', '--json', '--rules', EXAMPLES, '--', 'curl https://example.com'], sb, { env: session });
    expect(JSON.parse(after.stdout)).toMatchObject({ decision: 'deny' });
    expect(JSON.parse(after.stdout).rules.map((r: { id: string }) => r.id)).toContain('example.taint.no-egress');
    const egress = await runCli(['exec', '--rules', EXAMPLES, '--', 'curl https://example.com'], sb, { env: session });
    expect(egress.code).toBe(77);
    expect(egress.stderr).toContain('nomos: denied by example.taint.no-egress');
    expect(readFileSync(sb.audit, 'utf8')).toContain('example.taint.no-egress');
  });
});
