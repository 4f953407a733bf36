import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeSandbox, runCli, trustProject } from '../helpers/cli.js';

describe('nomos rules', () => {
  it('lists every layer, and what a later layer disabled, never silently', async () => {
    const sb = makeSandbox();
    sb.write('home/.config/nomos/config.yaml', 'version: 1\nrules:\n  - id: user.make\n    match: { command: make }\n    decision: allow\n');
    sb.write('work/.nomosrc.yaml', 'version: 1\nprofile: strict\ndisable: ["git.clean", "user.*"]\nrules: []\n');
    await trustProject(sb);
    const r = await runCli(['rules', 'list', '--json'], sb);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.default).toBe('deny');
    expect(out.rules.find((x: { id: string }) => x.id === 'fs.rm-recursive-root')).toMatchObject({ layer: 'shipped', decision: 'deny' });
    expect(out.disabled.map((d: { id: string; layer: string; pattern: string }) => `${d.id}:${d.layer}:${d.pattern}`)).toEqual(['git.clean:shipped:git.clean', 'user.make:user:user.*']);
    expect((await runCli(['check', '--', 'make'], sb)).code).toBe(77);
  });

  it('shows one rule with its source; an unknown id is a usage error', async () => {
    const sb = makeSandbox();
    const r = await runCli(['rules', 'show', 'git.force-push', '--json'], sb);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'git.force-push', decision: 'ask', spec: { match: { command: 'git push' } } });
    expect(JSON.parse(r.stdout).source).toMatch(/rules\/git\.yaml:\d+:5$/);
    expect((await runCli(['rules', 'show', 'no.such'], sb)).code).toBe(64);
  });

  it('caches the validated policy and notices a changed rule file', async () => {
    const sb = makeSandbox();
    sb.write('work/.nomosrc.yaml', 'version: 1\nrules:\n  - id: p.make\n    match: { command: make }\n    decision: allow\n');
    await trustProject(sb);
    expect((await runCli(['check', '--', 'make'], sb)).code).toBe(0);
    const cache = readdirSync(sb.state).filter((n) => n.startsWith('policy-'));
    expect(cache).toHaveLength(1);
    // One line of JSON, then the source texts as they were validated.
    const [entry, ...texts] = readFileSync(`${sb.state}/${cache[0]}`, 'utf8').split('\n');
    expect(JSON.parse(entry!).files.at(-1).spec.rules[0].id).toBe('p.make');
    expect(texts.join('\n')).toContain('id: p.make');
    sb.write('work/.nomosrc.yaml', 'version: 1\nrules:\n  - id: p.make\n    match: { command: make }\n    decision: deny\n');
    expect((await runCli(['check', '--', 'make'], sb)).code).toBe(77);
    // An edit that keeps the file's length is noticed too (the texts are compared byte for byte).
    sb.write('work/.nomosrc.yaml', 'version: 1\nrules:\n  - id: p.make\n    match: { command: make }\n    decision: ask \n');
    expect((await runCli(['check', '--', 'make'], sb)).code).toBe(75);
  });

  it('exec runs exactly the rewritten command of a modify rule', async () => {
    const sb = makeSandbox();
    sb.write('work/.nomosrc.yaml', 'version: 1\nrules:\n  - id: p.echo\n    match: { command: printf }\n    decision: modify\n    modify: { add_args: [" rewritten"] }\n');
    await trustProject(sb);
    const r = await runCli(['exec', '--', 'printf %s hello'], sb);
    expect(r.stdout).toBe('hello rewritten');
    expect(r.code).toBe(0);
    const audit = readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit[0]).toMatchObject({ decision: 'modify', rewrite: "printf %s hello ' rewritten'" });
  });
});
