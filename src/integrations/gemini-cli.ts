import { resolvePath } from '../action/path.js';
import type { Request } from '../action/request.js';
import type { Action, AnalysisContext, Opaque } from '../action/types.js';
import type { HookAnswer } from './answer.js';
import { globToolRequest } from './glob-tools.js';
import type { GeminiSettings } from './gemini-settings.js';
import { webSearchRequest } from './claude-code.js';
import { asObject, MalformedInput, optionalString, requireString } from './input.js';
import { actionsRequest, fileRequest, globReadRequest, httpRequest, opaqueRequest, parseMcpToolName, toolRequest, searchRequest } from './requests.js';

/** A mapped tool call: the request, and the directory a shell command runs in when the tool names one. */
export interface MappedCall {
  request: Request;
  cwd?: string;
}

// Gemini CLI renamed path parameters across versions (absolute_path → file_path, path → dir_path): accept each.
const FILE_KEYS = ['file_path', 'absolute_path', 'path'];
const DIR_KEYS = ['dir_path', 'path', 'directory'];
/**
 * Tools that only talk to you or plan (gemini-cli source, packages/core/src/tools: ask-user.ts, Kind.Communicate;
 * update-topic.ts, a title kept in memory; enter-plan-mode.ts, which switches to read-only plan mode and makes
 * Gemini CLI's own plans directory, a path from its settings, not from the call). Not the tracker_* tools: they
 * write task files, at a path built from the model's task id.
 */
const INERT_TOOLS = new Set(['write_todos', 'ask_user', 'enter_plan_mode', 'update_topic']);

/** Maps a Gemini CLI tool call (BeforeTool `tool_name` + `tool_input`) to a nomos request. */
export function geminiCliRequest(toolName: string, rawInput: unknown, ctx: AnalysisContext, mcpContext?: unknown, settings: () => GeminiSettings | undefined = () => defaultSettings(ctx)): MappedCall {
  const input = asObject(rawInput, 'tool_input');
  const via = [`gemini-cli ${toolName}`];
  // An MCP server's tool keeps its bare name when no built-in has it (one left out by excludeTools):
  // a tool named write_todos or save_memory is the server's, whatever it does, not Gemini's.
  const mcp = mcpServer(mcpContext);
  if (mcp) return { request: toolRequest(mcp.server, mcp.tool ?? toolName, input, ctx, via, mcp.tool ?? serverToolName(mcp.server, toolName)) };
  // Every alias given is decided: which one a Gemini CLI version reads is not nomos's to guess.
  const dirs = () => presentStrings(input, DIR_KEYS);
  const files = () => {
    const paths = presentStrings(input, FILE_KEYS);
    if (paths.length === 0) throw new MalformedInput(`tool_input path: expected one of ${FILE_KEYS.join(', ')} as a non-empty string`);
    return paths;
  };
  switch (toolName) {
    case 'run_shell_command': {
      const directory = dirs();
      if (directory.length > 1) throw new MalformedInput(`tool_input names more than one directory (${DIR_KEYS.join(', ')})`);
      return { request: { kind: 'shell', command: requireString(input, 'command', 'tool_input.command') }, ...(directory[0] ? { cwd: resolvePath(directory[0], ctx) } : {}) };
    }
    case 'read_file': return { request: fileRequest('read', files(), ctx, via) };
    // Gemini CLI reads `include` (paths or globs); older versions named them `paths`.
    case 'read_many_files': {
      const entries = [...stringList(input.paths, 'tool_input.paths'), ...stringList(input.include, 'tool_input.include')];
      if (entries.length === 0) throw new MalformedInput('tool_input.include (or paths) must name at least one path');
      // A directory named is read with everything below it: a recursive read, as for a search.
      // Each entry is globbed in every workspace directory.
      const roots = settings()?.workspace;
      if (!roots) return { request: unknownSettings(via) };
      const reads = roots.map((root) => globReadRequest(entries, { ...ctx, cwd: root }, via) as Extract<Request, { kind: 'actions' }>);
      return { request: actionsRequest(`read ${entries.join(' ')}`, reads.flatMap((r) => r.actions), reads.flatMap((r) => r.opaque ?? [])) };
    }
    case 'write_file': case 'replace': return { request: fileRequest('write', files(), ctx, via) };
    case 'list_directory': return { request: fileRequest('list', orCwd(dirs(), ctx), ctx, via) };
    // The pattern is read from the directory but may lead out of it (absolute, `..`), in any letter case unless case_sensitive.
    // Without dir_path, glob (and grep_search before it searched only `.`) search every workspace directory.
    case 'glob': {
      const roots = orWorkspace(dirs(), settings);
      return { request: roots ? globToolRequest('list', roots, requireString(input, 'pattern', 'tool_input.pattern'), ctx, via, { nocase: input.case_sensitive !== true }) : unknownSettings(via) };
    }
    // include_pattern (include in older versions) filters the files read; the JS fallback globs it from the directory, as glob does.
    case 'search_file_content': case 'grep_search': {
      const roots = orWorkspace(dirs(), settings);
      return { request: roots ? grepRequest(roots, input, ctx, via) : unknownSettings(via) };
    }
    case 'web_fetch': return { request: webFetchRequest(input, via) };
    case 'google_web_search': return { request: webSearchRequest(requireString(input, 'query', 'tool_input.query'), via) };
    case 'save_memory': return { request: saveMemoryRequest(input, settings(), ctx, via) };
    // exit_plan_mode reads the plan file it names (resolved from the project, refused outside Gemini CLI's plans
    // directory, exit-plan-mode.ts) to show it to you before you approve: a read, decided as one.
    case 'exit_plan_mode': return { request: fileRequest('read', [requireString(input, 'plan_path', 'tool_input.plan_path')], ctx, via) };
    default: return { request: otherTool(toolName, input, ctx, via) };
  }
}

