// npm run bench (or node bench/policy.mjs): in-process policy cost, not part of npm test.
// Decisions/s with 10 … 10,000 rules on simple commands (analysis done once, outside the
// timed loop: this measures the policy), and the cold cost of loading the shipped packs
// with the compiled-policy cache warm (a fresh process each time, so imports count too).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const src = (p) => tsImport(new URL(`../src/${p}`, import.meta.url).href, import.meta.url);
const [{ compileRules }, { buildPolicy }, { evaluate }, { analyzeShell }, { loadShellParser }] = await Promise.all([
  src('policy/compile.ts'), src('policy/policy.ts'), src('policy/evaluate.ts'), src('action/shell/analyze.ts'), src('action/shell/parser.ts'),
]);

/** n rules spread like a real policy: many programs, a few subcommands each, some file rules. */
function rules(n) {
  return Array.from({ length: n }, (_, i) => {
    if (i % 10 === 9) return { id: `r.file${i}`, match: { file: { op: 'write', path: `/p${i % 997}/**` } }, decision: 'deny' };
    const program = i % 50 === 0 ? 'git' : `prog${i % Math.max(1, Math.floor(n / 5))}`;
    return { id: `r.r${i}`, match: { command: `${program} sub${i % 7}`, flags: ['-f'] }, decision: i % 3 ? 'ask' : 'allow' };
  });
}
const ctx = { cwd: '/w', home: '/h', env: { HOME: '/h' } };
const parser = await loadShellParser();
const commands = ['git status', 'ls -la src', 'echo hi > out.txt', 'prog3 sub3 -f x'].map((c) => analyzeShell(c, parser.parse, ctx));

function rate(n) {
  const file = { file: 'bench.yaml', spec: { version: 1, rules: rules(n) }, ruleLocations: rules(n).map((_, i) => ({ line: i + 1, col: 1 })), layer: 'rules' };
  const policy = buildPolicy(compileRules([file], { home: '/h', workspace: '/w' }), { default: 'ask', opaque: 'ask', sources: [] });
  const options = { cwd: '/w' };
  for (let i = 0; i < 20_000; i++) evaluate(policy, commands[i % 4], options);
  const iterations = 200_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) evaluate(policy, commands[i % 4], options);
  return iterations / (Number(process.hrtime.bigint() - start) / 1e9);
}

const rates = Object.fromEntries([10, 100, 1_000, 10_000].map((n) => [n, rate(n)]));
console.log('policy: decisions per second (in-process, simple commands)');
console.log('| rules | decisions/s |');
console.log('|---|---|');
for (const [n, r] of Object.entries(rates)) console.log(`| ${n} | ${Math.round(r).toLocaleString('en')} |`);
const at1000 = rates[1000] >= 200_000;
const slowdown = rates[100] / rates[10000];
console.log(`≥ 200,000/s at 1,000 rules: ${Math.round(rates[1000])} ${at1000 ? 'PASS' : 'FAIL'}`);
console.log(`≤ 2× slower from 100 to 10,000 rules: ${slowdown.toFixed(2)}× ${slowdown <= 2 ? 'PASS' : 'FAIL'}`);

// Cold load: a fresh node process imports the bundle and loads the shipped packs (cache warm after the first run).
const state = mkdtempSync(join(tmpdir(), 'nomos-bench-policy-'));
// The module import is measured apart: it is the bundle's start-up cost, which bench/run.mjs tracks.
const script = `const { loadPolicy } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
const t = performance.now(); await loadPolicy({ cwd: '/w', home: '/h', config: false, env: { NOMOS_STATE_DIR: ${JSON.stringify(state)} } }); console.log(performance.now() - t);`;
const cold = () => Number(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout.trim());
const first = cold();
const warm = Array.from({ length: 15 }, cold).sort((a, b) => a - b)[7];
console.log(`cold load of the shipped packs in a fresh process, cache empty (YAML, schema, examples): ${first.toFixed(1)} ms`);
console.log(`cold load of the shipped packs in a fresh process, cache warm (median of 15): ${warm.toFixed(1)} ms  ≤ 10 ms ${warm <= 10 ? 'PASS' : 'FAIL'}`);
