// npm run bench: wall-time medians of whole nomos calls against `node -e 0`, measured
// interleaved in the same run (shared machines are noisy: only ratios mean anything).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const root = mkdtempSync(join(tmpdir(), 'nomos-bench-'));
const env = { ...process.env, HOME: root, NOMOS_STATE_DIR: join(root, 'state'), NOMOS_AUDIT_LOG: join(root, 'audit.jsonl'), NOMOS_SESSION: 'bench' };
delete env.NODE_EXTRA_CA_CERTS; // DESIGN.md's budget is measured without it: it costs every process the same
const bin = new URL('../bin/nomos.js', import.meta.url).pathname;

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: "nomos check -- 'git status && ls -la'", args: [bin, 'check', '--', 'git status && ls -la'], target: 1.25 },
  { name: 'nomos exec -- true', args: [bin, 'exec', '--', 'true'], target: 1.35 },
];

const times = cases.map(() => []);
for (let i = 0; i < RUNS; i++) {
  cases.forEach((c, k) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, c.args, { env, cwd: root, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}`);
    times[k].push(ms);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times[0]);
console.log(`start-up, median of ${RUNS} interleaved runs (node ${process.version})`);
console.log('| case | median ms | × node -e 0 | target |');
console.log('|---|---|---|---|');
cases.forEach((c, k) => {
  const m = median(times[k]);
  const ratio = m / base;
  const verdict = c.target ? `${c.target}× ${ratio <= c.target ? 'PASS' : 'FAIL'}` : '';
  console.log(`| ${c.name} | ${m.toFixed(1)} | ${ratio.toFixed(2)} | ${verdict} |`);
});

// Every other bench/*.mjs is a benchmark of its own (analysis, policy, session, audit …): run each.
const { readdirSync } = await import('node:fs');
const here = new URL('.', import.meta.url).pathname;
for (const file of readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').sort()) {
  const r = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } });
  if (r.status !== 0) process.exitCode = 1;
}