/**
 * web_fetch fetches what Gemini CLI's parsePrompt finds in the prompt (each whitespace-separated
 * word with `://` that `new URL()` reads, with any letter case), and `url` in its direct mode.
 * Each is decided as Gemini will fetch it (the parsed href); a word it would not fetch as http(s)
 * is opaque, and so is a prompt with no URL at all.
 */
function webFetchRequest(input: Record<string, unknown>, via: string[]): Request {
  const prompt = optionalString(input, 'prompt');
  const direct = optionalString(input, 'url');
  if (prompt === undefined && direct === undefined) throw new MalformedInput('tool_input.prompt or tool_input.url must be a string');
  const words = [...(prompt?.split(/\s+/).filter((w) => w.includes('://')) ?? []), ...(direct ? [direct] : [])];
  if (words.length === 0) return opaqueRequest(prompt ?? '', 'web_fetch prompt names no URL nomos can see', via);
  const actions: Action[] = [];
  const opaque: Opaque[] = [];
  for (const word of words) {
    const href = httpHref(word);
    // Gemini CLI fetches a github.com …/blob/… page from raw.githubusercontent.com: that host is decided too.
    const hrefs = href ? [...new Set([href, githubRaw(href)])] : [undefined];
    for (const h of hrefs) {
      const request = (h ? httpRequest('GET', h, via) : opaqueRequest(word, 'web_fetch names a URL nomos cannot read as Gemini CLI does', via)) as Extract<Request, { kind: 'actions' }>;
      actions.push(...request.actions);
      opaque.push(...(request.opaque ?? []));
    }
  }
  return actionsRequest(words.map((w) => `GET ${w}`).join(' '), actions, opaque);
}

