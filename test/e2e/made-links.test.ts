import { spawnSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
  sb.write('home/.ssh/id_rsa', 'KEY\n');
  // permissive: a command no rule matches is allowed, so only the rules on the key stand in the way.
  sb.write('home/.config/nomos/config.yaml', 'version: 1\nprofile: permissive\n');
});

const decide = async (command: string) => JSON.parse((await runCli(['check', '--json', '--', command], sb)).stdout) as { decision: string; rules: { id: string }[] };

describe('a symbolic link the command makes', () => {
  it('is followed where the command goes through it (the link is not there to look up when nomos decides)', async () => {
    for (const command of ['ln -s ~/.ssh x && cat x/id_rsa', 'ln -s ~ h; cat h/.ssh/id_rsa', 'ln -s ~/.ssh a; ln -s a b; cat b/id_rsa', 'mkdir s && ln -s ../../home/.ssh s/k && cat s/k/id_rsa']) {
      // What bash does: the key is read.
      const ran = spawnSync('bash', ['-c', command], { cwd: sb.cwd, env: sb.env, encoding: 'utf8' });
      expect([command, ran.stdout]).toEqual([command, 'KEY\n']);
      spawnSync('bash', ['-c', 'rm -rf x h a b s'], { cwd: sb.cwd });
      // What nomos decides: the rule on the key meets it (it was "no rule matches ln": allowed).
      const out = await decide(command);
      expect([command, out.decision, out.rules.map((r) => r.id)]).toEqual([command, 'ask', expect.arrayContaining(['secrets.ssh-keys'])]);
    }
  });

  it('is removed as a link: what it leads to is not deleted', async () => {
    const out = await decide('ln -s ~/.ssh x; rm x');
    expect([out.decision, out.rules]).toEqual(['allow', []]);
    expect((await decide('ln -s ~/.ssh x; rm -r x/')).rules.map((r) => r.id)).toContain('fs.ssh-dir-write');
  });
});
