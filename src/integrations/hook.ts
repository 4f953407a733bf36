import type { Escalator } from '../approval/escalate.js';
import { analysisContext } from '../config/context.js';
import { agentEnvironment } from '../config/own-locations.js';
import { ExitCode } from '../errors.js';
import type { HookAgent } from './agents.js';
import { answerFor, failClosed, type HookAnswer } from './answer.js';
import { asksAHuman, claudeCodeRequest, formatClaudeCode, parseClaudeCodeInput } from './claude-code.js';
import { createEngine, type FirewallOptions } from './firewall.js';
import { formatGeminiCli, geminiCliRequest, parseGeminiCliInput, type MappedCall } from './gemini-cli.js';
import { geminiSettings } from './gemini-settings.js';
import { asObject, MalformedInput, optionalString, parseJson } from './input.js';
import { pipelineRequest, parseToolRequest } from './wire.js';

/** The agents `nomos hook` speaks to (defined apart so the CLI's definitions stay light). */
export { HOOK_AGENTS, type HookAgent } from './agents.js';

/** What the hook process prints and how it exits. */
export interface HookReply {
  stdout: string;
  exitCode: number;
}

/** One parsed hook call: who, where, and the mapped request. */
interface HookCall {
  session?: string;
  cwd: string;
  map: (ctx: ReturnType<typeof analysisContext>) => MappedCall;
  /** Whether the agent puts an `ask` before a human (false: it is answered deny). */
  humanAsked?: boolean;
}

// Claude Code and a generic caller ask their own human: nomos records `ask` and hands it over.
const DEFER: Escalator = { ask: async () => ({ approved: false, by: 'agent', reason: 'the agent asks its user', deferred: true }) };

/**
 * Answers one hook call. Never fails open: malformed input, a policy that does not load,
 * or any other error is answered `deny` with the reason, in the agent's format.
 */
export async function answerHook(agent: HookAgent, stdin: string, options: FirewallOptions & { cwd: string }): Promise<HookReply> {
  let answer: HookAnswer;
  try {
    const call = parseCall(agent, parseJson(stdin, 'hook input'), options.cwd, options.env ?? process.env);
    // The agent's environment, which a project's settings can set: no policy or state from the workspace.
    const env = agentEnvironment(options.env ?? process.env, [call.cwd, options.cwd]);
    const mapped = call.map(analysisContext(call.cwd, env));
    const engine = createEngine({ ...options, env, cwd: call.cwd, ...(agent === 'gemini-cli' ? {} : { escalator: DEFER }) });
    answer = answerFor(await engine.settle(() => mapped.request, { cwd: mapped.cwd ?? call.cwd, ...(call.session ? { session: call.session } : {}) }));
    if (answer.decision === 'ask' && call.humanAsked === false) {
      answer = { ...answer, decision: 'deny', reason: `${answer.reason.replace(/^nomos: approval needed: /, 'nomos: denied: approval needed (')}) and the agent's permission mode asks no human` };
    }
  } catch (error) {
    answer = failClosed(error);
  }
  return formatAnswer(agent, answer);
}

function parseCall(agent: HookAgent, value: unknown, defaultCwd: string, env: NodeJS.ProcessEnv): HookCall {
  if (agent === 'claude-code') {
    const input = parseClaudeCodeInput(value);
    return { session: input.sessionId, cwd: absoluteCwd(input.cwd), humanAsked: asksAHuman(input.permissionMode), map: (ctx) => ({ request: claudeCodeRequest(input.toolName, input.toolInput, ctx) }) };
  }
  if (agent === 'gemini-cli') {
    const input = parseGeminiCliInput(value);
    return { session: input.sessionId, cwd: absoluteCwd(input.cwd), map: (ctx) => geminiCliRequest(input.toolName, input.toolInput, ctx, input.mcpContext, () => geminiSettings(ctx.cwd, ctx.home, env)) };
  }
  const obj = asObject(value, 'hook input');
  const request = parseToolRequest(obj.request);
  const session = optionalString(obj, 'session');
  return { ...(session ? { session } : {}), cwd: absoluteCwd(optionalString(obj, 'cwd') ?? defaultCwd), map: (ctx) => ({ request: pipelineRequest(request, ctx, ['hook json']) }) };
}

/** An agent's cwd must be absolute: a relative one would be read from wherever the hook process happens to run. */
function absoluteCwd(cwd: string): string {
  if (!cwd.startsWith('/')) throw new MalformedInput(`cwd must be an absolute path, not ${JSON.stringify(cwd)}`);
  return cwd;
}

const JSON_EXIT = { allow: ExitCode.ok, ask: ExitCode.wouldAsk, deny: ExitCode.denied };

/** Prints the answer in the agent's own format. */
export function formatAnswer(agent: HookAgent, answer: HookAnswer): HookReply {
  if (agent === 'claude-code') return formatClaudeCode(answer);
  if (agent === 'gemini-cli') return formatGeminiCli(answer);
  return { stdout: `${JSON.stringify(answer)}\n`, exitCode: JSON_EXIT[answer.decision] };
}
