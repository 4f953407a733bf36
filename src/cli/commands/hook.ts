import { HOOK_AGENTS, answerHook, type HookAgent } from '../../integrations/hook.js';
import { visible } from '../../visible.js';
import type { CliEnv } from '../context.js';
import type { PolicyFlags } from '../options.js';

export { readStdin } from '../hook-input.js';

/** Exit 2 is "block, stderr is the reason" for both Claude Code and Gemini CLI: used when nomos cannot even tell the format. */
export const HOOK_BLOCK = 2;

/** `nomos hook <agent>`: one tool call on stdin, one decision on stdout. Returns the exit code. */
export async function runHook(agent: string, stdin: string, options: PolicyFlags, cli: CliEnv): Promise<number> {
  if (!(HOOK_AGENTS as readonly string[]).includes(agent)) {
    cli.stderr(`nomos: denied: unknown hook agent "${visible(agent)}"; use one of ${HOOK_AGENTS.join(', ')}\n`);
    return HOOK_BLOCK;
  }
  const reply = await answerHook(agent as HookAgent, stdin, {
    cwd: cli.cwd, env: cli.env, ...(options.rules ? { rules: options.rules } : {}),
    ...(options.builtin === false ? { builtin: false } : {}), ...(options.session ? { session: options.session } : {}),
  });
  cli.stdout(reply.stdout);
  return reply.exitCode;
}
