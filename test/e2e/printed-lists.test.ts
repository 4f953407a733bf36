import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

// What git ls-files, git diff --name-only, fd and ls print into xargs, a `$(…)` or a `while read` loop, and
// what nomos decides the command after them reaches: each checked against what real bash and the real program do.
let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

type Out = { decision: string; rules: { id: string }[]; actions: { kind: string; op: string; path: string; dynamic?: boolean }[] };
const ids = (out: Out) => out.rules.map((r) => r.id);
const check = async (cmd: string, cwd = sb.cwd): Promise<Out> => JSON.parse((await runCli(['check', '--json', '--', cmd], sb, { cwd })).stdout);
/** What the pipeline prints under real bash, in `cwd`. */
const bash = (pipeline: string, cwd = sb.cwd) => spawnSync('bash', ['-c', pipeline], { cwd, encoding: 'utf8', env: { ...process.env, HOME: sb.home } }).stdout;
const git = (...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: sb.cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};
/** A repository in the workspace with these files committed. */
function repo(files: Record<string, string>): void {
  git('init', '-q');
  for (const [path, text] of Object.entries(files)) sb.write(`work/${path}`, text);
  git('add', '-A');
  git('commit', '-qm', 'init');
}

describe('nomos check on what git prints', () => {
  it('decides git ls-files | xargs cat as the files below the cwd, a tracked link to a key where it leads', async () => {
    repo({ 'src/a.ts': 'foo\n', 'README.md': 'x\n' });
    sb.write('home/.ssh/id_rsa', 'KEY');
    for (const cmd of ['git ls-files | xargs cat', "git ls-files '*.ts' | xargs wc -l", 'git diff --name-only | xargs cat', 'for f in $(git ls-files); do wc -l $f; done', 'git ls-files | while read f; do cat "$f"; done']) {
      const out = await check(cmd);
      expect(ids(out), cmd).not.toContain('self.approval-secrets');
      expect(out.decision, cmd).toBe('allow');
    }
    // A tracked symbolic link: real cat reads where it leads, and so does nomos's decision.
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'key'));
    git('add', 'key');
    expect(bash('git ls-files | xargs cat')).toContain('KEY');
    const out = await check('git ls-files | xargs cat');
    expect(ids(out)).toContain('secrets.ssh-keys');
    expect(ids(out)).not.toContain('self.approval-secrets');
    // The repository's own .git is never printed; a nested one is, whole (`nested/`): its hooks are reached.
    expect(ids(await check('git ls-files -o | xargs sed -i s/a/b/'))).not.toContain('fs.startup-files');
    git('init', '-q', 'nested');
    expect(bash('git ls-files -o')).toBe('nested/\n');
    expect(ids(await check('git ls-files -o | xargs sed -i s/a/b/'))).toContain('fs.startup-files');
    // A `.git` that is no repository (no HEAD): git passes it by and prints the names of the one above, whose index nomos then has not read.
    const src = join(sb.cwd, 'src');
    expect(ids(await check('git ls-files | xargs cat', src))).not.toContain('self.approval-secrets');
    mkdirSync(join(src, '.git'));
    expect(bash('git ls-files', src)).toBe('a.ts\n');
    expect(ids(await check('git ls-files | xargs cat', src))).toContain('self.approval-secrets');
  });

  it('follows an index entry through a link that replaced its directory, and a top-relative name read in a subdirectory', async () => {
    repo({ 'keys/id_rsa': 'not a key\n', 'sub/id_rsa': 'fake\n', 'sub/b.txt': 'b\n' });
    sb.write('home/.ssh/id_rsa', 'KEY');
    // keys/id_rsa is still in the index; keys is now a link to ~/.ssh: cat keys/id_rsa reads the key.
    rmSync(join(sb.cwd, 'keys'), { recursive: true });
    symlinkSync(join(sb.home, '.ssh'), join(sb.cwd, 'keys'));
    expect(bash('git ls-files -z | xargs -0 cat')).toContain('KEY');
    const out = await check('git ls-files -z | xargs -0 cat');
    expect(ids(out)).toContain('secrets.ssh-keys');
    expect(ids(out)).not.toContain('self.approval-secrets');
    rmSync(join(sb.cwd, 'keys'));
    git('checkout', '--', 'keys');
    // In sub, git diff prints `sub/id_rsa` (from the top): cat reads sub/sub/id_rsa, here through a link to ~/.ssh.
    const sub = join(sb.cwd, 'sub');
    sb.write('work/sub/id_rsa', 'changed\n');
    expect(bash('git diff --name-only', sub)).toBe('sub/id_rsa\n');
    expect(bash('git ls-files --full-name', sub)).toBe('sub/b.txt\nsub/id_rsa\n');
    expect(ids(await check('git ls-files --full-name | xargs cat', sub))).not.toContain('self.approval-secrets');
    expect(ids(await check('git diff --name-only -z | xargs -0 cat', sub))).not.toContain('secrets.ssh-keys');
    symlinkSync(join(sb.home, '.ssh'), join(sub, 'sub'));
    expect(bash('git diff --name-only -z | xargs -0 cat', sub)).toBe('KEY');
    const linked = await check('git diff --name-only -z | xargs -0 cat', sub);
    expect(ids(linked)).toContain('secrets.ssh-keys');
    expect(ids(linked)).not.toContain('self.approval-secrets');
    // Without -z, a link to a directory may hide names xargs would split: any file.
    expect(ids(await check('git diff --name-only | xargs cat', sub))).toContain('self.approval-secrets');
  });

  it('is any file where a name git prints, in the work tree or only in the index, is split by xargs or read as an option', async () => {
    repo({ 'a.txt': 'a\n' });
    sb.write('home/.ssh/id_rsa', 'KEY');
    expect(ids(await check('git ls-files | xargs cat'))).not.toContain('self.approval-secrets');
    const name = `d/a ${sb.home}/.ssh/id_rsa`;
    // The same command may add an entry no file has before git ls-files prints it: xargs splits it.
    const cacheinfo = `git update-index --add --cacheinfo "100644,$(git hash-object -w a.txt),${name}"`;
    expect(bash(`${cacheinfo}; git ls-files | xargs cat 2>/dev/null`)).toContain('KEY');
    git('rm', '-q', '--cached', name);
    expect(ids(await check(`${cacheinfo}; git ls-files | xargs cat`))).toContain('self.approval-secrets');
    expect(ids(await check('cp ../other.index .git/index; git ls-files | xargs cat'))).toContain('self.approval-secrets');
    // A tracked `d/a <home>/.ssh/id_rsa` whose directory `d/a ` is gone: only the index has it, and xargs splits it.
    sb.write(`work/${name}`, 'x');
    git('add', '-A');
    rmSync(join(sb.cwd, 'd/a '), { recursive: true });
    expect(bash('git ls-files | xargs cat 2>/dev/null')).toContain('KEY');
    expect(ids(await check('git ls-files | xargs cat'))).toContain('self.approval-secrets');
    expect(ids(await check('cat $(git ls-files)'))).toContain('self.approval-secrets');
    // Whole with -z and -0: the file is gone, and nothing else is read.
    expect(bash('git ls-files -z | xargs -0 cat 2>/dev/null')).not.toContain('KEY');
    expect(ids(await check('git ls-files -z | xargs -0 cat'))).not.toContain('self.approval-secrets');
    // A name in the work tree that starts with `-`: sort's option.
    git('rm', '-q', '--cached', name);
    mkdirSync(join(sb.cwd, 'e'));
    sb.write('work/-ovictim', 'x');
    git('add', '--', '-ovictim');
    expect(ids(await check('git ls-files | xargs sort'))).toContain('self.approval-secrets');
  });
});

