import { resolvePath } from '../action/path.js';
import type { Request } from '../action/request.js';
import type { AnalysisContext } from '../action/types.js';
import type { HookAnswer } from './answer.js';
import { webSearchRequest } from './claude-code.js';
import { asObject, firstString, MalformedInput, optionalString, requireString } from './input.js';
import { actionsRequest, fileRequest, httpRequest, opaqueRequest, parseMcpToolName, toolRequest, searchRequest } from './requests.js';

/** A mapped tool call: the request, and the directory a shell command runs in when the tool names one. */
export interface MappedCall {
  request: Request;
  cwd?: string;
}

// Gemini CLI renamed path parameters across versions (absolute_path → file_path, path → dir_path): accept each.
const FILE_KEYS = ['file_path', 'absolute_path', 'path'];
const DIR_KEYS = ['dir_path', 'path', 'directory'];
const INERT_TOOLS = new Set(['write_todos']);

/** Maps a Gemini CLI tool call (BeforeTool `tool_name` + `tool_input`) to a nomos request. */
export function geminiCliRequest(toolName: string, rawInput: unknown, ctx: AnalysisContext, mcpContext?: unknown): MappedCall {
  const input = asObject(rawInput, 'tool_input');
  const via = [`gemini-cli ${toolName}`];
  const dir = () => DIR_KEYS.map((k) => optionalString(input, k)).find((v) => v) ?? ctx.cwd;
  switch (toolName) {
    case 'run_shell_command': {
      const directory = DIR_KEYS.map((k) => optionalString(input, k)).find((v) => v);
      return { request: { kind: 'shell', command: requireString(input, 'command', 'tool_input.command') }, ...(directory ? { cwd: resolvePath(directory, ctx) } : {}) };
    }
    case 'read_file': return { request: fileRequest('read', [firstString(input, FILE_KEYS, 'tool_input path')], ctx, via) };
    case 'read_many_files': return { request: fileRequest('read', stringList(input.paths, 'tool_input.paths'), ctx, via) };
    case 'write_file': case 'replace': return { request: fileRequest('write', [firstString(input, FILE_KEYS, 'tool_input path')], ctx, via) };
    case 'list_directory': case 'glob': return { request: fileRequest('list', [dir()], ctx, via) };
    case 'search_file_content': case 'grep_search': return { request: searchRequest([dir()], ctx, via) };
    case 'web_fetch': return { request: webFetchRequest(requireString(input, 'prompt', 'tool_input.prompt'), via) };
    case 'google_web_search': return { request: webSearchRequest(requireString(input, 'query', 'tool_input.query'), via) };
    case 'save_memory': return { request: fileRequest('append', ['~/.gemini/GEMINI.md'], ctx, via) };
    default: return { request: otherTool(toolName, input, via, mcpContext) };
  }
}

/** web_fetch takes a prompt with the URLs in it: every URL is one request; none is opaque. */
function webFetchRequest(prompt: string, via: string[]): Request {
  const urls = prompt.match(/https?:\/\/[^\s"'<>)\]]+/g) ?? [];
  if (urls.length === 0) return opaqueRequest(prompt, 'web_fetch prompt names no URL nomos can see', via);
  const actions = urls.flatMap((u) => (httpRequest('GET', u, via) as Extract<Request, { kind: 'actions' }>).actions);
  return actionsRequest(urls.map((u) => `GET ${u}`).join(' '), actions);
}

function otherTool(toolName: string, input: Record<string, unknown>, via: string[], mcpContext: unknown): Request {
  const context = mcpContext && typeof mcpContext === 'object' ? (mcpContext as Record<string, unknown>) : {};
  const server = typeof context.server_name === 'string' ? context.server_name : undefined;
  if (server) return toolRequest(server, typeof context.tool_name === 'string' ? context.tool_name : toolName, input, via);
  const mcp = parseMcpToolName(toolName);
  if (mcp) return toolRequest(mcp.server, mcp.tool, input, via);
  if (INERT_TOOLS.has(toolName)) return actionsRequest(toolName, []);
  return opaqueRequest(toolName, `unknown Gemini CLI tool ${JSON.stringify(toolName)}`, via);
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) throw new MalformedInput(`${what} must be a non-empty array of strings`);
  return value as string[];
}

/** The fields of a BeforeTool hook input that nomos uses. */
export interface GeminiCliInput {
  sessionId: string;
  cwd: string;
  toolName: string;
  toolInput: unknown;
  mcpContext?: unknown;
}

/** Validates the hook input; a wrong event or a missing field is a MalformedInput (→ deny). */
export function parseGeminiCliInput(value: unknown): GeminiCliInput {
  const obj = asObject(value, 'hook input');
  const event = optionalString(obj, 'hook_event_name');
  if (event !== undefined && event !== 'BeforeTool') throw new MalformedInput(`nomos hook gemini-cli handles BeforeTool, not ${event}`);
  return { sessionId: requireString(obj, 'session_id'), cwd: requireString(obj, 'cwd'), toolName: requireString(obj, 'tool_name'), toolInput: obj.tool_input, mcpContext: obj.mcp_context };
}

/** Gemini CLI's BeforeTool answer: JSON on stdout, exit 0; it knows allow and deny only. */
export function formatGeminiCli(answer: HookAnswer): { stdout: string; exitCode: number } {
  const decision = answer.decision === 'allow' ? 'allow' : 'deny';
  const output = decision === 'allow' ? { decision, reason: answer.reason } : { decision, reason: answer.reason, systemMessage: answer.reason };
  return { stdout: `${JSON.stringify(output)}\n`, exitCode: 0 };
}
