import { lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALLOW_BY_DEFAULT, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

describe('nomos session', () => {
  it('starts a session, records exec calls in it, and shows them', async () => {
    const start = await runCli(['session', 'start', '--name', 'task-1'], sb);
    expect(start.code).toBe(0);
    const id = /^export NOMOS_SESSION=(s-[0-9a-f]{12})\n$/.exec(start.stdout)?.[1];
    expect(id).toBeDefined();
    const env = { NOMOS_SESSION: id! };
    expect((await runCli(['exec', '--', 'echo one && ls'], sb, { env })).code).toBe(0);
    expect((await runCli(['exec', '--', 'rm -rf /'], sb, { env })).code).toBe(77);
    const show = await runCli(['session', 'show', '--json'], sb, { env });
    const shown = JSON.parse(show.stdout);
    expect(shown).toMatchObject({ id, name: 'task-1' });
    const kinds = shown.recent.map((e: { kind: string; program?: string; decision: string }) => `${e.kind}:${e.program ?? ''}:${e.decision}`);
    // echo, ls and its list of the cwd, their outcome; then rm and its delete action, denied (nothing ran, so no outcome).
    expect(kinds).toEqual(['exec:echo:allow', 'exec:ls:allow', 'file::allow', 'outcome::allow', 'exec:rm:deny', 'file::deny']);
    expect(shown.events).toBe(5);
    const list = JSON.parse((await runCli(['session', 'list', '--json'], sb)).stdout);
    expect(list.map((s: { id: string }) => s.id)).toContain(id);
  });

  it('ends a session and its state is gone', async () => {
    await runCli(['exec', '--session', 'gone', '--', 'true'], sb);
    expect((await runCli(['session', 'show', 'gone'], sb)).code).toBe(0);
    const end = await runCli(['session', 'end', 'gone'], sb);
    expect(end.code).toBe(0);
    const show = await runCli(['session', 'show', 'gone'], sb);
    expect(show.code).toBe(64);
    expect(show.stderr).toContain('no session "gone"');
  });

  it('fails closed with exit 78 when the session log was truncated', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    await runCli(['exec', '--session', 'cut', '--rules', rules, '--', 'true; true'], sb);
    const log = join(sb.state, 'sessions', 'cut', 'events.jsonl');
    truncateSync(log, readFileSync(log).length - 10);
    const r = await runCli(['exec', '--session', 'cut', '--rules', rules, '--', 'echo should-not-run'], sb);
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nomos: session state .*events\.jsonl was truncated/);
  });

  it('fails closed with exit 78 on a meta that holds no session (null), keeping the log', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    await runCli(['exec', '--session', 'm', '--rules', rules, '--', 'true; true'], sb);
    const dir = join(sb.state, 'sessions', 'm');
    const log = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    for (const meta of ['null', '[]', '{"v":1,"seq":"3","size":0,"lastHash":"","shapes":[]}']) {
      writeFileSync(join(dir, 'meta.json'), meta);
      const r = await runCli(['exec', '--session', 'm', '--rules', rules, '--', 'echo should-not-run'], sb);
      expect(r.code).toBe(78);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/nomos: session state .*meta\.json does not hold (a JSON object|a session meta)/);
      // Read as "no session yet", it had cut the whole log back to nothing.
      expect(readFileSync(join(dir, 'events.jsonl'), 'utf8')).toBe(log);
    }
  });

  it('lists the sessions that are whole and names a damaged one (exit 1); using the damaged one still fails closed', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    for (const id of ['good', 'bad']) await runCli(['exec', '--session', id, '--rules', rules, '--', 'true'], sb);
    const meta = join(sb.state, 'sessions', 'bad', 'meta.json');
    writeFileSync(meta, '{"v":1');
    const list = await runCli(['session', 'list'], sb);
    expect(list.code).toBe(1);
    expect(list.stdout).toMatch(/^good\t/);
    expect(list.stdout).not.toContain('bad');
    expect(list.stderr).toContain(`nomos: damaged session bad: session state ${meta} is not valid JSON`);
    const json = await runCli(['session', 'list', '--json'], sb);
    expect(json.code).toBe(1);
    const listed = JSON.parse(json.stdout) as { id: string; damaged?: { path: string; problem: string } }[];
    expect(listed.map((s) => s.id).sort()).toEqual(['bad', 'good']);
    expect(listed.find((s) => s.id === 'bad')?.damaged).toMatchObject({ path: meta, problem: expect.stringContaining('is not valid JSON') });
    expect(listed.find((s) => s.id === 'good')?.damaged).toBeUndefined();
    expect((await runCli(['session', 'show', 'bad'], sb)).code).toBe(78);
    const r = await runCli(['exec', '--session', 'bad', '--rules', rules, '--', 'echo should-not-run'], sb);
    expect([r.code, r.stdout]).toEqual([78, '']);
  });

  it('fails closed with exit 78 on session files that are links, writing nothing through them', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    await runCli(['exec', '--session', 'l', '--rules', rules, '--', 'true; true'], sb);
    const dir = join(sb.state, 'sessions', 'l');
    const victim = sb.write('victim.txt', 'x'.repeat(5000));
    const log = join(dir, 'events.jsonl');
    rmSync(log);
    symlinkSync(victim, log);
    const r = await runCli(['exec', '--session', 'l', '--rules', rules, '--', 'echo should-not-run'], sb);
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nomos: session state .*events\.jsonl is a symbolic link/);
    // Through the link, the rollback of "a write cut short" had cut the file outside back to the log's size.
    expect(readFileSync(victim, 'utf8')).toBe('x'.repeat(5000));
  });

  it('never writes through a link at the collection stamp (sessions/.gc): it is replaced', async () => {
    const rules = sb.write('allow.yaml', ALLOW_BY_DEFAULT);
    const victim = sb.write('victim.txt', 'keep me\n');
    utimesSync(victim, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000)); // "collected" 2 h ago: due
    mkdirSync(join(sb.state, 'sessions'), { recursive: true, mode: 0o700 });
    symlinkSync(victim, join(sb.state, 'sessions', '.gc'));
    const r = await runCli(['exec', '--session', 'g', '--rules', rules, '--', 'true'], sb);
    expect(r.code).toBe(0);
    // Written through the link, the stamp had emptied the file it led to.
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(sb.state, 'sessions', '.gc')).isFile()).toBe(true);
  });

  it('derives a session from the calling process when none is given', async () => {
    const r = await runCli(['exec', '--', 'echo $NOMOS_SESSION'], sb, { env: { NOMOS_SESSION: '' } });
    expect(r.stdout).toMatch(/^p\d+-\d+\n$/);
  });
});
