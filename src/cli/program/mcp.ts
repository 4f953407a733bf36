// `nomos mcp`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { McpOptions } from '../commands/mcp.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/mcp.js');

export function makeMcpCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('mcp'))
    .description('Serve shell, read_file, write_file, list_dir and http_request as MCP tools over stdio, each through the firewall')
    .option('--no-prompt', 'never prompt: a call that needs approval is denied')
    .option('--timeout <duration>', 'kill a command or request after this long (default 2m)')
    .action(async (options: McpOptions) => setExit(await (await run()).runMcp(options, cli)));
}
