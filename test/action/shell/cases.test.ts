import { describe, expect, it } from 'vitest';
import type { ExecAction, FileAction, HttpAction } from '../../../src/action/types.js';
import { analyseCase, CASE_CTX, loadBothParsers, loadShellCases, programsOf, type ShellCase } from './harness.js';

const cases = loadShellCases();
const [native, wasm] = await loadBothParsers();

function expectedFile(spec: string): string {
  const colon = spec.indexOf(':');
  const path = spec.slice(colon + 1);
  return `${spec.slice(0, colon)}:${path.startsWith('/') ? path : `${CASE_CTX.cwd}/${path}`}`;
}

function check(c: ShellCase): void {
  const out = analyseCase(c.cmd, native!);
  // Both back ends must give the very same analysis.
  expect(analyseCase(c.cmd, wasm!)).toEqual(out);
  if (c.opaque) expect(out.opaque.length, 'expected an opaque part').toBeGreaterThan(0);
  else expect(out.opaque).toEqual([]);
  const programs = programsOf(out);
  for (const p of c.programs ?? []) expect(programs).toContain(p);
  for (const p of c.not_programs ?? []) expect(programs).not.toContain(p);
  const files = out.actions.filter((a): a is FileAction => a.kind === 'file').map((a) => `${a.op}:${a.path}${a.dynamic ? ' (dynamic)' : ''}`);
  for (const f of c.files ?? []) expect(files).toContain(expectedFile(f));
  if (c.only_files) expect(files.sort()).toEqual((c.files ?? []).map(expectedFile).sort());
  const http = out.actions.filter((a): a is HttpAction => a.kind === 'http').map((a) => `${a.method} ${a.host}`);
  for (const h of c.http ?? []) expect(http).toContain(h);
  for (const d of c.dynamic ?? []) {
    const [program, index] = d.split(':');
    const actions = out.actions.filter((a): a is ExecAction => a.kind === 'exec' && a.program === program);
    expect(actions.flatMap((a) => a.dynamic ?? [])).toContain(Number(index));
  }
}

describe('shell cases (test/cases/shared-shell.yaml and shell-*.yaml), on both parser back ends', () => {
  it('has at least 300 cases of our own besides the shared ones', () => {
    expect(cases.filter((c) => c.file !== 'shared-shell.yaml').length).toBeGreaterThanOrEqual(300);
  });
  for (const c of cases) it(`${c.file}: ${JSON.stringify(c.cmd)}`, () => check(c));
});
