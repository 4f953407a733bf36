import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseCase, loadBothParsers } from './harness.js';

const parsers = await loadBothParsers();

// The threat, shown with bash itself: arithmetic on a value read from a file runs the
// command text inside it. nomos cannot know the file's content, so it must fail closed.
describe('arithmetic on a value nomos cannot know', () => {
  const run = (script: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'nomos-arith-'));
    writeFileSync(join(dir, 'f'), 'a[$(touch ran)]');
    spawnSync('bash', ['-c', script], { cwd: dir, stdio: 'ignore' });
    return existsSync(join(dir, 'ran'));
  };

  for (const script of ['x=$(cat f); echo $((x))', 'read x < f; [[ $x -eq 1 ]]', 'read x < f; echo ${arr[x]}', 'read x < f; let y=x', 'x=$(cat f); ((x))', 'read n < f; s=abc; echo ${s:n}', 'x=1; read x < f; echo $((x))', 'read x < f; x=1 echo $((x))', 'x=1; f() { x=$(cat f); }; f; echo $((x))']) {
    it(`${JSON.stringify(script)} runs a command in bash, and is opaque to nomos on both back ends`, () => {
      expect(run(script)).toBe(true);
      for (const parser of parsers) expect(analyseCase(script, parser!).opaque.map((o) => o.reason).join()).toMatch(/arithmetic on/);
    });
  }

  it('subscripts of an array declared associative are strings: bash runs nothing, nomos stays clear', () => {
    const script = 'declare -A m; read k < f; echo ${m[$k]} ${m[k]}';
    expect(run(script)).toBe(false);
    for (const parser of parsers) expect(analyseCase(script, parser!).opaque.filter((o) => /arithmetic/.test(o.reason))).toEqual([]);
  });

  it('arithmetic on integers the script set itself runs nothing and stays clear', () => {
    const script = 'x=$(cat f); x=2; for i in 1 2; do echo $((x * i)); done';
    expect(run(script)).toBe(false);
    for (const parser of parsers) expect(analyseCase(script, parser!).opaque).toEqual([]);
  });
});
