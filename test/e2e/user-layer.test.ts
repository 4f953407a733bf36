import { describe, expect, it } from 'vitest';
import { makeSandbox, runCli } from '../helpers/cli.js';

describe('the user layer', () => {
  it('loads ~/.config/nomos/rules.yaml (where "always" writes) after config.yaml', async () => {
    const sb = makeSandbox();
    expect((await runCli(['check', '--', 'make build'], sb)).code).toBe(75);
    sb.write('home/.config/nomos/config.yaml', 'version: 1\nrules:\n  - id: user.lint\n    match: { command: make lint }\n    decision: allow\n');
    const always = sb.write('home/.config/nomos/rules.yaml', 'version: 1\nrules:\n  - id: always.make-123abc\n    match: { command: make build }\n    decision: allow\n');
    const r = await runCli(['check', '--json', '--', 'make build && make lint'], sb);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout).rules.map((x: { id: string; source: string }) => `${x.id}@${x.source}`);
    expect(rules).toContain(`always.make-123abc@${always}:3:5`);
    expect(rules.some((x: string) => x.startsWith('user.lint@'))).toBe(true);
  });

  it('denies an agent command reading the approval signing key', async () => {
    const sb = makeSandbox();
    sb.write('home/.config/nomos/approval.key', 'k'.repeat(64));
    const r = await runCli(['exec', '--', 'cat ~/.config/nomos/approval.key'], sb);
    expect(r.code).toBe(77);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nomos: denied by self.approval-secrets');
  });
});
