// `nomos approve`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { ApproveOptions } from '../commands/approve.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/approve.js');

export function makeApproveCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return new Command('approve')
    .description('Answer pending approval requests: a live list, or one request by id (never from inside an agent\'s command)')
    .argument('[id]', 'the request to answer (a unique prefix is enough)')
    .option('--allow', 'allow the request')
    .option('--deny', 'deny the request')
    .option('--reason <text>', 'with --deny: the reason the agent sees')
    .option('--session-wide', 'with --allow: allow the same command for the rest of its session')
    .option('--list', 'print the pending requests, newest first')
    .option('--json', 'with --list: as one JSON array')
    .action(async (id: string | undefined, options: ApproveOptions) => setExit(await (await run()).runApprove(id, options, cli)));
}
