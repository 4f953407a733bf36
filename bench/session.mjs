// Session state cost: one evaluate-and-record critical section (lock, a budget query,
// record one event) at 1,000 / 10,000 / 100,000 recorded events. Target: ≤ 3 ms median
// at 1,000, and sub-linear growth (running aggregates, not scans).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withSession } from '../dist/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const event = (i) => ({ time: new Date().toISOString(), kind: 'http', method: 'POST', host: 'api.stripe.com', decision: 'allow', rules: ['pay.charge'], tags: ['money'], record: { amount: i % 100 } });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
for (const size of [1_000, 10_000, 100_000]) {
  const root = mkdtempSync(join(tmpdir(), 'nomos-bench-session-'));
  for (let done = 0; done < size; done += 5_000) {
    withSession({ root }, 'b', (s) => s.record(Array.from({ length: Math.min(5_000, size - done) }, (_, i) => event(done + i))));
  }
  withSession({ root }, 'b', (s) => s.view.sum('amount', { rule: 'pay.charge' })); // build the aggregate once
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    withSession({ root }, 'b', (s) => {
      if (s.view.sum('amount', { rule: 'pay.charge' }) >= 0) s.record([event(i)]);
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  rows.push({ size, ms: median(times) });
}
console.log(`\nsession: one locked query + record, median of ${RUNS}`);
console.log('| recorded events | median ms | target |');
console.log('|---|---|---|');
for (const { size, ms } of rows) {
  const target = size === 1_000 ? `≤ 3 ms ${ms <= 3 ? 'PASS' : 'FAIL'}` : `≤ 2× the 1,000 case ${ms <= 2 * rows[0].ms ? 'PASS' : 'FAIL'}`;
  console.log(`| ${size.toLocaleString('en')} | ${ms.toFixed(2)} | ${target} |`);
}
