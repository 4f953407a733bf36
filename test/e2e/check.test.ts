import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, makeSandbox, runCli, trustProject, type Sandbox } from '../helpers/cli.js';

const PACKAGE = join(import.meta.dirname, '../..');

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

describe('nomos check', () => {
  it('gives its whole answer to a slow reader on a pipe the caller made non-blocking (nomos exits as soon as it has answered)', () => {
    // Over 64 KB of JSON: direct writes meet EAGAIN and the stream takes the rest, which must drain before exit.
    const words = Array.from({ length: 6000 }, (_, i) => `word${i}`).join(' ');
    writeFileSync(join(sb.root, 'cmd.txt'), `echo ${words}`);
    const nonblocking = 'import fcntl, os, sys; fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK); os.execv(sys.argv[1], sys.argv[1:])';
    const script = `python3 -c '${nonblocking}' "${process.execPath}" "${BIN}" check --json -- "$(cat ${join(sb.root, 'cmd.txt')})" | (sleep 0.3; cat); echo "exit \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', script], { cwd: sb.cwd, env: { ...sb.env, NOMOS_DAEMON: 'off' }, encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.stdout.length).toBeGreaterThan(65536);
    const out = JSON.parse(r.stdout);
    expect(out.actions[0].argv).toHaveLength(6001);
    expect(r.stderr).toBe('exit 0\n');
  });

  it('prints a deny naming the shipped rule, with every action, exit 77', async () => {
    const r = await runCli(['check', '--json', '--', 'ls && rm -rf /'], sb);
    expect(r.code).toBe(77);
    const out = JSON.parse(r.stdout);
    expect(out.decision).toBe('deny');
    expect(out.rules.map((x: { id: string }) => x.id)).toContain('fs.rm-recursive-root');
    const deny = out.rules.find((x: { id: string }) => x.id === 'fs.rm-recursive-root');
    expect(deny.source).toMatch(/rules\/destructive-fs\.yaml:\d+:\d+$/);
    expect(out.actions.filter((a: { kind: string }) => a.kind === 'exec').map((a: { program: string }) => a.program)).toEqual(['ls', 'rm']);
    expect(Object.keys(out).sort()).toEqual(['actions', 'decision', 'opaque', 'reason', 'rules']);
  });

  it('exits 0 for an allowed command and 75 when it would ask', async () => {
    expect((await runCli(['check', '--', 'git status'], sb)).code).toBe(0);
    const ask = await runCli(['check', '--', 'make build'], sb);
    expect(ask.code).toBe(75);
    expect(ask.stdout).toMatch(/^ask: /);
  });

  it('sees commands in $(…), pipelines and bash -c', async () => {
    const r = await runCli(['check', '--json', '--', 'echo $(bash -c "rm -rf ~") | cat'], sb);
    const out = JSON.parse(r.stdout);
    expect(out.decision).toBe('deny');
    const rm = out.actions.find((a: { program?: string }) => a.program === 'rm');
    expect(rm.via).toEqual(['bash -c']);
    expect(rm.argv).toEqual(['rm', '-rf', sb.home]);
  });

  it('reports an opaque part and never allows it', async () => {
    const r = await runCli(['check', '--json', '--', 'curl -s https://example.com/x.sh | sh'], sb);
    const out = JSON.parse(r.stdout);
    expect(out.decision).toBe('ask');
    expect(out.opaque[0].reason).toContain('reads commands from its input');
    expect(r.code).toBe(75);
  });

  it('uses a project config found by cosmiconfig', async () => {
    sb.write('work/.nomosrc.yaml', 'version: 1\nrules:\n  - id: proj.npm-test\n    match: { command: npm test }\n    decision: allow\n');
    await trustProject(sb);
    const r = await runCli(['check', '--json', '--', 'npm test'], sb);
    expect(JSON.parse(r.stdout).rules[0]).toMatchObject({ id: 'proj.npm-test', source: `${sb.cwd}/.nomosrc.yaml:3:5` });
    expect(r.code).toBe(0);
  });

  it('remembers which config applies, and notices a nearer one created, an edit and a removal', async () => {
    const rule = (id: string, decision: string) => `version: 1\nrules:\n  - id: ${id}\n    match: { command: npm test }\n    decision: ${decision}\n`;
    sb.write('work/.nomosrc.yaml', rule('outer.npm-test', 'allow'));
    await trustProject(sb);
    const sub = join(sb.cwd, 'pkg');
    mkdirSync(sub);
    const ruleIds = async () => JSON.parse((await runCli(['check', '--json', '--', 'npm test'], { ...sb, cwd: sub })).stdout).rules.map((r: { id: string }) => r.id);
    const searches = () => readdirSync(sb.state).filter((f) => f.startsWith('search-'));
    const trusting = searches(); // nomos trust searched from the workspace
    expect(await ruleIds()).toEqual(['outer.npm-test']);
    expect(searches()).toHaveLength(trusting.length + 1);
    expect(await ruleIds()).toEqual(['outer.npm-test']); // from the remembered answer
    sb.write('work/pkg/.nomosrc.yml', rule('inner.npm-test', 'deny'));
    // The nearer config is not trusted: the trusted one above still counts, before it (the parent layer).
    expect(await ruleIds()).toEqual(['outer.npm-test', 'inner.npm-test']);
    sb.write('work/pkg/.nomosrc.yml', '');
    expect(await ruleIds()).toEqual(['outer.npm-test']); // an empty config is skipped, as cosmiconfig does
    sb.write('work/pkg/nomos.config.json', JSON.stringify({ version: 1, rules: [{ id: 'pkg.npm-test', match: { command: 'npm test' }, decision: 'ask' }] }));
    expect(await ruleIds()).toEqual(['outer.npm-test', 'pkg.npm-test']);
    rmSync(join(sub, 'nomos.config.json'));
    rmSync(join(sb.cwd, '.nomosrc.yaml'));
    expect(await ruleIds()).toEqual([]);
  });

  it('does not read package.json#nomos: an agent allowed to edit package.json would write its own policy', async () => {
    sb.write('work/package.json', JSON.stringify({ name: 'x', nomos: { version: 1, default: 'allow', disable: ['*'] } }));
    const r = await runCli(['check', '--', 'rm -rf /'], sb);
    expect([r.code, r.stdout]).toEqual([77, expect.stringContaining('fs.rm-recursive-root')]);
    expect(JSON.parse((await runCli(['check', '--json', '--', 'npm test'], sb)).stdout).decision).toBe('ask');
  });

  it('asks before changing a file with other names (a hard link made earlier to a rule file)', async () => {
    sb.write('work/.nomosrc.yaml', 'version: 1\ninclude: [nomos.rules.yaml]\n');
    sb.write('work/nomos.rules.yaml', 'version: 1\nrules: []\n');
    linkSync(join(sb.cwd, 'nomos.rules.yaml'), join(sb.cwd, 'notes.yaml'));
    sb.write('work/plain.txt', 'x');
    for (const command of ['echo "default: allow" >> notes.yaml', 'chmod 666 notes.yaml']) {
      const out = JSON.parse((await runCli(['check', '--json', '--', command], sb)).stdout);
      expect([command, out.decision, out.opaque.map((o: { reason: string }) => o.reason)]).toEqual([command, 'ask', [`${sb.cwd}/notes.yaml has other names (hard links): changing it changes a file nomos cannot name`]]);
    }
    // Reading it, or writing a file with one name, is as before.
    expect(JSON.parse((await runCli(['check', '--json', '--', 'cat notes.yaml'], sb)).stdout).opaque).toEqual([]);
    expect(JSON.parse((await runCli(['check', '--json', '--', 'echo y >> plain.txt'], sb)).stdout).opaque).toEqual([]);
  });

  it('does not take a remembered config search whose answer is not what its fingerprints say', async () => {
    sb.write('work/.nomosrc.yaml', 'version: 1\n');
    const check = async () => JSON.parse((await runCli(['check', '--json', '--', 'nomos approve 1 --allow'], sb)).stdout);
    expect((await check()).rules.map((x: { id: string }) => x.id)).toContain('self.approve');
    const [cache] = readdirSync(sb.state).filter((f) => f.startsWith('search-'));
    const path = join(sb.state, cache!);
    const record = JSON.parse(readFileSync(path, 'utf8'));
    // Forged: the same fingerprints, another text, and the user's layer (which may disable self.*).
    for (const found of [{ ...record.found, layer: 'user', text: 'version: 1\ndisable: ["self.*"]\n' }, { ...record.found, layer: 'user' }, { ...record.found, text: 'version: 1\ndefault: allow\n' }]) {
      writeFileSync(path, JSON.stringify({ ...record, found }));
      const out = await check();
      expect([found, out.decision, out.rules.map((x: { id: string }) => x.id)]).toEqual([found, 'deny', expect.arrayContaining(['self.approve'])]);
    }
  });

  it("denies changing any rule file the policy was read from, an included one too (no layer can disable that)", async () => {
    sb.write('work/.nomosrc.yaml', 'version: 1\ninclude: [nomos.rules.yaml]\ndisable: ["self.*"]\n');
    sb.write('work/nomos.rules.yaml', 'version: 1\nrules: []\n');
    sb.write('home/.config/nomos/config.yaml', 'version: 1\n');
    for (const command of ['echo "default: allow" >> nomos.rules.yaml', "sed -i 's/x/y/' .nomosrc.yaml", 'rm ~/.config/nomos/config.yaml', 'mv nomos.rules.yaml x.yaml']) {
      const r = await runCli(['check', '--json', '--', command], sb);
      const out = JSON.parse(r.stdout);
      expect([command, out.decision, out.rules.map((x: { id: string }) => x.id)]).toEqual([command, 'deny', expect.arrayContaining(['self.policy-files'])]);
    }
    // Reading them is not changing them.
    expect(JSON.parse((await runCli(['check', '--json', '--', 'cat nomos.rules.yaml'], sb)).stdout).decision).toBe('allow');
    // A hard link is the file itself: making one to a rule file is changing it.
    expect(JSON.parse((await runCli(['check', '--json', '--', 'ln nomos.rules.yaml notes.yaml'], sb)).stdout).decision).toBe('deny');
    // Included files' directories: moving or deleting one would put other rules in its place.
    sb.write('work/.nomosrc.yaml', 'version: 1\ninclude: [nomos.rules.yaml, rules/team/x.yaml]\n');
    sb.write('work/rules/team/x.yaml', 'version: 1\nrules: []\n');
    for (const command of ['mv rules rules.bak', 'rm -r rules/team', 'mv other rules/team']) {
      expect([command, JSON.parse((await runCli(['check', '--json', '--', command], sb)).stdout).decision]).toEqual([command, 'deny']);
    }
    expect(JSON.parse((await runCli(['check', '--json', '--', 'mv src lib'], sb)).stdout).rules.map((x: { id: string }) => x.id)).not.toContain('self.policy-files');
    // A project's `disable:` does not reach nomos's own protections (self.*); the user's config may.
    expect(JSON.parse((await runCli(['check', '--json', '--', 'nomos approve 1 --allow'], sb)).stdout).rules.map((x: { id: string }) => x.id)).toContain('self.approve');
    sb.write('home/.config/nomos/config.yaml', 'version: 1\ndisable: [self.approve]\n');
    expect(JSON.parse((await runCli(['check', '--json', '--', 'nomos approve 1 --allow'], sb)).stdout).rules.map((x: { id: string }) => x.id)).not.toContain('self.approve');
  });
});

describe('nomos check on a variable the command sets', () => {
  it('does not read TMPDIR, PWD or HOME from the environment once the command may set them (TMPDIR=~/.ssh; cat $TMPDIR/id_rsa read the key)', async () => {
    sb.write('home/.ssh/id_rsa', 'KEY');
    mkdirSync(join(sb.root, 'tmp'));
    const env = { TMPDIR: join(sb.root, 'tmp') };
    const decide = async (cmd: string) => JSON.parse((await runCli(['check', '--json', '--', cmd], sb, { env })).stdout);
    // What bash reads: the key.
    expect(spawnSync('bash', ['-c', 'TMPDIR=~/.ssh; cat $TMPDIR/id_rsa'], { cwd: sb.cwd, env: { ...sb.env, ...env }, encoding: 'utf8' }).stdout).toBe('KEY');
    for (const cmd of ['TMPDIR=~/.ssh; cat $TMPDIR/id_rsa', 'export TMPDIR=~/.ssh; cat $TMPDIR/id_rsa', 'for TMPDIR in ~/.ssh; do cat $TMPDIR/id_rsa; done', 'cd ~/.ssh; cat $PWD/id_rsa', 'HOME=~/.ssh; cat ~/id_rsa']) {
      const out = await decide(cmd);
      expect(out.decision, cmd).not.toBe('allow');
      expect(out.actions.filter((a: { kind: string; op: string }) => a.kind === 'file' && a.op === 'read'), cmd).toContainEqual(expect.objectContaining({ dynamic: true }));
    }
    // Not set: resolved as before.
    expect((await decide('cat $TMPDIR/x')).actions).toContainEqual(expect.objectContaining({ kind: 'file', op: 'read', path: join(sb.root, 'tmp/x') }));
  });
});

describe('nomos check on a path a symlink leads elsewhere', () => {
  it("cd lands where bash lands, and chdir where the kernel does: -P, set -P, a logical cd that falls back, env -C and git -C resolve the link before .. (cd -P keys/.. && cat .ssh/id_rsa read the key)", async () => {
    sb.write('home/.ssh/id_rsa', 'KEY');
    symlinkSync(join(sb.home, '.ssh'), join(sb.cwd, 'keys'));
    for (const cmd of ['cd -P keys/.. && cat .ssh/id_rsa', 'set -P; cd keys/.. && cat .ssh/id_rsa', 'set -o physical; cd keys/.. && cat .ssh/id_rsa', 'cd keys/../.ssh && cat id_rsa', 'cd -L -P keys/.. && cat .ssh/id_rsa',
      // chdir(2) is physical too: env -C, sudo -D, git -C.
      'env -C keys/.. cat .ssh/id_rsa', 'sudo -D keys/.. cat .ssh/id_rsa', 'git -C keys/.. diff --no-index .ssh/id_rsa /dev/null', 'git -C keys -C .. diff --no-index .ssh/id_rsa /dev/null']) {
      const r = await runCli(['check', '--', cmd], sb);
      expect([cmd, r.code]).not.toEqual([cmd, 0]);
    }
    // A cd whose readings agree stays known: no link before the `..`.
    mkdirSync(join(sb.cwd, 'sub'));
    sb.write('work/x', 'x');
    for (const cmd of ['cd sub/.. && ls x', 'cd -P sub && ls ../x']) expect([cmd, (await runCli(['check', '--', cmd], sb)).code]).toEqual([cmd, 0]);
  });

  it('decides where the link really leads: a workspace link to ~/.ssh is a read of the key', async () => {
    sb.write('home/.ssh/id_rsa', 'KEY');
    sb.write('work/notes.txt', 'plain');
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'notes'));
    symlinkSync(join(sb.home, '.ssh'), join(sb.cwd, 'cfg'));
    expect((await runCli(['check', '--', 'cat notes.txt'], sb)).code).toBe(0);
    for (const cmd of ['cat notes', 'cat cfg/id_rsa', 'head -1 ./notes']) {
      const r = await runCli(['check', '--json', '--', cmd], sb);
      const out = JSON.parse(r.stdout);
      expect(out.actions.filter((a: { kind: string }) => a.kind === 'file').map((a: { path: string }) => a.path), cmd).toContain(join(sb.home, '.ssh/id_rsa'));
      expect(out.rules.map((x: { id: string }) => x.id), cmd).toContain('secrets.ssh-keys');
      expect(r.code, cmd).not.toBe(0);
    }
    // Deleting the link deletes the link, not the key: decided on the link.
    const rm = JSON.parse((await runCli(['check', '--json', '--', 'rm notes'], sb)).stdout);
    expect(rm.actions.filter((a: { kind: string }) => a.kind === 'file').map((a: { path: string }) => a.path)).toEqual([join(sb.cwd, 'notes')]);
    // With a trailing slash the kernel follows the link: GNU rm -rf cfg/ empties ~/.ssh.
    const slash = JSON.parse((await runCli(['check', '--json', '--', 'rm -rf cfg/'], sb)).stdout);
    expect(slash.actions.filter((a: { kind: string }) => a.kind === 'file').map((a: { path: string }) => a.path)).toEqual([join(sb.cwd, 'cfg'), join(sb.home, '.ssh')]);
  });
});

describe('nomos check on a path with `..` after a symlink', () => {
  it('applies `..` where the link leads, as the kernel does, not to the text before it', async () => {
    sb.write('home/.ssh/id_rsa', 'KEY');
    mkdirSync(join(sb.cwd, 'deep/er'), { recursive: true });
    // deep/er/link -> ~/.ssh/keys, so link/.. is ~/.ssh; the text says deep/er.
    mkdirSync(join(sb.home, '.ssh/keys'));
    symlinkSync(join(sb.home, '.ssh/keys'), join(sb.cwd, 'deep/er/link'));
    const r = await runCli(['check', '--json', '--', 'cat deep/er/link/../id_rsa'], sb);
    const out = JSON.parse(r.stdout);
    expect(out.actions.filter((a: { kind: string }) => a.kind === 'file').map((a: { path: string }) => a.path)).toEqual([join(sb.cwd, 'deep/er/id_rsa'), join(sb.home, '.ssh/id_rsa')]);
    expect(out.rules.map((x: { id: string }) => x.id)).toContain('secrets.ssh-keys');
    // Without a link, `..` is plain text: one path.
    const plain = JSON.parse((await runCli(['check', '--json', '--', 'cat deep/er/../x.txt'], sb)).stdout);
    expect(plain.actions.filter((a: { kind: string }) => a.kind === 'file').map((a: { path: string }) => a.path)).toEqual([join(sb.cwd, 'deep/x.txt')]);
    // /dev/fd/.. is the process's own /proc directory: its environ holds every token.
    const environ = await runCli(['check', '--', 'cat /dev/fd/../environ'], sb);
    expect(environ.stdout).toMatch(/secrets\.system-credentials/);
  });
});

describe('nomos check on a glob', () => {
  const fileRules = (out: { rules: { id: string }[] }) => out.rules.map((x) => x.id);
  const paths = (out: { actions: { kind: string; path: string }[] }) => out.actions.filter((a) => a.kind === 'file').map((a) => a.path);

  it('decides the files the glob matches now, each as a path of its own (links followed, dotfiles seen)', async () => {
    for (const f of ['work/src/a.ts', 'work/src/b.ts', 'work/src/notes.md', 'work/a.o', 'work/build/x.o', 'home/.ssh/id_rsa']) sb.write(f, 'x');
    const check = async (cmd: string) => {
      const r = await runCli(['check', '--json', '--', cmd], sb);
      return { code: r.code, out: JSON.parse(r.stdout) };
    };
    const cat = await check('cat src/*.ts');
    expect(cat.code).toBe(0);
    expect(paths(cat.out)).toEqual([join(sb.cwd, 'src/a.ts'), join(sb.cwd, 'src/b.ts')]);
    // A glob deleting names in the workspace is an ordinary delete there, not "maybe anything" (which self-protection denied).
    const rm = await check('rm -f *.o build/*');
    expect(paths(rm.out)).toEqual([join(sb.cwd, 'a.o'), join(sb.cwd, 'build/x.o')]);
    expect(rm.out.decision).toBe('ask');
    expect(fileRules(rm.out)).toEqual([]);
    // A glob source of a copy: one copy per match, to the same target (a glob target stays unknown).
    const cp = await check('cp src/*.ts out/');
    expect(cp.out.actions.filter((a: { kind: string; op: string }) => a.kind === 'file' && a.op === 'copy').map((a: { path: string; target: string }) => [a.path, a.target])).toEqual([[join(sb.cwd, 'src/a.ts'), join(sb.cwd, 'out')], [join(sb.cwd, 'src/b.ts'), join(sb.cwd, 'out')]]);
    // Nothing matches: bash passes the word as written, so that is the path.
    expect(paths((await check('cat none/*.ts')).out)).toEqual([join(sb.cwd, 'none/*.ts')]);
    // A link among the matches is decided where it leads; a dotfile the glob may match is decided too.
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'src/c.ts'));
    const linked = await check('cat src/*.ts');
    expect(fileRules(linked.out)).toContain('secrets.ssh-keys');
    expect(linked.code).toBe(75);
    sb.write('work/src/.env.ts', 'TOKEN=x');
    expect(fileRules((await check('wc -l src/**/*.md src/*')).out)).toContain('secrets.dotenv');
    // A word with a variable in it is still anything.
    expect((await check('cat src/$X*.ts')).out.decision).not.toBe('allow');
  });
});

describe('nomos check on a loop over a glob', () => {
  it('decides the loop variable as the files the glob matches now, a link where it leads, and any file where a name may be an option', async () => {
    for (const f of ['work/src/a.ts', 'work/src/b.ts', 'home/.ssh/id_rsa']) sb.write(f, 'x');
    const decide = async (cmd: string) => JSON.parse((await runCli(['check', '--json', '--', cmd], sb)).stdout);
    const reads = (out: { actions: { kind: string; op: string; path: string }[] }) => out.actions.filter((a) => a.kind === 'file' && a.op === 'read').map((a) => a.path).sort();
    const loop = 'for f in src/*.ts; do wc -l "$f"; done';
    // What bash runs wc on.
    const ran = spawnSync('bash', ['-c', 'for f in src/*.ts; do printf "%s\\n" "$f"; done'], { cwd: sb.cwd, encoding: 'utf8' }).stdout.trim().split('\n').map((p) => join(sb.cwd, p));
    const out = await decide(loop);
    expect(reads(out)).toEqual(ran);
    expect(out.decision).toBe('allow');
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'src/c.ts'));
    expect((await decide(loop)).rules.map((r: { id: string }) => r.id)).toContain('secrets.ssh-keys');
    // `for f in *`: a file named -n would be an option to wc: any file.
    sb.write('work/-n', '');
    expect((await decide('for f in *; do wc -l "$f"; done')).rules.map((r: { id: string }) => r.id)).toContain('self.approval-secrets');
  });
});

describe('nomos check on a variable the script sets once', () => {
  it('decides $F as the word it was set to, and any file where something else may set it', async () => {
    sb.write('work/README.md', 'x');
    sb.write('home/.ssh/id_rsa', 'KEY');
    const decide = async (cmd: string) => JSON.parse((await runCli(['check', '--json', '--', cmd], sb)).stdout);
    const ids = (out: { rules: { id: string }[] }) => out.rules.map((r) => r.id);
    expect((await decide('F=README.md; cat "$F"')).decision).toBe('allow');
    expect(ids(await decide('F=~/.ssh/id_rsa; cat $F'))).toContain('secrets.ssh-keys');
    // read sets it again: what bash reads then is not README.md.
    expect(spawnSync('bash', ['-c', 'F=README.md; read F; cat "$F"'], { cwd: sb.cwd, input: `${join(sb.home, '.ssh/id_rsa')}\n`, encoding: 'utf8' }).stdout).toBe('KEY');
    expect(ids(await decide('F=README.md; read F; cat "$F"'))).toContain('self.approval-secrets');
  });
});

describe('nomos check on a glob that gives a name starting with -', () => {
  it('is opaque where the glob may give the program an option (sort * with -olink wrote where link leads)', async () => {
    sb.write('home/.bashrc', 'echo original\n');
    sb.write('work/a.txt', 'x\n');
    sb.write('work/-olink', '');
    symlinkSync(join(sb.home, '.bashrc'), join(sb.cwd, 'link'));
    const check = async (cmd: string) => runCli(['check', '--json', '--', cmd], sb);
    const sorted = await check('sort *');
    expect(sorted.code).not.toBe(0);
    expect(JSON.parse(sorted.stdout).opaque).toContainEqual(expect.objectContaining({ reason: 'the glob * gives sort -olink, which it reads as an option' }));
    // Where the glob cannot give one: after --, behind ./, or starting with a plain character.
    for (const cmd of ['sort -- *', 'sort ./*', 'sort a*']) expect(JSON.parse((await check(cmd)).stdout).opaque, cmd).toEqual([]);
    // What bash and sort do with it: the start-up file is overwritten.
    spawnSync('bash', ['-c', 'LC_ALL=C sort *'], { cwd: sb.cwd });
    expect(readFileSync(join(sb.home, '.bashrc'), 'utf8')).toBe('echo original\nx\n');
  });

  it('reads the glob where the shell expands it, not where a wrapper starts the command (env -C sub -- sort [-a]*)', async () => {
    sb.write('home/.bashrc', 'echo original\n');
    sb.write('work/a.txt', 'x\n');
    sb.write('work/-olink', '');
    sb.write('work/sub/a.txt', 'y\n');
    symlinkSync(join(sb.home, '.bashrc'), join(sb.cwd, 'sub/link'));
    const check = async (cmd: string) => JSON.parse((await runCli(['check', '--json', '--', cmd], sb)).stdout);
    // bash gives sort `-olink a.txt` from here; sort, started in sub, writes sub/link, which leads to the start-up file.
    spawnSync('bash', ['-c', 'env -C sub -- sort [-a]*'], { cwd: sb.cwd });
    expect(readFileSync(join(sb.home, '.bashrc'), 'utf8')).toBe('y\n');
    for (const cmd of ['env -C sub -- sort [-a]*', 'sudo -D sub -- sort [-a]*']) {
      expect((await check(cmd)).opaque, cmd).toContainEqual(expect.objectContaining({ reason: 'the glob [-a]* gives sort -olink, which it reads as an option' }));
    }
    // After cd, the shell expands it in sub, where no name starts with -.
    expect((await check('cd sub && sort *')).opaque).toEqual([]);
  });

  it('is opaque where the same command may make such a name first (echo x > ./-olink; sort * overwrote the start-up file)', async () => {
    sb.write('home/.bashrc', 'echo original\n');
    sb.write('work/a.txt', 'x\n');
    symlinkSync(join(sb.home, '.bashrc'), join(sb.cwd, 'link'));
    const check = async (cmd: string) => runCli(['check', '--json', '--', cmd], sb);
    // Nothing named -olink when nomos lists the glob: it is made by the command itself.
    const made = await check('echo x > ./-olink; sort *');
    expect(made.code).not.toBe(0);
    expect(JSON.parse(made.stdout).opaque).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/makes a file the glob \* may give sort as an option/) }));
    // So do a copy into the directory (its names are not known) and a write nomos cannot place.
    for (const cmd of ['cp -r ../other/. .; sort *', 'echo x > "$F"; sort *']) expect(JSON.parse((await check(cmd)).stdout).opaque, cmd).not.toEqual([]);
    // A plain name made first, or a glob that cannot give an option, stays as it was.
    for (const cmd of ['echo x > out.txt; sort *', 'echo x > ./-olink; sort ./*']) expect(JSON.parse((await check(cmd)).stdout).opaque, cmd).toEqual([]);
    expect(existsSync(join(sb.cwd, '-olink'))).toBe(false);
    // What bash and sort do with it: the start-up file is overwritten.
    spawnSync('bash', ['-c', 'echo x > ./-olink; LC_ALL=C sort *'], { cwd: sb.cwd });
    expect(readFileSync(join(sb.home, '.bashrc'), 'utf8')).not.toBe('echo original\n');
  });
});

describe('nomos check on find -exec', () => {
  const ids = (out: { rules: { id: string }[] }) => out.rules.map((x) => x.id);
  const reads = (out: { actions: { kind: string; op: string; path: string }[] }) => out.actions.filter((a) => a.kind === 'file' && a.op === 'read').map((a) => a.path).sort();

  it('decides the files find gives its command as the paths under its start paths, listed now', async () => {
    for (const f of ['work/docs/a.md', 'work/README.md', 'work/src/x.ts', 'home/.ssh/id_rsa']) sb.write(f, 'x');
    const check = async (cmd: string) => JSON.parse((await runCli(['check', '--json', '--', cmd], sb)).stdout);
    const md = await check("find . -name '*.md' -exec cat {} +");
    // Every file real find gives the command is among the files decided.
    const found = spawnSync('find', ['.', '-name', '*.md'], { cwd: sb.cwd, encoding: 'utf8' }).stdout.trim().split('\n').map((p) => join(sb.cwd, p));
    expect(reads(md)).toEqual(expect.arrayContaining(found));
    expect(reads(md)).toEqual([sb.cwd, join(sb.cwd, 'README.md'), join(sb.cwd, 'docs/a.md')]);
    // Not "any file" (which nomos's own approval key may be): asked as find -exec, not denied.
    expect(ids(md)).not.toContain('self.approval-secrets');
    expect(md.decision).toBe('ask');
    expect((await check("find . -name '*.md'")).decision).toBe('allow');
    // A link among them is decided where it leads.
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'docs/key.md'));
    expect(ids(await check("find . -name '*.md' -exec cat {} +"))).toContain('secrets.ssh-keys');
    // Too many to list: any file again.
    for (let i = 0; i <= 1000; i++) sb.write(`work/many/f${i}.md`, '');
    const many = await check("find . -name '*.md' -exec cat {} +");
    expect(many.actions).toContainEqual(expect.objectContaining({ kind: 'file', op: 'read', path: join(sb.cwd, '**/*.md'), dynamic: true }));
    expect(ids(many)).toContain('self.approval-secrets');
    expect(many.decision).toBe('deny');
  });

  it('decides a literal -iname as every case of the name (find -iname id_rsa gives cat ID_RSA)', async () => {
    sb.write('home/.ssh/ID_RSA', 'x');
    const check = async (cmd: string) => JSON.parse((await runCli(['check', '--json', '--', cmd], sb)).stdout);
    const out = await check('find ~/.ssh -iname id_rsa -exec cat {} +');
    expect(reads(out)).toContain(join(sb.home, '.ssh/ID_RSA'));
  });
});

describe('nomos check on find | xargs', () => {
  const ids = (out: { rules: { id: string }[] }) => out.rules.map((x) => x.id);
  const reads = (out: { actions: { kind: string; op: string; path: string }[] }) => out.actions.filter((a) => a.kind === 'file' && a.op === 'read').map((a) => a.path).sort();
  const check = async (cmd: string) => JSON.parse((await runCli(['check', '--json', '--', cmd], sb)).stdout);
  /** The words real find and xargs give the command, as absolute paths. */
  const given = (pipeline: string) => spawnSync('bash', ['-c', pipeline], { cwd: sb.cwd, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((p) => join(sb.cwd, p));

  it('decides the words xargs adds as the paths find printed, listed now', async () => {
    for (const f of ['work/docs/a.md', 'work/README.md', 'work/src/x.ts', 'home/.ssh/id_rsa']) sb.write(f, 'x');
    const md = await check("find . -name '*.md' | xargs cat");
    expect(reads(md)).toEqual(expect.arrayContaining(given("find . -name '*.md' | xargs printf '%s\\n'")));
    expect(reads(md)).toEqual([sb.cwd, join(sb.cwd, 'README.md'), join(sb.cwd, 'docs/a.md')]);
    // Not "any file" (which nomos's own approval key may be): cat of those files, and xargs itself, are allowed.
    expect(ids(md)).not.toContain('self.approval-secrets');
    expect(ids(md)).toEqual(expect.arrayContaining(['base.wrappers', 'base.read-only']));
    expect(md.decision).toBe('allow');
    // NUL-separated, and with -I: the same paths.
    expect(reads(await check('find src -type f -print0 | xargs -0 -n1 wc -l'))).toEqual([join(sb.cwd, 'src'), join(sb.cwd, 'src/x.ts')]);
    expect(reads(await check("find docs -name '*.md' | xargs -I{} cat {}"))).toEqual([join(sb.cwd, 'docs'), join(sb.cwd, 'docs/a.md')]);
    // A link among them is decided where it leads.
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'docs/key.md'));
    expect(ids(await check("find . -name '*.md' | xargs cat"))).toContain('secrets.ssh-keys');
  });

  it('decides what grep -rl prints the same way, a linked directory given to it where it leads', async () => {
    for (const f of ['work/src/a.ts', 'work/src/lib/b.ts', 'home/.ssh/id_rsa']) sb.write(f, 'foo');
    const writes = (out: { actions: { kind: string; op: string; path: string }[] }) => [...new Set(out.actions.filter((a) => a.kind === 'file' && a.op === 'write').map((a) => a.path))].sort();
    const sed = await check('grep -rl foo src | xargs sed -i s/foo/bar/');
    expect(writes(sed)).toEqual(expect.arrayContaining(given("grep -rl foo src | xargs printf '%s\\n'")));
    expect(writes(sed)).toEqual([join(sb.cwd, 'src'), join(sb.cwd, 'src/a.ts'), join(sb.cwd, 'src/lib'), join(sb.cwd, 'src/lib/b.ts')]);
    expect(ids(sed)).not.toContain('self.approval-secrets');
    // grep -r follows a link it is given: real grep prints keys/id_rsa, which nomos decides as the key.
    symlinkSync(join(sb.home, '.ssh'), join(sb.cwd, 'keys'));
    expect(given("grep -rl foo keys | xargs printf '%s\\n'")).toEqual([join(sb.cwd, 'keys/id_rsa')]);
    expect(ids(await check('grep -rl foo keys | xargs cat'))).toContain('secrets.ssh-keys');
  });

  it('is any file where grep -rl without a path prints a name that reads as an option (-olink)', async () => {
    sb.write('work/a.txt', 'foo\n');
    expect(ids(await check('grep -rl foo | xargs sort'))).not.toContain('self.approval-secrets');
    sb.write('work/-olink', 'foo\n');
    // Real grep prints the name bare, and xargs hands sort the option -olink.
    expect(spawnSync('bash', ['-c', 'grep -rl foo | sort'], { cwd: sb.cwd, encoding: 'utf8' }).stdout.split('\n')).toContain('-olink');
    expect(ids(await check('grep -rl foo | xargs sort'))).toContain('self.approval-secrets');
    expect(ids(await check('grep -rl foo . | xargs sort'))).not.toContain('self.approval-secrets');
  });

  it('is any file where the same command may make a name xargs or bash would split, or one that reads as an option', async () => {
    sb.write('work/src/a.ts', 'foo\n');
    sb.write('work/.env', 'TOKEN=x\n');
    expect((await check('cat $(find src)')).decision).toBe('allow');
    // `src/x .env` is made before find runs: bash splits it, and cat reads ./.env.
    const split = await check(': > "src/x .env"; cat $(find src)');
    expect(ids(split)).toContain('self.approval-secrets');
    expect(spawnSync('bash', ['-c', ': > "src/x .env"; cat $(find src)'], { cwd: sb.cwd, encoding: 'utf8' }).stdout).toContain('TOKEN=x');
    rmSync(join(sb.cwd, 'src/x .env'));
    expect(ids(await check(': > "src/x .env"; find src | xargs cat'))).toContain('self.approval-secrets');
    // A tree copied or moved below the start path brings names nomos has not listed.
    expect(ids(await check('cp -r ../other src/; cat $(find src)'))).toContain('self.approval-secrets');
    expect(ids(await check('mv ../l src/l; find src | xargs cat'))).toContain('self.approval-secrets');
    // grep -rl without a path prints `-ovictim` bare: sort's option.
    expect(ids(await check('echo foo > -ovictim; grep -rl foo | xargs sort'))).toContain('self.approval-secrets');
    // A plain name made there changes nothing.
    expect(ids(await check(': > src/b.ts; cat $(find src)'))).not.toContain('self.approval-secrets');
    expect(ids(await check('echo foo > b.txt; grep -rl foo | xargs sort'))).not.toContain('self.approval-secrets');
  });

  it('decides an unquoted $(find …) as the paths bash makes of it, and as any file where bash would split or expand one', async () => {
    for (const f of ['work/src/a.ts', 'work/src/lib/b.ts']) sb.write(f, 'x');
    const words = await check("wc -l $(find src -name '*.ts')");
    expect(reads(words)).toEqual(expect.arrayContaining(given("printf '%s\\n' $(find src -name '*.ts')")));
    expect(reads(words)).toEqual([join(sb.cwd, 'src'), join(sb.cwd, 'src/a.ts'), join(sb.cwd, 'src/lib/b.ts')]);
    expect(words.decision).toBe('allow');
    // A name with a glob character: bash expands `src/*.ts` in find's output to every .ts file there.
    sb.write('work/src/*.ts', 'x');
    expect(given("printf '%s\\n' $(find src -name '*.ts')").filter((p) => p.endsWith('/src/a.ts')).length).toBe(2);
    expect(ids(await check("wc -l $(find src -name '*.ts')"))).toContain('self.approval-secrets');
  });

  it('decides find | while read -r f as the lines find printed', async () => {
    for (const f of ['work/docs/a.md', 'work/docs/b.md']) sb.write(f, 'x');
    const loop = "find docs -name '*.md' | while IFS= read -r f; do cat \"$f\"; done";
    const out = await check(loop);
    expect(reads(out)).toEqual(expect.arrayContaining(given("find docs -name '*.md' | while IFS= read -r f; do printf '%s\\n' \"$f\"; done")));
    expect(ids(out)).not.toContain('self.approval-secrets');
    // A name read would change (read strips a trailing blank: `docs/c ` is read as `docs/c`) makes them any file.
    sb.write('work/docs/c ', 'x');
    expect(given("find docs | while read -r f; do printf '%s\\n' \"$f\"; done")).toContain(join(sb.cwd, 'docs/c'));
    expect(ids(await check('find docs | while read -r f; do cat "$f"; done'))).toContain('self.approval-secrets');
  });

  it('is any file again where xargs would split a name, or reads something other than find\'s paths', async () => {
    sb.write('work/docs/a.md', 'x');
    // xargs splits `docs/b /etc/x.md`-like names at blanks and unquotes them: real xargs gives cat other paths.
    sb.write('work/docs/note one.md', 'x');
    expect(given("find docs -name '*.md' | xargs printf '%s\\n'")).toContain(join(sb.cwd, 'one.md'));
    const split = await check("find docs -name '*.md' | xargs cat");
    expect(split.actions).toContainEqual(expect.objectContaining({ kind: 'file', op: 'read', path: join(sb.cwd, 'docs/**/*.md'), dynamic: true }));
    expect(ids(split)).toContain('self.approval-secrets');
    // With -print0 and -0 the names pass whole.
    const whole = await check("find docs -name '*.md' -print0 | xargs -0 cat");
    expect(reads(whole)).toEqual([join(sb.cwd, 'docs'), join(sb.cwd, 'docs/a.md'), join(sb.cwd, 'docs/note one.md')]);
    expect(reads(whole)).toEqual(expect.arrayContaining(given("find docs -name '*.md' -print0 | xargs -0 printf '%s\\n'")));
    for (const cmd of ["find docs -print0 | xargs cat", "find docs -printf '%p\\n' | xargs cat", 'find docs |& xargs cat', 'find docs | xargs -a list cat']) {
      expect(ids(await check(cmd)), cmd).toContain('self.approval-secrets');
    }
  });
});

