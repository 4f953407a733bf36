import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  sb = makeSandbox();
  // nomos's state where it is by default, below ~/.local/state: a directory above it holds it all.
  env = { NOMOS_STATE_DIR: join(sb.home, '.local/state/nomos') };
  mkdirSync(env.NOMOS_STATE_DIR!, { recursive: true });
  sb.write('work/.claude/settings.json', '{"hooks":{}}');
  sb.write('work/sub/a.pyc', '');
});

const decide = async (command: string) => {
  const out = JSON.parse((await runCli(['check', '--json', '--', command], sb, { env })).stdout);
  return { decision: out.decision as string, rules: out.rules.map((r: { id: string }) => r.id) as string[], reason: out.reason as string };
};

describe('a directory deleted or moved is every file below it', () => {
  it('meets the rules of the files below it (rm -r, mv, find -delete): the agent hook settings, nomos state', async () => {
    for (const command of ['rm -rf .claude', 'rm -r .claude', 'mv .claude /tmp/elsewhere', 'find .claude -delete', 'find . -delete', 'find . -name settings.json -delete', 'git rm -r .claude', 'git mv .claude old', 'rsync -a --delete empty/ .claude/', 'trash .claude', 'gio trash .claude', 'gio rename .claude old']) {
      const out = await decide(command);
      expect([command, out.decision, out.rules]).toEqual([command, 'ask', expect.arrayContaining(['self.agent-hooks'])]);
      // The reason names the file found below the directory (a -name's glob is listed as any glob: its file is not named).
      if (!command.includes('-name')) expect([command, out.reason]).toEqual([command, expect.stringContaining(`${sb.cwd}/.claude/settings.json, found below`)]);
    }
    // Before: each was "no rule matches" (the default: allow under permissive), and these deleted nomos's state and audit log.
    for (const command of ['rm -rf ~/.local/state', 'mv ~/.local/state /tmp/gone', 'find ~/.local -delete']) {
      expect([command, ...Object.values(await decide(command)).slice(0, 2)]).toEqual([command, 'deny', expect.arrayContaining(['self.files'])]);
    }
  });

  it('chmod -R and chown -R change every file below, nomos state and config included', async () => {
    sb.write('home/.config/nomos/approval.key', 'k');
    // Before: "no rule matches chmod" (allowed under permissive), and the approval key became readable to all.
    for (const command of ['chmod -R a+r ~/.config', 'chown -R nobody ~/.local/state', 'chgrp --recursive users ~/.local']) {
      expect([command, ...Object.values(await decide(command)).slice(0, 2)]).toEqual([command, 'deny', expect.arrayContaining(['self.files'])]);
    }
    expect((await decide('chmod -R u+w sub')).rules).toEqual([]);
  });

  it('does not meet them where nothing guarded lies below, or a -name leaves them out', async () => {
    for (const command of ['rm -rf sub', 'mv sub lib', "find . -name '*.pyc' -delete", 'rm -f .claude/notes.md']) {
      const out = await decide(command);
      expect([command, out.rules]).toEqual([command, expect.not.arrayContaining(['self.agent-hooks', 'self.files'])]);
    }
  });

  it('takes a link as rm and mv do: the link itself, unless written with a trailing slash', async () => {
    symlinkSync(join(sb.home, '.local'), join(sb.cwd, 'local'));
    expect((await decide('rm -rf local')).rules).not.toContain('self.files');
    expect((await decide('mv local gone')).rules).not.toContain('self.files');
    expect((await decide('rm -rf local/')).rules).toContain('self.files');
    // A link below the directory is deleted as a link too (grep -R would follow it, rm -r does not).
    mkdirSync(join(sb.cwd, 'tree'));
    symlinkSync(join(sb.home, '.local'), join(sb.cwd, 'tree/local'));
    expect((await decide('rm -rf tree')).rules).not.toContain('self.files');
    expect((await decide('find tree -delete')).rules).not.toContain('self.files');
    // find -L goes through it and deletes where it leads (GNU find 4.9 deleted a file below the target).
    expect((await decide('find -L tree -delete')).rules).toContain('self.files');
    expect((await decide('grep -R x tree')).reason).toContain(`${sb.home}/.local`);
    // What rm does: the link goes, what it leads to stays.
    spawnSync('rm', ['-rf', 'local'], { cwd: sb.cwd });
    expect([existsSync(join(sb.cwd, 'local')), existsSync(env.NOMOS_STATE_DIR!)]).toEqual([false, true]);
  });
});
