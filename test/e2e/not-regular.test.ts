import { spawnSync } from 'node:child_process';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

// Reading a FIFO waits for a writer that never comes: before, nomos hung on each of these (an
// agent whose hook times out goes ahead). Now each is refused at once, naming the file (exit 78).

/** Puts a FIFO where `path` was (keeping nothing of it), runs nomos, and puts nothing back. */
async function withFifo(sb: Sandbox, path: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  rmSync(path, { force: true });
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return runCli(args, sb, { env, timeoutMs: 10_000 });
}

function sandboxWithHistory(): Sandbox {
  const sb = makeSandbox();
  sb.write('home/.config/nomos/config.yaml', 'version: 1\nrules: []\n');
  return sb;
}

describe('files nomos reads that are not regular files (FIFOs): refused, never waited on', () => {
  it('the user config, its rules.yaml, a project config and the file it includes, a --rules file', async () => {
    const sb = sandboxWithHistory();
    const cases: [string, string[]][] = [
      [join(sb.home, '.config/nomos/config.yaml'), ['check', '--', 'ls']],
      [join(sb.home, '.config/nomos/rules.yaml'), ['check', '--', 'ls']],
      [join(sb.cwd, '.nomosrc.yaml'), ['check', '--', 'ls']],
      [join(sb.cwd, 'nomos.config.json'), ['explain', '--', 'ls']],
      [join(sb.root, 'extra.yaml'), ['check', '--rules', join(sb.root, 'extra.yaml'), '--', 'ls']],
    ];
    for (const [path, args] of cases) {
      const r = await withFifo(sb, path, args);
      expect({ path, code: r.code }).toEqual({ path, code: 78 });
      expect(r.stderr).toContain(path);
      expect(r.stderr).toMatch(/regular file/);
      rmSync(path);
    }
    // A project config's include.
    sb.write('work/.nomosrc.yaml', 'version: 1\ninclude: [more.yaml]\nrules: []\n');
    const r = await withFifo(sb, join(sb.cwd, 'more.yaml'), ['check', '--', 'ls']);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(join(sb.cwd, 'more.yaml'));
  }, 60_000);

  it('session state, the audit log and its head, for exec and for audit tail and verify', async () => {
    const sb = sandboxWithHistory();
    expect((await runCli(['exec', '--', 'true'], sb)).code).toBe(0);
    const session = join(sb.state, 'sessions', 'test-session');
    const meta = join(session, 'meta.json');
    renameSync(meta, `${meta}.kept`);
    let r = await withFifo(sb, meta, ['exec', '--', 'true']);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`${meta} is not a regular file`);
    rmSync(meta);
    renameSync(`${meta}.kept`, meta);
    for (const args of [['exec', '--', 'true'], ['audit', 'tail'], ['audit', 'verify']]) {
      renameSync(sb.audit, `${sb.audit}.kept`);
      r = await withFifo(sb, sb.audit, args);
      expect({ args, code: r.code }).toEqual({ args, code: 78 });
      expect(r.stderr).toContain(`the audit log ${sb.audit} is not a regular file`);
      rmSync(sb.audit);
      renameSync(`${sb.audit}.kept`, sb.audit);
    }
    const head = `${sb.audit}.head`;
    expect(readdirSync(sb.root)).toContain('audit.jsonl.head');
    r = await withFifo(sb, head, ['exec', '--', 'true']);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`the audit head ${head} is not a regular file`);
  }, 60_000);

  it('the audit key file and the trust store', async () => {
    const sb = sandboxWithHistory();
    const key = join(sb.root, 'audit.key');
    let r = await withFifo(sb, key, ['exec', '--', 'true'], { NOMOS_AUDIT_KEY_FILE: key });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`${key} is not a regular file`);
    sb.write('work/.nomosrc.yaml', 'version: 1\nrules: []\n');
    const store = join(sb.home, '.config/nomos/trusted.json');
    r = await withFifo(sb, store, ['check', '--', 'ls']);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(store);
  }, 60_000);
});
