// `nomos completion`: the commander definition; the implementation is imported when the command runs.
import { Argument, Command, Option } from 'commander';
import type { CompletionOptions } from '../commands/completion.js';
import { DYNAMIC_SOURCES } from '../completion/dynamic.js';
import { SHELLS } from '../completion/shells.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/completion.js');

export function makeCompletionCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return new Command('completion')
    .description('Print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('[shell]', 'the shell to complete for').choices(SHELLS))
    .addOption(new Option('--candidates <kind>', 'print dynamic candidates, one a line (used by the scripts)').choices(Object.keys(DYNAMIC_SOURCES)).hideHelp())
    .action(async (shell: string | undefined, options: CompletionOptions, command: Command) => {
      setExit(await (await run()).runCompletion(shell, options, { program: rootOf(command), cli }));
    });
}

function rootOf(command: Command): Command {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}
