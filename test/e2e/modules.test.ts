import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, makeSandbox, type Sandbox } from '../helpers/cli.js';

// Start-up cost is nomos's latency (DESIGN.md, start-up budget): what the allow path loads is pinned here.
const RECORD = resolve(import.meta.dirname, '../fixtures/modules/record.mjs');
const RECORD_BUILTINS = resolve(import.meta.dirname, '../fixtures/modules/builtins.cjs');

/** Packages only some paths need: a plain check or exec must not load them. */
const HEAVY = ['ink', 'react', '@marcbachmann/cel-js', 'undici', 'zod', 'yaml', 'js-yaml', 'cosmiconfig', '@modelcontextprotocol/sdk', 'execa', 'tree-sitter', 'web-tree-sitter', 'tree-sitter-bash'];

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});

/** Node built-ins that cost start-up time: a plain check needs none of them (src/builtins.ts). */
const HEAVY_BUILTINS = ['crypto', 'tty', 'child_process', 'stream', 'fs/promises', 'v8', 'net', 'os', 'perf_hooks'];

/**
 * Runs the CLI (twice: the first fills the policy cache) and returns the packages and Node
 * built-ins the second run loaded. dist/hot.cjs is compiled by dist/launch.cjs through
 * vm.Script (no loader sees it): when launch.cjs was loaded, hot.cjs was too.
 */
function packagesLoaded(args: string[], input = ''): { packages: string[]; builtins: string[]; stdout: string; code: number | null } {
  const record = join(sb.root, 'modules.txt');
  const run = () => spawnSync(process.execPath, ['--import', RECORD, BIN, ...args], { cwd: sb.cwd, env: { ...sb.env, NOMOS_TEST_MODULES: record }, input, encoding: 'utf8' });
  run();
  spawnSync('rm', ['-f', record]);
  const r = run();
  expect(r.stderr).toBe('');
  expect(existsSync(record)).toBe(true);
  const lines = readFileSync(record, 'utf8').split('\n');
  const paths = lines.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  if (paths.some((p) => p.endsWith('/dist/launch.cjs'))) paths.push(resolve(dirname(BIN), '../dist/hot.cjs'));
  const packages = new Set<string>();
  for (const path of paths) {
    for (const source of bundledSources(path)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
      if (match) packages.add(match[1]!);
    }
  }
  const builtins = lines.filter((l) => l.startsWith('builtin:')).map((l) => l.slice(8)).filter((b) => !recorderBuiltins().includes(b));
  return { packages: [...packages].sort(), builtins, stdout: r.stdout, code: r.status };
}

/**
 * Node's own modules (internal ones too) and bindings the second of two runs loaded beyond
 * what `node -e 0` loads, recorded by a preload that loads nothing itself (net included).
 */
function builtinsLoaded(args: string[], env: NodeJS.ProcessEnv = {}): { builtins: string[]; bindings: string[]; code: number | null } {
  const record = join(sb.root, 'builtins.txt');
  const run = (argv: string[]) => spawnSync(process.execPath, ['-r', RECORD_BUILTINS, ...argv], { cwd: sb.cwd, env: { ...sb.env, ...env, NOMOS_TEST_MODULES: record }, encoding: 'utf8' });
  const lines = (argv: string[]) => {
    spawnSync('rm', ['-f', record]);
    const r = run(argv);
    expect(r.stderr).toBe('');
    return { code: r.status, lines: readFileSync(record, 'utf8').split('\n') };
  };
  run([BIN, ...args]);
  const base = new Set(lines(['-e', '0']).lines);
  const r = lines([BIN, ...args]);
  const fresh = r.lines.filter((l) => !base.has(l));
  const pick = (prefix: string) => fresh.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  return { builtins: pick('builtin:'), bindings: pick('binding:'), code: r.code };
}

let recorded: string[] | undefined;
/** What the recording itself loads (its loader hooks run on a worker): left out of every list. */
function recorderBuiltins(): string[] {
  if (recorded) return recorded;
  const record = join(sb.root, 'baseline.txt');
  spawnSync(process.execPath, ['--import', RECORD, '-e', '0'], { env: { ...sb.env, NOMOS_TEST_MODULES: record } });
  recorded = readFileSync(record, 'utf8').split('\n').filter((l) => l.startsWith('builtin:')).map((l) => l.slice(8));
  return recorded;
}

/** The files a module was built from: its source map's sources for a dist chunk, else itself. */
function bundledSources(path: string): string[] {
  if (!existsSync(`${path}.map`)) return [path];
  return (JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { sources: string[] }).sources;
}

