// `nomos hook`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import { HOOK_AGENTS } from '../../integrations/agents.js';
import type { PolicyFlags } from '../options.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';
import { reportError } from '../report-error.js';

const run = () => import('../commands/hook.js');

export function makeHookCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('hook'))
    .description(`Answer an agent's pre-tool hook: tool call JSON on stdin, decision JSON on stdout (${HOOK_AGENTS.join(', ')})`)
    .argument('<agent>', HOOK_AGENTS.join(' | '))
    .action(async (agent: string, options: PolicyFlags) => {
      const hook = await run();
      try {
        setExit(await hook.runHook(agent, await hook.readStdin(), options, cli));
      } catch (error) {
        // An agent's hook runs the tool on any exit but 2 ("block"): a hook that fails must block.
        reportError(error, cli);
        setExit(hook.HOOK_BLOCK);
      }
    });
}
