import type { Request } from '../action/request.js';
import type { AnalysisContext } from '../action/types.js';
import { asObject, firstString, MalformedInput, optionalString, requireString } from './input.js';
import { fileRequest, httpRequest, opaqueRequest, parseMcpToolName, toolRequest, actionsRequest, searchRequest } from './requests.js';
import type { HookAnswer } from './answer.js';
import { globToolRequest } from './glob-tools.js';

/**
 * Tools that act on nothing outside the conversation (Claude Code's own bookkeeping). AskUserQuestion
 * and EnterPlanMode only ask you or switch to plan mode (tools reference: no permission needed); nomos
 * asking first made you answer twice, and an allow still leaves AskUserQuestion's dialog to you.
 */
const INERT_TOOLS = new Set(['TodoWrite', 'TodoRead', 'ExitPlanMode', 'EnterPlanMode', 'AskUserQuestion', 'Task', 'Agent', 'BashOutput', 'KillShell', 'KillBash']);

/** Maps a Claude Code tool call (PreToolUse `tool_name` + `tool_input`) to a nomos request. */
export function claudeCodeRequest(toolName: string, rawInput: unknown, ctx: AnalysisContext): Request {
  const input = asObject(rawInput, 'tool_input');
  const via = [`claude-code ${toolName}`];
  switch (toolName) {
    case 'Bash': return { kind: 'shell', command: requireString(input, 'command', 'tool_input.command') };
    case 'Read': return fileRequest('read', [requireString(input, 'file_path', 'tool_input.file_path')], ctx, via);
    case 'NotebookRead': return fileRequest('read', [requireString(input, 'notebook_path', 'tool_input.notebook_path')], ctx, via);
    case 'Write': case 'Edit': case 'MultiEdit':
      return fileRequest('write', [requireString(input, 'file_path', 'tool_input.file_path')], ctx, via);
    case 'NotebookEdit': return fileRequest('write', [requireString(input, 'notebook_path', 'tool_input.notebook_path')], ctx, via);
    case 'Grep': return searchRequest([optionalString(input, 'path') ?? ctx.cwd], ctx, via);
    case 'Glob': return globToolRequest('list', [optionalString(input, 'path') ?? ctx.cwd], requireString(input, 'pattern', 'tool_input.pattern'), ctx, via, { nocase: true });
    case 'LS': return fileRequest('list', [optionalString(input, 'path') ?? ctx.cwd], ctx, via);
    case 'WebFetch': return httpRequest('GET', requireString(input, 'url', 'tool_input.url'), via);
    case 'WebSearch': return webSearchRequest(requireString(input, 'query', 'tool_input.query'), via);
    default: return otherTool(toolName, input, ctx, via);
  }
}

/** A web search has no URL of its own: nomos models it as `GET search://web?q=…` so rules can match it. */
export function webSearchRequest(query: string, via: string[]): Request {
  return httpRequest('GET', `search://web/?q=${encodeURIComponent(query)}`, via);
}

function otherTool(toolName: string, input: Record<string, unknown>, ctx: AnalysisContext, via: string[]): Request {
  const mcp = parseMcpToolName(toolName);
  if (mcp) return toolRequest(mcp.server, mcp.tool, input, ctx, via);
  if (INERT_TOOLS.has(toolName)) return actionsRequest(toolName, []);
  // An unknown tool may do anything: opaque, so the `opaque` setting (ask or deny) decides.
  return opaqueRequest(toolName, `unknown Claude Code tool ${JSON.stringify(toolName)}`, via);
}

/** The fields of a PreToolUse hook input that nomos uses. */
export interface ClaudeCodeInput {
  sessionId: string;
  cwd: string;
  toolName: string;
  toolInput: unknown;
  /** Claude Code's permission mode (`default`, `acceptEdits`, `plan`, `dontAsk`, `auto`, `bypassPermissions` …), when it sends one. */
  permissionMode?: string;
}

/**
 * Modes in which Claude Code answers a hook's `ask` with its user (or refuses it, `dontAsk`).
 * In any other (`auto`: a classifier approves in the user's place; `bypassPermissions`; a mode
 * nomos does not know yet) an `ask` is answered deny: nomos asked for a human, not for a model.
 */
const HUMAN_MODES = new Set(['default', 'acceptEdits', 'plan', 'dontAsk']);

/** Whether Claude Code, in this mode, puts an `ask` before a human (no mode sent: older versions, which do). */
export function asksAHuman(permissionMode: string | undefined): boolean {
  return permissionMode === undefined || HUMAN_MODES.has(permissionMode);
}

/** Validates the hook input; a wrong event or a missing field is a MalformedInput (→ deny). */
export function parseClaudeCodeInput(value: unknown): ClaudeCodeInput {
  const obj = asObject(value, 'hook input');
  const event = optionalString(obj, 'hook_event_name');
  if (event !== undefined && event !== 'PreToolUse') throw new MalformedInput(`nomos hook claude-code handles PreToolUse, not ${event}`);
  const permissionMode = optionalString(obj, 'permission_mode');
  return { sessionId: requireString(obj, 'session_id'), cwd: firstString(obj, ['cwd'], 'cwd'), toolName: requireString(obj, 'tool_name'), toolInput: obj.tool_input, ...(permissionMode !== undefined ? { permissionMode } : {}) };
}

/**
 * Claude Code's PreToolUse answer: JSON on stdout, exit 0, decision in `hookSpecificOutput`. A deny
 * also carries the top-level `decision: "block"` and `reason` that PreToolUse hooks used before
 * `hookSpecificOutput` (deprecated, still read as deny): a Claude Code that knows only that form
 * blocks too, instead of finding no decision and running the tool where it asks nobody.
 */
export function formatClaudeCode(answer: HookAnswer): { stdout: string; exitCode: number } {
  const output = {
    ...(answer.decision === 'deny' ? { decision: 'block', reason: answer.reason } : {}),
    hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: answer.decision, permissionDecisionReason: answer.reason },
  };
  return { stdout: `${JSON.stringify(output)}\n`, exitCode: 0 };
}
