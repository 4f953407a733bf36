import { DeniedError } from '../errors.js';
import { formatDenial } from '../cli/format.js';
import type { Firewall } from './firewall.js';
import type { ToolRequest } from './wire.js';

/** Says what a tool call would do, so rules can judge it; default: a named tool call (`mcp` action). */
export type DescribeCall = (input: unknown) => ToolRequest;

/** A Vercel AI SDK tool, structurally: only `execute` is wrapped, the rest passes through. */
export interface AiSdkTool<I = any, O = unknown> {
  description?: string;
  execute?: (input: I, options: any) => PromiseLike<O> | O;
  [key: string]: unknown;
}

/** A LangChain.js tool, structurally: a `name` and an `invoke` (StructuredTool, DynamicTool, `tool()`). */
export interface LangChainTool<O = unknown> {
  name: string;
  invoke: (input: any, config?: any) => Promise<O>;
}

/** Settles a call before it runs; throws DeniedError (the frameworks hand tool errors to the model). */
async function enforce(firewall: Firewall, request: ToolRequest): Promise<void> {
  const verdict = await firewall.settle(request);
  if (verdict.decision !== 'allow') throw new DeniedError(formatDenial(verdict.evaluation, verdict.approval?.reason));
}

/** Puts nomos in front of an AI SDK tool (`name` is its key in your `tools` object). */
export function guardAiSdkTool<T extends AiSdkTool>(firewall: Firewall, name: string, tool: T, describe?: DescribeCall): T {
  const execute = tool.execute;
  if (!execute) return tool;
  const toRequest = describe ?? ((input) => ({ kind: 'mcp', server: 'ai-sdk', tool: name, input }));
  return {
    ...tool,
    execute: async (input: unknown, options: unknown) => {
      await enforce(firewall, toRequest(input));
      return execute.call(tool, input, options);
    },
  };
}

/** Puts nomos in front of a LangChain tool; the guarded tool keeps the original's prototype and fields. */
export function guardLangChainTool<T extends LangChainTool>(firewall: Firewall, tool: T, describe?: DescribeCall): T {
  const toRequest = describe ?? ((input) => ({ kind: 'mcp', server: 'langchain', tool: tool.name, input }));
  const guarded = Object.create(tool) as T;
  guarded.invoke = async (input: unknown, config?: unknown) => {
    // Agents pass a ToolCall ({ type: 'tool_call', args }); direct callers pass the args.
    const args = isToolCall(input) ? input.args : input;
    await enforce(firewall, toRequest(args));
    return tool.invoke(input, config);
  };
  return guarded;
}

function isToolCall(input: unknown): input is { args: unknown } {
  return typeof input === 'object' && input !== null && (input as { type?: unknown }).type === 'tool_call' && 'args' in input;
}
