import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseCase, loadBothParsers, loadShellCases, programsOf } from './harness.js';
import { installedCommands, makeShimWorld, type ShimWorld } from './shims.js';

// Security properties are tested against bash itself: what bash really runs for each case
// must be among the programs nomos reports (unless nomos said it cannot know: opaque).
const cases = loadShellCases();
const [parser] = await loadBothParsers();
// Shims: every program nomos reports, and every word of a case that names an installed command
// (so a program nomos misses still has a shim a wrapper shim can follow into).
const installed = installedCommands();
const words = cases.flatMap((c) => [...c.cmd.matchAll(/[A-Za-z0-9._+-]+/g)].map((m) => m[0]).filter((w) => installed.has(w)));
const reported = cases.flatMap((c) => programsOf(analyseCase(c.cmd, parser!)));
const world = makeShimWorld([...words, ...reported]);
writeFileSync(world.log, '');
afterAll(() => rmSync(world.root, { recursive: true, force: true }));

/** Runs a command under restricted bash with only the shims on PATH; returns the programs it ran. */
/** NOMOS_FUZZ_RUNS=5000 for a longer hunt; the default keeps `npm test` quick. */
const FUZZ_RUNS = Number(process.env.NOMOS_FUZZ_RUNS ?? 150);
let run = 0;
function runUnderBash(cmd: string, w: ShimWorld): string[] {
  const id = `run${process.pid}-${++run}`;
  const r = spawnSync(w.bash, ['--norc', '--noprofile', '-r', '-c', `${cmd}\nwait`], {
    cwd: w.work,
    env: { PATH: w.shims, HOME: w.work, LANG: 'C.UTF-8', NOMOS_DIFF_RUN: id },
    input: '',
    encoding: 'utf8',
    timeout: 3000,
    killSignal: 'SIGKILL',
  });
  killLeftovers(id);
  const notFound = [...(r.stderr ?? '').matchAll(/: ([^:\n]+): command not found$/gm)].map((m) => m[1]!);
  return [...new Set([...readFileSync(w.log, 'utf8').split('\n').filter((l) => l.startsWith(`${id} `)).map((l) => l.slice(id.length + 1)), ...notFound])];
}

/**
 * Kills what a run left running: a timeout kills bash, not the jobs it started (`coproc c while
 * true; do …; done` spun on after the test). They carry the run's NOMOS_DIFF_RUN.
 */
function killLeftovers(id: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`NOMOS_DIFF_RUN=${id}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone, or not ours to read
    }
  }
}

describe('differential: nomos reports every program real bash runs', () => {
  it('shims cannot run a real destructive program', () => {
    const sentinel = join(world.work, 'sentinel');
    writeFileSync(sentinel, 'x');
    const ran = runUnderBash("rm -rf sentinel; /bin/rm -rf sentinel; env /bin/rm sentinel; bash -c '/usr/bin/rm sentinel'; find . -delete; command -p rm sentinel; xargs /bin/rm sentinel", world);
    expect(existsSync(sentinel)).toBe(true);
    expect(ran).toContain('rm');
    expect(ran).toContain('find');
  });

  it('the wrapper shims really follow inner commands', () => {
    expect(runUnderBash('sudo -u root env A=1 nice -n 5 rm x', world)).toEqual(['sudo', 'env', 'nice', 'rm']);
    expect(runUnderBash("find . -exec ls {} \\; | xargs -0 cat; bash -c 'git status'", world)).toEqual(expect.arrayContaining(['find', 'ls', 'xargs', 'cat', 'bash', 'git']));
  });

  it('holds for generated commands too', () => {
    const program = fc.constantFrom('rm', 'ls', 'git', 'cat', "r''m", '"rm"', '\\rm', "$'\\x72m'", 'r{m,}', 'ls{,}', '"r"m', "'r'\"m\"", 'r\\m', '{rm,x}', 'ls\\\n', '$HOME', '~/x');
    const suffix = fc.constantFrom('', ' -rf x', ' status', ' a b', ' > out', ' 2>/dev/null -f y', " 'a b'", ' "$x"', ' <<< hi', ' $(ls)', ' `cat`', ' <(git)');
    const wrapper = fc.constantFrom('', 'sudo ', 'sudo -u root ', 'env A=1 ', 'nice -n 5 ', 'timeout 5 ', 'nohup ', 'command ', 'xargs ', 'time ', 'setsid ', 'stdbuf -oL ');
    const simple = fc.tuple(wrapper, program, suffix).map((p) => p.join(''));
    const wrap = (c: string) => fc.constantFrom(c, `(${c})`, `{ ${c}; }`, `echo $(${c})`, `echo \`${c}\``, `bash -c '${c}'`, `sh -c "${c}"`, `if true; then ${c}; fi`, `f() { ${c}; }; f`, `find . -maxdepth 0 -exec ${c} {} \\;`,
      `case x in x) ${c};; esac`, `for i in 1; do ${c}; done`, `[[ -n $(${c}) ]]`, `x=$(${c})`, `cat <<EOF\n$(${c})\nEOF`, `bash <<'EOF'\n${c}\nEOF`,
      `${c} &`, `${c} |& cat`, `! ${c}`, `echo "$(${c})"`, `trap '${c}' EXIT`, `xargs -I{} ${c} {}`);
    const command = fc.array(simple.chain(wrap), { minLength: 1, maxLength: 3 }).chain((parts) => fc.constantFrom(' && ', ' || ', '; ', ' | ', '\n').map((op) => parts.join(op)));
    fc.assert(fc.property(command, (cmd) => {
      const analysis = analyseCase(cmd, parser!);
      const ran = runUnderBash(cmd, world);
      if (analysis.opaque.length > 0) return;
      expect(ran.filter((p) => !programsOf(analysis).includes(p)), JSON.stringify(cmd)).toEqual([]);
    }), { numRuns: FUZZ_RUNS });
  }, 30_000 + FUZZ_RUNS * 100);

  for (const c of cases) {
    it(`${c.file}: ${JSON.stringify(c.cmd)}`, () => {
      const analysis = analyseCase(c.cmd, parser!);
      const ran = runUnderBash(c.cmd, world);
      if (analysis.opaque.length > 0) return; // nomos fails closed: nothing it reports is trusted
      const programs = programsOf(analysis);
      expect(ran.filter((p) => !programs.includes(p)), `bash ran programs nomos did not report`).toEqual([]);
    });
  }
});
