import { describe, expect, it } from 'vitest';
import { makeSandbox, runCli } from '../helpers/cli.js';

describe('nomos lint', () => {
  it('is clean on the effective policy by default', async () => {
    const r = await runCli(['lint'], makeSandbox());
    expect(r.stdout).toBe('no findings\n');
    expect(r.code).toBe(0);
  });

  it('exits 1 with findings, file:line:col and a stable code', async () => {
    const sb = makeSandbox();
    const file = sb.write('r.yaml', 'version: 1\nrules:\n  - id: a\n    match: { command: sh }\n    decison: allow\n');
    const r = await runCli(['lint', '--format', 'json', file], sb);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout);
    expect(findings.map((f: { line: number; col: number; code: string }) => `${f.line}:${f.col} ${f.code}`)).toEqual(['3:5 nomos.rules.schema', '5:5 nomos.rules.unknown-key']);
    expect(findings[1].message).toContain('did you mean "decision"?');
  });

  it('exits 78 when a file cannot be read', async () => {
    const sb = makeSandbox();
    const r = await runCli(['lint', `${sb.root}/missing.yaml`], sb);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('missing.yaml: cannot read rule file');
  });
});