/** Where Gemini CLI fetches a URL from (its convertGithubUrlToRaw): a github.com blob page from raw.githubusercontent.com. Pure. */
export function githubRaw(href: string): string {
  const url = new URL(href);
  if (url.hostname !== 'github.com' || !url.pathname.includes('/blob/')) return href;
  url.hostname = 'raw.githubusercontent.com';
  url.pathname = url.pathname.replace(/^\/([^/]+\/[^/]+)\/blob\//, '/$1/');
  return url.href;
}

/** The href `new URL()` makes of a word, when it is http or https. */
function httpHref(word: string): string | undefined {
  try {
    const url = new URL(word);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A content search of directories, and of where each file filter's pattern leads from them. */
function grepRequest(dirs: string[], input: Record<string, unknown>, ctx: AnalysisContext, via: string[]): Request {
  const filters = presentStrings(input, ['include_pattern', 'include']);
  if (filters.length === 0) return searchRequest(dirs, ctx, via);
  const requests = filters.map((f) => globToolRequest('read', dirs, f, ctx, via, { keepDirs: true, nocase: true }) as Extract<Request, { kind: 'actions' }>);
  return actionsRequest(`grep ${dirs.join(' ')}`, requests.flatMap((r) => r.actions), requests.flatMap((r) => r.opaque ?? []));
}

/** The distinct non-empty strings among `keys`. */
function presentStrings(input: Record<string, unknown>, keys: string[]): string[] {
  return [...new Set(keys.map((k) => optionalString(input, k)).filter((v): v is string => !!v))];
}

function orCwd(dirs: string[], ctx: AnalysisContext): string[] {
  return dirs.length > 0 ? dirs : [ctx.cwd];
}

/** Without settings files: the cwd alone, and ~/.gemini/GEMINI.md. */
function defaultSettings(ctx: AnalysisContext): GeminiSettings {
  return { workspace: [ctx.cwd], memoryFiles: [`${ctx.home}/.gemini/GEMINI.md`], projectFiles: `${ctx.home}/.gemini/tmp` };
}

function orWorkspace(dirs: string[], settings: () => GeminiSettings | undefined): string[] | undefined {
  return dirs.length > 0 ? dirs : settings()?.workspace;
}

function unknownSettings(via: string[]): Request {
  return opaqueRequest('settings', "Gemini CLI's settings (workspace directories, memory file), which this call depends on, cannot be read as Gemini CLI reads them", via);
}

/**
 * save_memory appends a fact to the global memory file, or with `scope: "project"` to the project's
 * MEMORY.md under ~/.gemini/tmp/<project>/memory; with `modified_content` (what a user's edit of the
 * proposal sets, and the model can send) it writes that text as the whole file.
 */
function saveMemoryRequest(input: Record<string, unknown>, settings: GeminiSettings | undefined, ctx: AnalysisContext, via: string[]): Request {
  if (!settings) return unknownSettings(via);
  const op = typeof input.modified_content === 'string' ? 'write' : 'append';
  if (input.scope !== 'project') return fileRequest(op, settings.memoryFiles, ctx, via);
  const request = fileRequest(op, [settings.projectFiles], ctx, via) as Extract<Request, { kind: 'actions' }>;
  return { ...request, actions: request.actions.map((a) => (a.kind === 'file' ? { ...a, recursive: true } : a)) };
}

/** The MCP server (and its own tool name) Gemini CLI's `mcp_context` names, if it names one. */
function mcpServer(mcpContext: unknown): { server: string; tool?: string } | undefined {
  const context = mcpContext && typeof mcpContext === 'object' ? (mcpContext as Record<string, unknown>) : {};
  if (typeof context.server_name !== 'string' || context.server_name === '') return undefined;
  return { server: context.server_name, ...(typeof context.tool_name === 'string' && context.tool_name !== '' ? { tool: context.tool_name } : {}) };
}

/**
 * The server's own name for its tool when mcp_context does not give it: Gemini CLI registers a tool
 * whose name another server took first as `<server>__<tool>`. Only used to map what the tool does
 * (the name may be the tool's own): the mcp action keeps the name Gemini CLI gave.
 */
function serverToolName(server: string, toolName: string): string {
  return toolName.startsWith(`${server}__`) && toolName.length > server.length + 2 ? toolName.slice(server.length + 2) : toolName;
}

function otherTool(toolName: string, input: Record<string, unknown>, ctx: AnalysisContext, via: string[]): Request {
  const mcp = parseMcpToolName(toolName);
  if (mcp) return toolRequest(mcp.server, mcp.tool, input, ctx, via);
  if (INERT_TOOLS.has(toolName)) return actionsRequest(toolName, []);
  return opaqueRequest(toolName, `unknown Gemini CLI tool ${JSON.stringify(toolName)}`, via);
}

/** An optional list of strings (absent: none). */
function stringList(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) throw new MalformedInput(`${what} must be an array of non-empty strings`);
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
