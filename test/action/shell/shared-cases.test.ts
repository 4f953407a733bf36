import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyzeShell } from '../../../src/action/shell/analyze.js';
import { loadShellParser } from '../../../src/action/shell/parser.js';
import type { ExecAction, FileAction } from '../../../src/action/types.js';

interface Case { cmd: string; programs?: string[]; opaque?: boolean; files?: string[] }
const cases = parse(readFileSync(new URL('../../cases/shared-shell.yaml', import.meta.url), 'utf8')) as Case[];
const ctx = { cwd: '/work', home: '/home/u', env: { HOME: '/home/u' } };
const parser = await loadShellParser();

/** Not yet handled by the analysis (issue: shell analysis). Each must fail until fixed; then remove it here. */
const KNOWN_GAPS = new Set([
  "find . -name '*.tmp' -exec rm -f {} \\;",
  'find / -delete',
  `git -c core.pager='sh -c "rm -rf /"' log`,
]);

describe('public tricky commands (test/cases/shared-shell.yaml)', () => {
  for (const c of cases) {
    (KNOWN_GAPS.has(c.cmd) ? it.fails : it)(JSON.stringify(c.cmd), () => {
      const out = analyzeShell(c.cmd, parser.parse, ctx);
      if (c.opaque) {
        expect(out.opaque.length).toBeGreaterThan(0);
        return;
      }
      const programs = out.actions.filter((a): a is ExecAction => a.kind === 'exec').map((a) => a.program);
      expect(out.opaque).toEqual([]);
      // Every program bash could run is reported (builtins such as cd and function names may be extra).
      for (const p of c.programs ?? []) expect(programs).toContain(p);
      for (const f of c.files ?? []) {
        const [op, path] = [f.slice(0, f.indexOf(':')), f.slice(f.indexOf(':') + 1)];
        const want = path.startsWith('/') ? path : `/work/${path}`;
        expect(out.actions.filter((a): a is FileAction => a.kind === 'file').map((a) => `${a.op}:${a.path}`)).toContain(`${op}:${want}`);
      }
    });
  }
});
