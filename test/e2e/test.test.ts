import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox, runCli } from '../helpers/cli.js';

const cases = join(import.meta.dirname, '../cases');

describe('nomos test', () => {
  it('passes the shipped packs\' examples and test/cases', async () => {
    const r = await runCli(['test', cases], makeSandbox());
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed\n$/);
    expect(Number(r.stdout.split(' ')[0])).toBeGreaterThan(150);
    expect(r.code).toBe(0);
  });

  it('prints a diff for a failing case and exits 1', async () => {
    const sb = makeSandbox();
    const file = sb.write('work/x.test.yaml', '- { note: pushes, cmd: "git push -f origin main", want: allow }\n- { cmd: "ls", want: allow }\n');
    const r = await runCli(['test', file], sb);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAIL ${file}:1:3 pushes: git push -f origin main\n  - want: allow\n  + got:  deny: git.force-push-protected`);
    expect(r.stdout).toMatch(/\d+ passed, 1 failed\n$/);
  });

  it('reports a wrong example of a project rule as a failure', async () => {
    const sb = makeSandbox();
    sb.write('work/.nomosrc.yaml', 'version: 1\nrules:\n  - id: p.make\n    match: { command: make }\n    decision: allow\n    examples: { match: ["cmake ."] }\n');
    const r = await runCli(['test'], sb);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('example "cmake ." should match rule p.make but does not');
  });
});
