// Integrations benchmark (run by `npm run bench`, not by `npm test`): the hook round trip
// an agent pays per tool call, against `node -e 0`, and `nomos serve` throughput and p99
// with 16 concurrent keep-alive clients. All traffic goes to 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SERVE_SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 5);
const root = mkdtempSync(join(tmpdir(), 'nomos-bench-int-'));
// The project the agent works in; home, state and log lie outside it, as a user's do (the hook
// refuses its own locations inside the workspace: src/config/own-locations.ts).
const work = join(root, 'work');
for (const dir of [work, join(root, 'home')]) mkdirSync(dir);
const env = { ...process.env, HOME: join(root, 'home'), NOMOS_STATE_DIR: join(root, 'state'), NOMOS_AUDIT_LOG: join(root, 'audit.jsonl'), NOMOS_SERVE_TOKEN: 'bench-token' };
delete env.NODE_EXTRA_CA_CERTS;
const bin = new URL('../bin/nomos.js', import.meta.url).pathname;
const hookInput = JSON.stringify({ session_id: 'bench', transcript_path: join(root, 't.jsonl'), cwd: work, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status && ls -la' } });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function hookRoundTrip() {
  const times = [[], []];
  for (let i = 0; i < RUNS; i++) {
    for (const [k, args, input] of [[0, ['-e', '0'], ''], [1, [bin, 'hook', 'claude-code'], hookInput]]) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { env, cwd: work, input });
      times[k].push(Number(process.hrtime.bigint() - start) / 1e6);
      if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
      if (k === 1 && JSON.parse(r.stdout).hookSpecificOutput.permissionDecision !== 'allow') throw new Error(`unexpected answer ${r.stdout}`);
    }
  }
  const [base, hook] = times.map(median);
  console.log(`hook round trip, median of ${RUNS}: node -e 0 ${base.toFixed(1)} ms, nomos hook claude-code ${hook.toFixed(1)} ms (${(hook / base).toFixed(2)}×)`);
}

function startServe() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', '--listen', '127.0.0.1:0'], { env, cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const port = /127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

function check(agent, port, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/check', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer bench-token' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function serveThroughput() {
  const { child, port } = await startServe();
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const body = JSON.stringify({ request: { kind: 'shell', command: 'git status && ls -la | wc -l' } });
  for (let i = 0; i < 200; i++) await check(agent, port, body); // warm up
  const latencies = [];
  const deadline = performance.now() + SERVE_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      await check(agent, port, body);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  child.kill('SIGTERM');
  latencies.sort((a, b) => a - b);
  const rate = latencies.length / seconds;
  const p99 = latencies[Math.floor(latencies.length * 0.99)];
  console.log(`serve /v1/check, 16 clients, ${SERVE_SECONDS}s: ${Math.round(rate)} decisions/s (target ≥ 5000: ${rate >= 5000 ? 'PASS' : 'FAIL'}), p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target ≤ 10: ${p99 <= 10 ? 'PASS' : 'FAIL'})`);
}

hookRoundTrip();
await serveThroughput();
