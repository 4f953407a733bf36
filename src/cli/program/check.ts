// `nomos check`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { CheckOptions } from '../commands/check.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/check.js');

export function makeCheckCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('check'))
    .description('Decide a command without running it (exit 0 allow, 75 would ask, 77 deny)')
    .argument('<command...>', 'one shell command string, or a program and its arguments')
    .option('--json', 'print the decision as one JSON object')
    .passThroughOptions()
    .action(async (words: string[], options: CheckOptions) => setExit(await (await run()).runCheck(words, options, cli)));
}
