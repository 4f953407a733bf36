import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HOT_HEAD, wrapHot } from '../../scripts/hot-wrapper.mjs';
import { describe, expect, it } from 'vitest';

// bin/nomos.js loads the hot bundle through dist/launch.cjs with V8's code cache. These
// tests run the launcher on a small bundle of their own in a temporary dist/.
const LAUNCH = resolve(import.meta.dirname, '../../dist/launch.cjs');

function fakeDist(body: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'nomos-launch-')), 'dist');
  mkdirSync(dir);
  writeFileSync(join(dir, 'hot.cjs'), wrapHot(body));
  return dir;
}

const BUNDLE = (answer: string) => `exports.hotArgs = (argv) => (argv[0] === 'go' ? { command: '${answer}' } : undefined);
exports.runHot = async (call) => { process.stdout.write(call.command + ' ' + typeof require + ' ' + __filename.endsWith('hot.cjs')); return 3; };`;

function run(dir: string, env: Record<string, string> = {}) {
  const script = `const hot = require(${JSON.stringify(LAUNCH)}).loadHot('check', ${JSON.stringify(dir)}); hot.runHot(hot.hotArgs(['go'])).then((c) => (process.exitCode = c));`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('code-cached launch of the hot bundle', () => {
  it('runs the bundle as a CommonJS module and writes a cache for this build on the first call', () => {
    const dir = fakeDist(BUNDLE('one'));
    const r = run(dir);
    expect(r.stdout).toBe('one function true');
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('');
    const cache = readFileSync(join(dir, 'hot.cjs.check.cache'));
    expect(cache.subarray(0, 17).toString()).toBe('nomos-code-cache ');
    // A second call uses it and leaves it as it is.
    expect(run(dir).stdout).toBe('one function true');
    expect(readFileSync(join(dir, 'hot.cjs.check.cache')).equals(cache)).toBe(true);
  });

  it('a call under other V8 flags keeps a cache of its own and leaves the shipped one alone', () => {
    const dir = fakeDist(BUNDLE('one'));
    run(dir);
    const shipped = readFileSync(join(dir, 'hot.cjs.check.cache'));
    // V8 rejects a cache made under other flags: a terminal with NODE_OPTIONS and an agent without
    // it rewrote the one file in turn, compiling afresh on every call.
    const flagged = { NODE_OPTIONS: '--max-old-space-size=200' };
    expect(run(dir, flagged).stdout).toBe('one function true');
    expect(readFileSync(join(dir, 'hot.cjs.check.cache')).equals(shipped)).toBe(true);
    const own = readdirSync(dir).filter((f) => f === 'hot.cjs.check.alt.cache');
    expect(own).toHaveLength(1);
    const ownData = readFileSync(join(dir, own[0]!));
    expect(ownData.equals(shipped)).toBe(false);
    for (const env of [flagged, {}, flagged]) expect(run(dir, env).stdout).toBe('one function true');
    expect(readFileSync(join(dir, own[0]!)).equals(ownData)).toBe(true);
    expect(readFileSync(join(dir, 'hot.cjs.check.cache')).equals(shipped)).toBe(true);
    // Options that are Node's, not V8's, find the shipped cache good and write nothing.
    expect(run(dir, { NODE_OPTIONS: '--no-warnings' }).stdout).toBe('one function true');
    expect(readdirSync(dir).filter((f) => f.endsWith('.cache'))).toHaveLength(2);
    // Other V8 options take the one other slot over: the files never grow in number.
    for (const size of [201, 202, 203]) expect(run(dir, { NODE_OPTIONS: `--max-old-space-size=${size}` }).stdout).toBe('one function true');
    expect(readdirSync(dir).filter((f) => f.endsWith('.cache')).sort()).toEqual(['hot.cjs.check.alt.cache', 'hot.cjs.check.cache']);
    expect(readFileSync(join(dir, 'hot.cjs.check.cache')).equals(shipped)).toBe(true);
  });

  it("gives the bundle a require for Node's built-ins and for files beside it", () => {
    const dir = fakeDist(`const { join } = require('node:path');
exports.hotArgs = () => ({ command: 'check' });
exports.runHot = async () => { process.stdout.write(require('./beside.cjs').word + ' ' + join('a', 'b') + ' ' + (require('node:fs') === require('fs'))); return 0; };`);
    writeFileSync(join(dir, 'beside.cjs'), "exports.word = 'beside';");
    const r = run(dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('beside a/b true');
  });

  it('the real bundle uses its require only as a function (the launcher gives it no require.resolve or require.cache)', () => {
    const bundle = readFileSync(resolve(import.meta.dirname, '../../dist/hot.cjs'), 'latin1');
    expect(bundle.match(/\brequire\.[A-Za-z_$]+/g) ?? []).toEqual([]);
  });

  it('never runs a cache made for another build of the bundle, even of the same length', () => {
    const dir = fakeDist(BUNDLE('one'));
    run(dir);
    const before = readFileSync(join(dir, 'hot.cjs.check.cache'));
    writeFileSync(join(dir, 'hot.cjs'), wrapHot(BUNDLE('two'))); // same length: V8 alone would accept the old cache
    utimesSync(join(dir, 'hot.cjs'), new Date(), new Date(Date.now() + 5000));
    expect(run(dir).stdout).toBe('two function true');
    const after = readFileSync(join(dir, 'hot.cjs.check.cache'));
    expect(after.equals(before)).toBe(false);
    expect(run(dir).stdout).toBe('two function true');
  });

  it('survives a corrupt cache and replaces it', () => {
    const dir = fakeDist(BUNDLE('one'));
    run(dir);
    const cache = readFileSync(join(dir, 'hot.cjs.check.cache'));
    const header = cache.subarray(0, cache.indexOf(10) + 1);
    writeFileSync(join(dir, 'hot.cjs.check.cache'), Buffer.concat([header, Buffer.from('not a V8 code cache')]));
    const r = run(dir);
    expect(r.stdout).toBe('one function true');
    expect(r.stderr).toBe('');
    expect(readFileSync(join(dir, 'hot.cjs.check.cache')).length).toBeGreaterThan(header.length + 100);
  });

  it('the build ships a cache per hot command for the real bundle, which this Node accepts', () => {
    const dist = resolve(import.meta.dirname, '../../dist');
    const script = `const { cacheState } = require(${JSON.stringify(LAUNCH)});
      process.stdout.write(['check', 'exec', 'hook'].map((c) => cacheState(c, ${JSON.stringify(dist)})).join(' '));`;
    expect(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout).toBe('ok ok ok');
  });

  it('the real bundle is ASCII, wrapped as a CommonJS function, and the data of each cache is 8-byte aligned', () => {
    const dist = resolve(import.meta.dirname, '../../dist');
    const bundle = readFileSync(join(dist, 'hot.cjs'));
    expect(bundle.every((byte) => byte < 0x80)).toBe(true);
    const text = bundle.toString('latin1');
    expect(text.startsWith(`${HOT_HEAD}\n`)).toBe(true);
    expect(text).toMatch(/\n\}\);\n\/\/# sourceMappingURL=hot\.cjs\.map\n?$/);
    for (const command of ['check', 'exec', 'hook']) {
      const cache = readFileSync(join(dist, `hot.cjs.${command}.cache`));
      expect((cache.indexOf(10) + 1) % 8, command).toBe(0);
    }
  });

  it('NOMOS_CODE_CACHE=write compiles afresh: the new cache holds only what this call ran', () => {
    const dir = fakeDist(`${BUNDLE('one')}\nexports.more = () => [1, 2, 3].map((x) => x * 2);\nif (process.env.MORE) exports.more();`);
    run(dir, { MORE: '1', NOMOS_CODE_CACHE: 'write' });
    const big = readFileSync(join(dir, 'hot.cjs.check.cache')).length;
    run(dir, { NOMOS_CODE_CACHE: 'write' });
    expect(readFileSync(join(dir, 'hot.cjs.check.cache')).length).toBeLessThan(big);
  });
});

describe('when nomos cannot start, a hook call blocks', () => {
  // Claude Code and Gemini CLI run the tool on any hook exit but 2: failing to start must not let it through.
  const BIN = resolve(import.meta.dirname, '../../bin/nomos.js');
  const hookInput = JSON.stringify({ session_id: 's', cwd: '/', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } });

  it('on a Node without process.getBuiltinModule: hook exits 2, check 70, each with the reason', () => {
    const oldNode = resolve(import.meta.dirname, '../fixtures/launch/old-node.cjs');
    const hook = spawnSync(process.execPath, ['-r', oldNode, BIN, 'hook', 'claude-code'], { input: hookInput, encoding: 'utf8' });
    expect(hook.status).toBe(2);
    expect(hook.stderr).toMatch(/needs Node.js 20.16 or later/);
    const check = spawnSync(process.execPath, ['-r', oldNode, BIN, 'check', '--', 'ls'], { encoding: 'utf8' });
    expect(check.status).toBe(70);
  });

  it('started in a directory that was removed: hook exits 2, check and exec 70, saying why, with no stack trace', () => {
    const gone = join(mkdtempSync(join(tmpdir(), 'nomos-gone-')), 'gone');
    const inGone = (args: string, input = '') => spawnSync('sh', ['-c', `mkdir '${gone}' && cd '${gone}' && rmdir '${gone}' && exec "$0" '${BIN}' ${args}`, process.execPath], { input, encoding: 'utf8', env: { ...process.env, NOMOS_DAEMON: 'off' } });
    const hook = inGone('hook claude-code', hookInput);
    expect({ status: hook.status, stderr: hook.stderr }).toEqual({ status: 2, stderr: 'nomos: the directory it was started in no longer exists; run it from one that does\n' });
    for (const args of ['check -- ls', 'exec -- ls', 'audit tail']) expect(inGone(args).status).toBe(70);
  });

  it('with its code missing: hook exits 2 and says so', () => {
    const root = mkdtempSync(join(tmpdir(), 'nomos-broken-'));
    for (const dir of ['bin', 'dist']) mkdirSync(join(root, dir));
    copyFileSync(BIN, join(root, 'bin/nomos.js'));
    copyFileSync(resolve(import.meta.dirname, '../../bin/package.json'), join(root, 'bin/package.json'));
    copyFileSync(LAUNCH, join(root, 'dist/launch.cjs'));
    const hook = spawnSync(process.execPath, [join(root, 'bin/nomos.js'), 'hook', 'claude-code'], { input: hookInput, encoding: 'utf8' });
    expect(hook.status).toBe(2);
    expect(hook.stderr).toMatch(/cannot load its code/);
  });
});