describe('nomos check on what ls and fd print', () => {
  it('decides ls DIR | xargs cat as the names read here, not in DIR', async () => {
    sb.write('work/docs/key', 'doc');
    sb.write('work/a.md', 'a');
    expect((await check('ls | xargs wc -l')).decision).toBe('allow');
    expect((await check('ls docs | while read f; do cat "$f"; done')).decision).toBe('allow');
    // `key` is a name in docs; cat reads ./key, a link to the key here.
    sb.write('home/.ssh/id_rsa', 'KEY');
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'key'));
    expect(bash('ls docs | xargs cat')).toBe('KEY');
    const out = await check('ls docs | xargs cat');
    expect(ids(out)).toContain('secrets.ssh-keys');
    expect(ids(out)).not.toContain('self.approval-secrets');
    // A name in docs that xargs splits: `x ..` gives rm `..`, the directory above. Any file.
    sb.write('work/docs/x ..', 'x');
    expect(bash('ls docs | xargs printf "%s\n"')).toContain('..\n');
    expect(ids(await check('ls docs | xargs cat'))).toContain('self.approval-secrets');
    expect(ids(await check('ls docs | xargs rm -r'))).toContain('self.approval-secrets');
  });

  it('decides fd | xargs as the paths below its search paths, and fd -x as no listing', async () => {
    sb.write('work/src/a.ts', 'foo\n');
    sb.write('work/src/lib/b.ts', 'foo\n');
    const given = bash('fdfind -e ts | xargs printf "%s\\n"').split('\n').filter(Boolean).map((p) => join(sb.cwd, p)).sort();
    expect(given).toEqual([join(sb.cwd, 'src/a.ts'), join(sb.cwd, 'src/lib/b.ts')]);
    const out = await check('fdfind -e ts | xargs grep foo');
    const reads = out.actions.filter((a) => a.kind === 'file' && a.op === 'read').map((a) => a.path);
    expect(reads).toEqual(expect.arrayContaining(given));
    expect(ids(out)).not.toContain('self.approval-secrets');
    expect(out.decision).toBe('allow');
    // fd -x runs its command on each path: not allowed as a listing.
    expect((await check('fdfind -e ts -x rm')).decision).not.toBe('allow');
    expect((await check('fd -e ts -X cat')).decision).not.toBe('allow');
  });

  it('decides a while read loop without -r as its lines, and as any file where read would unescape a backslash', async () => {
    sb.write('work/docs/a.md', 'x');
    expect((await check('find docs | while read f; do cat "$f"; done')).decision).toBe('allow');
    sb.write('work/docs/a\\b', 'x');
    expect(bash('find docs -name "a*b" | while read f; do printf "%s\\n" "$f"; done')).toBe('docs/ab\n');
    expect(ids(await check('find docs | while read f; do cat "$f"; done'))).toContain('self.approval-secrets');
    expect(ids(await check('find docs | while read -r f; do cat "$f"; done'))).not.toContain('self.approval-secrets');
  });
});
