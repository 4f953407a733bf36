import { Command } from 'commander';
import { createEscalator } from '../../approval/escalate.js';
import { escalationOptions } from '../../approval/options.js';
import { ExitCode } from '../../errors.js';
import { createFirewall } from '../../integrations/firewall.js';
import { serveMcp } from '../../integrations/mcp-server.js';
import { resolveSessionId } from '../../session/identity.js';
import type { CliEnv } from '../context.js';
import { addPolicyOptions, parseDuration, type PolicyFlags } from '../options.js';

declare const NOMOS_VERSION: string;

export interface McpOptions extends PolicyFlags {
  prompt?: boolean;
  timeout?: string;
}

/** `nomos mcp`: an MCP server on stdio whose tools run through the firewall. Returns when the client goes away. */
export async function runMcp(options: McpOptions, cli: CliEnv): Promise<number> {
  const session = resolveSessionId(options.session, cli.env);
  const firewall = createFirewall({
    cwd: cli.cwd, env: cli.env, via: 'mcp', session,
    ...(options.rules ? { rules: options.rules } : {}), ...(options.builtin === false ? { builtin: false } : {}),
    ...(options.timeout ? { timeoutMs: parseDuration(options.timeout) } : {}),
    // As for exec: a prompt on /dev/tty (stdout is the protocol), none in CI or with --no-prompt.
    escalator: createEscalator(escalationOptions({ env: cli.env, cwd: cli.cwd, session, noPrompt: options.prompt === false, stderr: cli.stderr })),
  });
  await serveMcp(firewall, typeof NOMOS_VERSION === 'string' ? NOMOS_VERSION : '0.0.0-dev');
  return ExitCode.ok;
}

export function makeMcpCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('mcp'))
    .description('Serve shell, read_file, write_file, list_dir and http_request as MCP tools over stdio, each through the firewall')
    .option('--no-prompt', 'never prompt: a call that needs approval is denied')
    .option('--timeout <duration>', 'kill a command or request after this long (default 2m)')
    .action(async (options: McpOptions) => setExit(await runMcp(options, cli)));
}
