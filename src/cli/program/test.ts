// `nomos test`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { PolicyFlags } from '../options.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/test.js');

export function makeTestCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('test'))
    .description('Run policy tests (*.test.yaml) and every rule\'s examples against the effective policy (exit 1 on failure)')
    .argument('[paths...]', 'test files or directories of *.test.yaml')
    .action(async (paths: string[], flags: PolicyFlags) => setExit(await (await run()).runTest(paths, flags, cli)));
}
