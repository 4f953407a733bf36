// `nomos exec`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { ExecOptions } from '../commands/exec.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/exec.js');

export function makeExecCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('exec'))
    .description('Decide a command, ask a human if a rule says so, record it, then run it')
    .argument('<command...>', 'one shell command string (run with bash -c), or a program and its arguments (run directly)')
    .option('--timeout <duration>', 'kill the command after this long (30s, 5m); exit 124')
    .option('--no-prompt', 'never prompt: a command that needs approval is denied')
    .option('--approval-timeout <duration>', 'how long to wait for an approval before denying (default: $NOMOS_APPROVAL_TIMEOUT, else 120s)')
    .passThroughOptions()
    .action(async (words: string[], options: ExecOptions) => setExit(await (await run()).runExec(words, options, cli)));
}
