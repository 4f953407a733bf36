// `nomos hook`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import { HOOK_AGENTS } from '../../integrations/agents.js';
import type { PolicyFlags } from '../options.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/hook.js');

export function makeHookCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('hook'))
    .description(`Answer an agent's pre-tool hook: tool call JSON on stdin, decision JSON on stdout (${HOOK_AGENTS.join(', ')})`)
    .argument('<agent>', HOOK_AGENTS.join(' | '))
    .action(async (agent: string, options: PolicyFlags) => setExit(await (await run()).runHook(agent, await (await run()).readStdin(), options, cli)));
}
