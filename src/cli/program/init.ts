// `nomos init`: the commander definition; the implementation is imported when the command runs.
import { Command, Option } from 'commander';
import type { InitOptions } from '../commands/init.js';
import { AGENTS } from '../setup/agents.js';
import { PROFILES } from '../../config/profiles.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/init.js');

export function makeInitCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return new Command('init')
    .description('Write a commented project config and starter rules, and put an agent behind nomos')
    .addOption(new Option('--profile <profile>', 'how cautious to start').choices(Object.keys(PROFILES)).default('balanced'))
    .addOption(new Option('--agent <agent>', 'the agent to set up').choices(AGENTS).default('none'))
    .option('--write', "merge the agent's settings into its config file instead of printing them")
    .option('--force', 'overwrite an existing config and starter rule file')
    .action(async (options: InitOptions, command: Command) => setExit(await (await run()).runInit(options, { cli, program: command.parent ?? command })));
}
