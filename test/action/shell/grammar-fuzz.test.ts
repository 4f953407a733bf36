import { afterAll, describe, expect, it } from 'vitest';
import type { ShellParser } from '../../../src/action/shell/parser.js';
import { MISREAD_NAMES } from '../../../src/action/shell/keywords.js';
import { analyseCase, loadBothParsers, programsOf } from './harness.js';
import { bashAccepts, bashCanonical, bashRuns, dropSandbox, makeSandbox } from './bash-view.js';
import { generate, PROGRAM, rng } from './grammar-gen.js';

// Commands generated from bash's grammar (grammar-gen.ts), checked against bash itself
// (bash-view.ts): every program bash tries to run, in a run where programs succeed, one
// where they fail, or in bash's canonical text of the command (branches not taken), must be
// reported by the analysis unless it has an opaque part. A keyword or brace reported as a
// program means the grammar misread the command: also a finding.
// A longer hunt: NOMOS_GRAMMAR_RUNS=5000 NOMOS_GRAMMAR_SEED=7 npx vitest run test/action/shell/grammar-fuzz.test.ts

const RUNS = Number(process.env.NOMOS_GRAMMAR_RUNS ?? 60);
const SEED = Number(process.env.NOMOS_GRAMMAR_SEED ?? 1);
const parsers = await loadBothParsers();
const box = makeSandbox();
afterAll(() => dropSandbox(box));

/** What is wrong with the analysis of `cmd` (empty: nothing). */
export function findings(cmd: string, parser: ShellParser): string[] {
  if (!bashAccepts(box, cmd)) return [];
  const analysis = analyseCase(cmd, parser);
  const reported = programsOf(analysis);
  if (analysis.opaque.length > 0) return [];
  const out = reported.filter((p) => MISREAD_NAMES.has(p)).map((p) => `reports the keyword ${JSON.stringify(p)} as a program`);
  const canonical = bashCanonical(box, cmd);
  const fromCanonical = canonical === undefined ? [] : programsOf(analyseCase(canonical, parser));
  const bashSees = new Set([...bashRuns(box, cmd), ...fromCanonical].filter((p) => PROGRAM.test(p)));
  for (const p of bashSees) if (!reported.includes(p)) out.push(`misses ${p}`);
  return out;
}

describe('grammar fuzz: the analysis reports every program bash runs', () => {
  for (const parser of parsers) {
    it(`${parser.backend}: ${RUNS} generated commands from seed ${SEED}`, () => {
      const r = rng(SEED);
      const failures: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        const cmd = generate(r);
        const found = findings(cmd, parser);
        if (found.length > 0) failures.push(`${JSON.stringify(cmd)}: ${found.join(', ')}`);
      }
      expect(failures).toEqual([]);
    }, 20_000 + RUNS * 200);
  }
});
