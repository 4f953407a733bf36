import { readFdSync } from '../process-io.js';
import { HOOK_AGENTS, answerHook, type HookAgent } from '../../integrations/hook.js';
import type { CliEnv } from '../context.js';
import type { PolicyFlags } from '../options.js';

/** Exit 2 is "block, stderr is the reason" for both Claude Code and Gemini CLI: used when nomos cannot even tell the format. */
export const HOOK_BLOCK = 2;

/** Cap on the hook input: a Write of a big file still fits, a runaway stream does not. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** `nomos hook <agent>`: one tool call on stdin, one decision on stdout. Returns the exit code. */
export async function runHook(agent: string, stdin: string, options: PolicyFlags, cli: CliEnv): Promise<number> {
  if (!(HOOK_AGENTS as readonly string[]).includes(agent)) {
    cli.stderr(`nomos: denied: unknown hook agent "${agent}"; use one of ${HOOK_AGENTS.join(', ')}\n`);
    return HOOK_BLOCK;
  }
  const reply = await answerHook(agent as HookAgent, stdin, {
    cwd: cli.cwd, env: cli.env, ...(options.rules ? { rules: options.rules } : {}),
    ...(options.builtin === false ? { builtin: false } : {}), ...(options.session ? { session: options.session } : {}),
  });
  cli.stdout(reply.stdout);
  return reply.exitCode;
}

const OVER_LIMIT = '{"nomos":"input over the size limit"}';

/**
 * Reads all of stdin (the hook input); more than the cap is refused rather than truncated.
 * The process's own stdin is read from its descriptor (no stream to build) while it blocks.
 */
export async function readStdin(stream?: NodeJS.ReadableStream): Promise<string> {
  let head: Buffer = Buffer.alloc(0);
  if (!stream) {
    const first = readFdSync(0, MAX_INPUT_BYTES);
    if (first.over) return OVER_LIMIT;
    if (first.complete) return first.data.toString('utf8');
    head = first.data;
  }
  const chunks: Buffer[] = [head];
  let size = head.length;
  for await (const chunk of stream ?? process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) return OVER_LIMIT;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
