// npm run bench: wall-time medians of whole nomos calls against `node -e 0`, measured
// interleaved in the same run (shared machines are noisy: only ratios mean anything).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const root = mkdtempSync(join(tmpdir(), 'nomos-bench-'));
// Calls run where agents run them, in a project: a package.json once cost every check a config search.
// The home, state and audit log lie outside it, as a user's do: the hook refuses its own locations
// inside the workspace (src/config/own-locations.ts), and would measure that refusal instead.
const work = join(root, 'work');
for (const dir of [work, join(root, 'home')]) mkdirSync(dir);
writeFileSync(join(work, 'package.json'), '{"name":"bench-project","private":true}\n');
const env = { ...process.env, HOME: join(root, 'home'), NOMOS_STATE_DIR: join(root, 'state'), NOMOS_AUDIT_LOG: join(root, 'audit.jsonl'), NOMOS_SESSION: 'bench' };
delete env.NODE_EXTRA_CA_CERTS; // DESIGN.md's budget is measured without it: it costs every process the same
const bin = new URL('../bin/nomos.js', import.meta.url).pathname;

const hookInput = JSON.stringify({ session_id: 'bench', cwd: work, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status && ls -la | grep x' } });
const calls = [
  { name: "nomos check -- 'git status && ls -la \\| grep x'", args: [bin, 'check', '--', 'git status && ls -la | grep x'], target: 1.25, rssTarget: 1.3, answer: /^allow: / },
  { name: 'nomos exec -- true', args: [bin, 'exec', '--', 'true'], target: 1.35, answer: /^$/ },
  { name: 'nomos hook claude-code (Bash tool input)', args: [bin, 'hook', 'claude-code'], input: hookInput, target: 1.3, answer: /"permissionDecision":"allow"/ },
];
// Each call twice: decided in its own process (NOMOS_DAEMON=off), and answered by `nomos daemon` (docs/daemon.md).
const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  // What any Node program that runs a command pays: the floor under `nomos exec`, for reading its ratio.
  { name: "node -e \"spawn('true')\" (no nomos: the floor of exec)", args: ['-e', "require('child_process').spawn('true',[],{stdio:'inherit'}).on('exit',(c)=>process.exit(c))"] },
  ...calls.map((c) => ({ ...c, env: { NOMOS_DAEMON: 'off' } })),
  ...calls.map((c) => ({ ...c, name: `${c.name}, daemon running` })),
];

const spawnCase = (c, extra = [], stdout = 'ignore') => spawnSync(process.execPath, [...extra, ...c.args], { env: { ...env, ...c.env }, cwd: work, input: c.input ?? '', stdio: ['pipe', stdout, 'pipe'] });
const daemon = (command) => {
  const r = spawnSync(process.execPath, [bin, 'daemon', command, ...(command === 'start' ? ['--idle-timeout', '30m'] : [])], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nomos daemon ${command} exited ${r.status}: ${r.stderr}`);
};
daemon('start');
const times = cases.map(() => []);
let rss;
let daemonLine;
try {
  // Fills the policy and config-search caches (the bench measures the steady state), and checks each
  // call answers what the table says it measures: an allow, not a refusal that exits 0 (a hook's deny).
  for (const c of cases) {
    const r = spawnCase(c, [], 'pipe');
    if (c.answer && !(r.status === 0 && c.answer.test(r.stdout.toString()))) throw new Error(`${c.name} did not allow (exit ${r.status}): ${r.stdout}${r.stderr}`);
  }
  for (let i = 0; i < RUNS; i++) {
    cases.forEach((c, k) => {
      const start = process.hrtime.bigint();
      const r = spawnCase(c);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
      times[k].push(ms);
    });
  }
  // Peak RSS (KiB) from the process itself at exit, in separate runs so the timing runs stay untouched
  // (with a daemon: the calling process's).
  const RSS = "--import=data:text/javascript,process.on('exit',()=>process.stderr.write('\\nnomos-bench-rss '+process.resourceUsage().maxRSS))";
  rss = cases.map((c) => {
    const xs = [];
    for (let i = 0; i < Math.min(RUNS, 10); i++) xs.push(Number(/nomos-bench-rss (\d+)/.exec(spawnCase(c, [RSS]).stderr.toString())?.[1]));
    return xs;
  });
  const status = JSON.parse(spawnSync(process.execPath, [bin, 'daemon', 'status', '--json'], { env, encoding: 'utf8' }).stdout);
  daemonLine = `the daemon after ${status.calls} calls: RSS ${status.rss_mib} MiB`;
} finally {
  daemon('stop');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ratio, target) => (target ? `${target}× ${ratio <= target ? 'PASS' : 'FAIL'}` : '');
const base = median(times[0]);
const baseRss = median(rss[0]);
console.log(`start-up, median of ${RUNS} interleaved runs (node ${process.version}); peak RSS, median of ${rss[0].length}`);
console.log('| case | median ms | × node -e 0 | target | peak RSS MiB | × node -e 0 | target |');
console.log('|---|---|---|---|---|---|---|');
cases.forEach((c, k) => {
  const ratio = median(times[k]) / base;
  const rssRatio = median(rss[k]) / baseRss;
  console.log(`| ${c.name} | ${median(times[k]).toFixed(1)} | ${ratio.toFixed(2)} | ${verdict(ratio, c.target)} | ${(median(rss[k]) / 1024).toFixed(1)} | ${rssRatio.toFixed(2)} | ${verdict(rssRatio, c.rssTarget)} |`);
});
console.log(daemonLine);

// Every other bench/*.mjs is a benchmark of its own (analysis, policy, session, audit …): run each
// (BENCH_ONLY=startup: the table above only).
if (process.env.BENCH_ONLY === 'startup') process.exit();
const { readdirSync } = await import('node:fs');
const here = new URL('.', import.meta.url).pathname;
for (const file of readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').sort()) {
  const r = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } });
  if (r.status !== 0) process.exitCode = 1;
}
