import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assemble, engineFor, gatherTexts } from '../../config/load-policy.js';
import { ConfigError, ExitCode } from '../../errors.js';
import { checkExamples, describeFailure, EXAMPLE_WORLD } from '../../policy/examples.js';
import type { CliEnv } from '../context.js';
import { visible } from '../../visible.js';
import type { PolicyFlags } from '../options.js';

/** `*.test.yaml` files at the given paths (directories searched one level, sorted). */
function testFiles(paths: string[], cwd: string): string[] {
  return paths.flatMap((p) => {
    const full = resolve(cwd, p);
    if (!existsSync(full)) throw new ConfigError([{ file: full, code: 'nomos.test.unreadable', message: 'no such file or directory' }]);
    if (!statSync(full).isDirectory()) return [full];
    return readdirSync(full).filter((n) => /\.test\.ya?ml$/.test(n)).sort().map((n) => join(full, n));
  });
}

/** `nomos test`: test files and every rule's examples against the effective policy. Exit 1 on any failure. */
export async function runTest(paths: string[], flags: PolicyFlags, cli: CliEnv): Promise<number> {
  const texts = await gatherTexts({ cwd: cli.cwd, home: EXAMPLE_WORLD.home, env: cli.env, rules: flags.rules, builtin: flags.builtin });
  const { defaultAnalyze, validateTexts } = await import('../../config/validate.js');
  const analyze = await defaultAnalyze();
  // Wrong examples are test failures here, reported with the rest, not a refusal to load.
  const files = await validateTexts(texts, { cwd: EXAMPLE_WORLD.workspace, home: EXAMPLE_WORLD.home, analyze: async () => analyze, env: cli.env }, { examples: false });
  // The rules as written are under test, trusted or not (CI runs this on a fresh clone).
  const policy = assemble(files, { home: EXAMPLE_WORLD.home, workspace: EXAMPLE_WORLD.workspace, places: EXAMPLE_WORLD.places, projectTrusted: true, ...(await engineFor(files)) });
  const [{ parseTestFile }, { runCase, formatFailure }] = await Promise.all([import('../../policy/test-file.js'), import('../../policy/testing.js')]);
  let passed = 0;
  let failed = 0;
  for (const rule of policy.rules) {
    const failures = checkExamples(rule, analyze, EXAMPLE_WORLD.workspace);
    passed += (rule.spec.examples?.match?.length ?? 0) + (rule.spec.examples?.no_match?.length ?? 0) - failures.length;
    for (const f of failures) {
      failed++;
      cli.stdout(`${visible(`FAIL ${rule.source.file}:${rule.source.line}:${rule.source.col} ${describeFailure(rule, f)}`)}\n`);
    }
  }
  for (const file of testFiles(paths, cli.cwd)) {
    for (const c of parseTestFile(readFileSync(file, 'utf8'), file)) {
      const result = runCase(policy, c, analyze);
      if (result.ok) passed++;
      else {
        failed++;
        cli.stdout(visible(formatFailure(result), { keepNewlines: true }));
      }
    }
  }
  cli.stdout(`${passed} passed, ${failed} failed\n`);
  return failed ? ExitCode.findings : ExitCode.ok;
}
