import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendEvents, type AppendOptions } from '../../src/audit/log.js';
import type { EventInput } from '../../src/audit/event.js';

/** A fresh directory and log path for one test. */
export function tempLog(name = 'audit.jsonl'): string {
  return join(mkdtempSync(join(tmpdir(), 'nomos-audit-')), name);
}

/** A decision-shaped event, different for every i. */
export function sampleDecision(i: number, session = 's1'): EventInput {
  return {
    id: `d-${i}`, type: 'decision', time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(), session, cwd: '/w',
    request: `echo ${i} && ls -la /tmp/${i}`, decision: i % 7 === 0 ? 'deny' : i % 5 === 0 ? 'ask' : 'allow', evaluated: 'allow',
    reason: `reason ${i}`, rules: i % 7 === 0 ? [{ id: 'fs.rm', decision: 'deny', source: 'rules/x.yaml:1:1' }] : [],
    actions: [{ kind: 'exec', program: 'echo', argv: ['echo', String(i)], via: [] }], opaque: [],
  };
}

/** Writes n sample decisions in batches (one lock per batch) and returns the path. */
export function writeSampleLog(n: number, options: AppendOptions = {}, path = tempLog()): string {
  for (let i = 0; i < n; i += 100) {
    appendEvents(path, Array.from({ length: Math.min(100, n - i) }, (_, k) => sampleDecision(i + k + 1)), options);
  }
  return path;
}