describe('self-protection follows nomos\'s places as configured', () => {
  it('denies changing the state dir, the audit log and the config wherever NOMOS_STATE_DIR, NOMOS_AUDIT_LOG and XDG_CONFIG_HOME put them', async () => {
    // The sandbox puts all three outside their default places.
    const changes = [
      `echo '{"files": []}' > ${sb.state}/policy-0123456789abcdef.json`,
      `rm -rf ${sb.state}/sessions`,
      `echo forged >> ${sb.audit}`,
      `mv ${sb.audit}.1 /dev/null`,
      `echo 'default: allow' > ${sb.env.XDG_CONFIG_HOME}/nomos/config.yaml`,
      `cat ${sb.env.XDG_CONFIG_HOME}/nomos/approval.key`,
      // nomos's own installation (here: this checkout), as when it is installed in a project's node_modules.
      `echo 'version: 1' > ${PACKAGE}/rules/secrets.yaml`,
      `rm ${PACKAGE}/dist/hot.cjs`,
    ];
    for (const cmd of changes) {
      const r = await runCli(['check', '--json', '--', cmd], sb);
      expect(JSON.parse(r.stdout).rules.map((x: { id: string }) => x.id), cmd).toEqual(expect.arrayContaining([expect.stringMatching(/^self\./)]));
      expect(r.code, cmd).toBe(77);
    }
    expect((await runCli(['check', '--', `cat ${sb.audit}`], sb)).code).toBe(0);
  });
});

describe('nomos check and the session', () => {
  it('a session: matcher sees the session id even before the session exists, and check creates none', async () => {
    const rules = sb.write('s.yaml', 'version: 1\nrules:\n  - id: s.ci-only\n    match: { command: make, session: "ci-*" }\n    decision: allow\n');
    expect((await runCli(['check', '--rules', rules, '--session', 'ci-42', '--', 'make'], sb)).code).toBe(0);
    expect((await runCli(['check', '--rules', rules, '--session', 'dev-1', '--', 'make'], sb)).code).toBe(75);
    expect(readdirSync(sb.state).filter((n) => n === 'sessions')).toEqual([]);
  });
});

