import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ExitCode } from '../../errors.js';
import { gatherTexts, engineFor } from '../../config/load-policy.js';
import { readRuleText as readFile } from '../../config/layers.js';
import type { RuleText } from '../../config/policy-cache.js';
import { EXAMPLE_WORLD } from '../../policy/examples.js';
import type { ParsedRuleFile } from '../../policy/compile.js';
import type { CliEnv } from '../context.js';
import { analysisContext } from '../../config/context.js';

export interface LintOptions {
  format: 'human' | 'json' | 'github' | 'sarif';
}

/** Rule files named on the command line: files as given, directories' `*.yaml`/`*.yml` (not `*.test.yaml`). */
export function ruleTextsAt(paths: string[], cwd: string): RuleText[] {
  return paths.flatMap((p) => {
    const full = resolve(cwd, p);
    if (existsSync(full) && statSync(full).isDirectory()) {
      return readdirSync(full).filter((n) => /\.ya?ml$/.test(n) && !/\.test\.ya?ml$/.test(n)).sort().map((n) => readFile(join(full, n), 'rules'));
    }
    return [readFile(full, 'rules')];
  });
}

/** `nomos lint`: every problem in the rule files (or the effective policy's files). Exit 0 clean, 1 findings, 78 unreadable. */
export async function runLint(paths: string[], options: LintOptions, cli: CliEnv): Promise<number> {
  const texts = paths.length ? ruleTextsAt(paths, cli.cwd) : await gatherTexts({ cwd: cli.cwd, home: analysisContext(cli.cwd, cli.env).home, env: cli.env });
  // YAML, zod and the linter load only here: every other nomos call must not pay for them.
  const [{ readRuleText }, { lintFiles }, { formatFindings }, { defaultAnalyze }] = await Promise.all([
    import('../../policy/load.js'), import('../../policy/lint/lint.js'), import('../../policy/lint/format.js'), import('../../config/validate.js'),
  ]);
  const reads = texts.map((t) => readRuleText(t.text, t.file));
  const parsed = reads.map((r) => r.parsed).filter((p): p is ParsedRuleFile => p !== undefined);
  const { conditions } = await engineFor(parsed);
  const findings = lintFiles(reads, { home: EXAMPLE_WORLD.home, workspace: EXAMPLE_WORLD.workspace, places: EXAMPLE_WORLD.places, ...(conditions ? { conditions } : {}), analyze: await defaultAnalyze() });
  cli.stdout(formatFindings(findings, options.format));
  return findings.length ? ExitCode.findings : ExitCode.ok;
}
