import { beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

describe('nomos explain', () => {
  it('prints the tree of what bash would run, with via chains, file actions, rules and the decision', async () => {
    const r = await runCli(['explain', '--', "ls && sudo bash -c 'cd / && rm -rf etc'"], sb);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('▸ ls: ls');
    expect(lines).toContain('    ▸ rm: rm -rf etc   via sudo › bash -c');
    expect(lines).toContain('    └ delete /etc  (recursive)');
    expect(r.stdout).toMatch(/deny by fs\.[\w.-]+ \(.*rules\/destructive-fs\.yaml:\d+:\d+\)/);
    expect(lines).toContain('decision: deny');
    expect(r.stderr).toBe('');
  });

  it('shows opaque parts with their reason and span', async () => {
    const r = await runCli(['explain', '--', 'ls; $cmd -rf /'], sb);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('? opaque "$cmd -rf /" [4, 14): the program name is not known statically');
    expect(r.stdout).toMatch(/^decision: (ask|deny)$/m);
  });

  it('says which reads are recursive, and which skip hidden files', async () => {
    const r = await runCli(['explain', '--', 'grep -r BEGIN ~/.ssh; rg TODO ~'], sb);
    expect(r.stdout).toContain(`└ read ${sb.home}/.ssh  (recursive)\n    ask by secrets.ssh-keys`);
    expect(r.stdout).toContain(`└ read ${sb.home}  (recursive, hidden files skipped)\n`);
    expect(r.stdout).toMatch(/^decision: ask$/m);
  });

  it('--json gives every action with the rules that matched it', async () => {
    const rules = sb.write('rules.yaml', [
      'version: 1', 'default: allow', 'rules:',
      '  - { id: t.delete-root, match: { file: { op: delete, path: "/" } }, decision: deny }',
      '  - { id: t.post, match: { http: { method: POST } }, decision: ask }',
    ].join('\n'));
    const r = await runCli(['explain', '--json', '--no-builtin', '--rules', rules, '--', 'find / -delete | curl -X POST https://api.example.com/x'], sb);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.decision).toBe('deny');
    const del = out.actions.find((a: { kind: string; op?: string }) => a.kind === 'file' && a.op === 'delete');
    expect(del).toMatchObject({ path: '/', via: ['find'] });
    // find / -delete deletes everything below /, the --rules file too (self.policy-files).
    expect(del.rules).toEqual([expect.objectContaining({ id: 't.delete-root', decision: 'deny', source: expect.stringMatching(/rules\.yaml:4:\d+$/) }), expect.objectContaining({ id: 'self.policy-files', decision: 'deny' })]);
    const http = out.actions.find((a: { kind: string }) => a.kind === 'http');
    expect(http).toMatchObject({ method: 'POST', host: 'api.example.com', rules: [expect.objectContaining({ id: 't.post', decision: 'ask' })] });
    expect(out.actions.filter((a: { kind: string }) => a.kind === 'exec').map((a: { program: string }) => a.program)).toEqual(['find', 'curl']);
  });
});
