// `nomos lint`: the commander definition; the implementation is imported when the command runs.
import { Command, Option } from 'commander';
import type { LintOptions } from '../commands/lint.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/lint.js');

export function makeLintCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return new Command('lint')
    .description('Check rule files: YAML, schema, CEL, patterns, examples, duplicate ids, shadowed and risky rules (exit 0 clean, 1 findings, 78 unreadable)')
    .argument('[paths...]', 'rule files or directories (default: the effective policy\'s files)')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json', 'github', 'sarif']).default('human'))
    .action(async (paths: string[], options: LintOptions) => setExit(await (await run()).runLint(paths, options, cli)));
}
