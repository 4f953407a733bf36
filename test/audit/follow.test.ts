import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followLog } from '../../src/audit/follow.js';

describe('followLog', () => {
  it('reads every line when the log rotates twice between two polls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nomos-follow-'));
    const log = join(dir, 'audit.jsonl');
    writeFileSync(log, 'a1\n');
    const seen: string[] = [];
    const stop = new AbortController();
    const following = followLog(log, (line) => seen.push(line), { signal: stop.signal, intervalMs: 300 });
    await new Promise((r) => setTimeout(r, 100)); // first poll has read a1 and holds the file open
    appendFileSync(log, 'a2\n');
    renameSync(log, join(dir, 'audit-000000000001.jsonl'));
    writeFileSync(log, 'b1\nb2\n');
    renameSync(log, join(dir, 'audit-000000000002.jsonl'));
    writeFileSync(log, 'c1\n');
    await new Promise((r) => setTimeout(r, 700));
    stop.abort();
    await following;
    expect(seen).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
  });
});