describe('modules a decision loads', () => {
  it('a plain check loads none of the heavy packages', () => {
    const r = packagesLoaded(['check', '--', 'git status && ls -la | grep x']);
    expect(r.stdout).toMatch(/^allow: /);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
    expect(r.builtins.filter((b) => HEAVY_BUILTINS.includes(b))).toEqual([]);
    // The recording works: the glob matcher is bundled from node_modules and shows up, as does vm (the code cache).
    expect(r.packages).toContain('picomatch');
    expect(r.builtins).toContain('vm');
    // The hot path parses its own arguments: no commander.
    expect(r.packages).not.toContain('commander');
  });

  it('a plain check in a directory with a package.json remembers its config search: no cosmiconfig', () => {
    // package.json was taken for a cosmiconfig meta config, which never reaches the search
    // (src/config/search.ts): every check in a JS project searched again (+17 ms).
    sb.write('work/package.json', JSON.stringify({ name: 'w' }));
    sb.write('package.json', JSON.stringify({ name: 'above' }));
    const r = packagesLoaded(['check', '--', 'git status && ls -la | grep x']);
    expect(r.stdout).toMatch(/^allow: /);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('a check that needs the grammar loads tree-sitter, and still no UI, CEL or schema', () => {
    const r = packagesLoaded(['check', '--', 'for f in a b; do echo "$f"; done']);
    expect(r.packages).toContain('tree-sitter');
    expect(r.packages.filter((p) => HEAVY.includes(p) && !p.includes('tree-sitter'))).toEqual([]);
  });

  it('a hook call on a plain Bash command loads none of the heavy packages', () => {
    const input = JSON.stringify({ session_id: 's1', cwd: sb.cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' } });
    const r = packagesLoaded(['hook', 'claude-code'], input);
    expect(r.code).toBe(0);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
    // It records (session and audit chains, a decision id) with sha256 in WebAssembly and
    // /dev/urandom (src/hash.ts, src/random.ts): no heavy built-in, node:crypto included, nor
    // node:os (the user the audit record names is the uid's /etc/passwd entry, not $USER).
    expect(r.builtins.filter((b) => HEAVY_BUILTINS.includes(b))).toEqual([]);
    expect(existsSync(join(sb.env.NOMOS_AUDIT_LOG!))).toBe(true);
  });

  it('exec starts its command through process_wrap: no child_process, no stream stack, none of the heavy packages, not even execa', () => {
    const r = packagesLoaded(['exec', '--', 'true']);
    expect(r.code).toBe(0);
    expect(r.packages.filter((p) => HEAVY.includes(p))).toEqual([]);
    const b = builtinsLoaded(['exec', '--', 'true']);
    expect(b.code).toBe(0);
    expect(b.bindings).toContain('process_wrap');
    expect(b.builtins.filter((m) => /^(child_process|net|stream|internal\/streams\/)/.test(m))).toEqual([]);
    // Where the binding cannot be had, child_process does the same (src/bindings.ts).
    const off = builtinsLoaded(['exec', '--', 'true'], { NOMOS_NODE_BINDINGS: 'off' });
    expect(off.code).toBe(0);
    expect(off.builtins).toContain('child_process');
  });

  it('with a daemon running, a check or exec loads only its client: no bundle, no package, not net or child_process', () => {
    expect(spawnSync(process.execPath, [BIN, 'daemon', 'start'], { env: sb.env, encoding: 'utf8' }).status).toBe(0);
    try {
      const r = packagesLoaded(['check', '--', 'git status && ls -la | grep x']);
      expect(r.stdout).toMatch(/^allow: /);
      expect(r.packages).toEqual([]);
      // (net itself is among what this recording loads: builtinsLoaded sees it, below)
      expect(r.builtins.filter((b) => HEAVY_BUILTINS.includes(b) && b !== 'net')).toEqual([]);
      expect(r.builtins).not.toContain('vm'); // the hot bundle was not compiled: the daemon answered
      // The client talks to the daemon through pipe_wrap, and an exec starts its command
      // through process_wrap: neither net nor child_process, nor the stream stack under them.
      for (const call of [['check', '--', 'git status'], ['exec', '--', 'true']]) {
        const b = builtinsLoaded(call);
        expect(b.code).toBe(0);
        expect(b.builtins.filter((m) => /^(child_process|net|stream|vm|internal\/streams\/)/.test(m))).toEqual([]);
        expect(b.bindings).toContain('pipe_wrap');
      }
    } finally {
      spawnSync(process.execPath, [BIN, 'daemon', 'stop'], { env: sb.env });
    }
  });
});
