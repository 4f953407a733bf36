// `nomos explain`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { ExplainOptions } from '../commands/explain.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/explain.js');

export function makeExplainCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('explain'))
    .description('Show what bash would run for a command: programs, via chains, file/http actions, opaque parts, matched rules and the decision')
    .argument('<command...>', 'one shell command string, or a program and its arguments')
    .option('--json', 'print the explanation as one JSON object')
    .passThroughOptions()
    .action(async (words: string[], options: ExplainOptions) => setExit(await (await run()).runExplain(words, options, cli)));
}
