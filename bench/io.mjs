// node bench/io.mjs (after npm run build): nomos fs/http throughput against cat and curl.
// Every byte goes to a server this script starts on 127.0.0.1; no other traffic.
// Medians of interleaved runs; each client's stdout is drained by this process the same way.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_IO_RUNS ?? 7);
const SIZE = 100 << 20;
const TARGET = 2; // throughput within 2× of cat / curl
const root = mkdtempSync(join(tmpdir(), 'nomos-bench-io-'));
const bin = new URL('../bin/nomos.js', import.meta.url).pathname;
const rules = join(root, 'allow.yaml');
writeFileSync(rules, 'version: 1\ndefault: allow\nrules: []\n');
const file = join(root, 'big.bin');
const payload = Buffer.alloc(SIZE, 'x');
writeFileSync(file, payload);
const env = { ...process.env, HOME: root, NOMOS_STATE_DIR: join(root, 'state'), NOMOS_AUDIT_LOG: join(root, 'audit.jsonl'), NOMOS_SESSION: 'bench' };
delete env.NODE_EXTRA_CA_CERTS;

const server = createServer((req, res) => res.end(req.url === '/big' ? payload : ''));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

/** Runs a client, drains its stdout, returns [ms, bytes]. */
function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (d) => (bytes += d.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve([Number(process.hrtime.bigint() - start) / 1e6, bytes]) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

const node = process.execPath;
const hasCurl = spawnSync('curl', ['--version']).status === 0;
const empty = join(root, 'empty.bin');
writeFileSync(empty, '');
const nomosFs = (f) => [node, [bin, 'fs', 'read', '--rules', rules, f]];
const nomosHttp = (u) => [node, [bin, 'http', '--rules', rules, u]];
// Each case runs on the big input and on an empty one: the difference is the time the
// bytes took, so throughput is compared without process start-up (which `nomos`, a
// Node program, pays once per call and which bench/run.mjs measures on its own).
const cases = [
  { name: `fs read ${SIZE >> 20} MB`, nomos: [nomosFs(file), nomosFs(empty)], base: [['cat', [file]], ['cat', [empty]]], label: 'cat' },
  ...(hasCurl ? [{ name: `http GET ${SIZE >> 20} MB`, nomos: [nomosHttp(`${base}/big`), nomosHttp(`${base}/empty`)], base: [['curl', ['-s', `${base}/big`]], ['curl', ['-s', `${base}/empty`]]], label: 'curl' }] : []),
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = cases.map(() => ({ nomos: [[], []], base: [[], []] }));
for (let i = 0; i < RUNS; i++) {
  for (const [k, c] of cases.entries()) {
    for (const side of ['nomos', 'base']) {
      for (const which of [0, 1]) {
        const [ms, bytes] = await timed(...c[side][which]);
        const want = which === 0 ? SIZE : 0;
        if (bytes !== want) throw new Error(`${c.name} (${side}): got ${bytes} bytes, expected ${want}`);
        times[k][side][which].push(ms);
      }
    }
  }
}
server.close();
rmSync(root, { recursive: true, force: true });

console.log(`\nI/O, medians of ${RUNS} interleaved runs (node ${process.version}); MB/s = ${SIZE >> 20} MB / (wall(big) − wall(empty))`);
console.log('| case | nomos big / empty ms | baseline big / empty ms | nomos MB/s | baseline MB/s | baseline ÷ nomos | target |');
console.log('|---|---|---|---|---|---|---|');
let failed = false;
cases.forEach((c, k) => {
  const [nb, ne, bb, be] = [times[k].nomos[0], times[k].nomos[1], times[k].base[0], times[k].base[1]].map(median);
  const rate = (big, small) => (SIZE / (1 << 20)) / (Math.max(big - small, 0.1) / 1000);
  const [nr, br] = [rate(nb, ne), rate(bb, be)];
  const pass = br / nr <= TARGET;
  failed ||= !pass;
  console.log(`| ${c.name} vs ${c.label} | ${nb.toFixed(0)} / ${ne.toFixed(0)} | ${bb.toFixed(0)} / ${be.toFixed(0)} | ${nr.toFixed(0)} | ${br.toFixed(0)} | ${(br / nr).toFixed(2)} | ${TARGET}× ${pass ? 'PASS' : 'FAIL'} |`);
});
if (!hasCurl) console.log('curl not found: the http case was skipped');
process.exitCode = failed ? 1 : 0;
