import { createEscalator } from '../../approval/escalate.js';
import { escalationOptions } from '../../approval/options.js';
import { ExitCode } from '../../errors.js';
import { loadShellParser } from '../../action/shell/parser.js';
import { agentEnvironment } from '../../config/own-locations.js';
import { createFirewall } from '../../integrations/firewall.js';
import { serveMcp } from '../../integrations/mcp-server.js';
import { resolveSessionId } from '../../session/identity.js';
import type { CliEnv } from '../context.js';
import { parseDuration, type PolicyFlags } from '../options.js';

declare const NOMOS_VERSION: string;

export interface McpOptions extends PolicyFlags {
  prompt?: boolean;
  timeout?: string;
}

/** `nomos mcp`: an MCP server on stdio whose tools run through the firewall. Returns when the client goes away. */
export async function runMcp(options: McpOptions, cli: CliEnv): Promise<number> {
  // An agent starts this server with its environment, which a project's settings can set.
  const env = agentEnvironment(cli.env, [cli.cwd]);
  const session = resolveSessionId(options.session, env);
  // A resident front end loads the grammar once, up front: no call then probes for the fast path.
  await loadShellParser();
  const firewall = createFirewall({
    cwd: cli.cwd, env, via: 'mcp', session,
    ...(options.rules ? { rules: options.rules } : {}), ...(options.builtin === false ? { builtin: false } : {}),
    ...(options.timeout ? { timeoutMs: parseDuration(options.timeout) } : {}),
    // As for exec: a prompt on /dev/tty (stdout is the protocol), none in CI or with --no-prompt.
    escalator: createEscalator(escalationOptions({ env, cwd: cli.cwd, session, noPrompt: options.prompt === false, stderr: cli.stderr })),
  });
  await serveMcp(firewall, typeof NOMOS_VERSION === 'string' ? NOMOS_VERSION : '0.0.0-dev');
  return ExitCode.ok;
}
