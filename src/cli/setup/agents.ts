/** The agents `nomos init --agent` knows how to put behind nomos. */
export const AGENTS = ['claude-code', 'gemini-cli', 'mcp', 'none'] as const;
export type Agent = (typeof AGENTS)[number];

type Json = Record<string, unknown>;

/** Where an agent's settings live (relative to the project) and what nomos adds to them. */
export interface AgentSetup {
  /** The settings file, relative to the project directory. */
  file: string;
  /** The JSON to merge into it. */
  snippet: Json;
  /** The nomos command the agent will run (to find it again, and to tell whether it exists yet). */
  command: string[];
  /**
   * Where the settings already run nomos this way: the settings with what nomos now writes
   * brought up to date, instead of a second entry beside the old one. Undefined: merge the snippet.
   */
  update?: (settings: Json) => Json | undefined;
}

const hookEntry = (matcher: string, command: string, extra: Json = {}) => ({ matcher, hooks: [{ ...extra, type: 'command', command }] });

/** The settings for each agent, per its own documentation (Claude Code hooks, Gemini CLI hooks, MCP `mcpServers`). */
export const AGENT_SETUPS: Record<Exclude<Agent, 'none'>, AgentSetup> = {
  'claude-code': {
    file: '.claude/settings.json',
    // PreToolUse runs before every tool call; "*" matches every tool. `onFailure: "block"`
    // (Claude Code 2.1.295 and later): a hook that times out, cannot start or exits with a code
    // other than 0 or 2 blocks the tool instead of letting it run.
    snippet: { hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'nomos hook claude-code', onFailure: 'block' }] }] } },
    command: ['hook', 'claude-code'],
    update: (settings) => {
      const handlers = claudeNomosHandlers(settings);
      if (handlers.length === 0) return undefined;
      const updated = structuredClone(settings);
      for (const handler of claudeNomosHandlers(updated)) handler.onFailure = 'block';
      return updated;
    },
  },
  'gemini-cli': {
    file: '.gemini/settings.json',
    // BeforeTool matchers are regular expressions; hooks must be enabled on the stable channel.
    snippet: { hooksConfig: { enabled: true }, hooks: { BeforeTool: [hookEntry('.*', 'nomos hook gemini-cli', { name: 'nomos' })] } },
    command: ['hook', 'gemini-cli'],
  },
  mcp: {
    file: '.mcp.json',
    snippet: { mcpServers: { nomos: { command: 'nomos', args: ['mcp'] } } },
    command: ['mcp'],
  },
};

/**
 * Merges `snippet` into `settings`: objects key by key, arrays by appending entries not
 * already present (compared as JSON), so running it twice changes nothing.
 */
export function mergeSettings(settings: Json, snippet: Json): Json {
  const merged: Json = { ...settings };
  for (const [key, value] of Object.entries(snippet)) {
    const current = merged[key];
    if (Array.isArray(value)) {
      const list = Array.isArray(current) ? [...current] : [];
      for (const item of value) if (!list.some((x) => JSON.stringify(x) === JSON.stringify(item))) list.push(item);
      merged[key] = list;
    } else if (isObject(value) && isObject(current)) {
      merged[key] = mergeSettings(current, value);
    } else if (current === undefined || !isObject(value)) {
      merged[key] = value;
    }
  }
  return merged;
}

/** The PreToolUse hook handlers in Claude Code settings that run `nomos hook claude-code`. */
export function claudeNomosHandlers(settings: unknown): Json[] {
  const groups = isObject(settings) && isObject(settings.hooks) ? settings.hooks.PreToolUse : undefined;
  if (!Array.isArray(groups)) return [];
  return groups.flatMap((group) => (isObject(group) && Array.isArray(group.hooks) ? group.hooks : []))
    .filter((handler): handler is Json => isObject(handler) && typeof handler.command === 'string' && /\bnomos(?:\.js)?\s+hook\s+claude-code\b/.test(handler.command));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether parsed settings run a nomos hook (`nomos hook …`) or server (`nomos` with args `["mcp"]`), at any depth. */
export function runsNomos(value: unknown): boolean {
  return nomosCommandsIn(value).length > 0;
}

/** The nomos subcommands that parsed settings run: `["hook", "claude-code"]`, `["mcp"]`. */
export function nomosCommandsIn(value: unknown): string[][] {
  const text = JSON.stringify(value ?? null);
  const hooks = [...text.matchAll(/\bnomos(?:\.js)?\s+hook\s+([\w-]+)/g)].map((m) => ['hook', m[1]!]);
  return hasMcpServer(value) ? [...hooks, ['mcp']] : hooks;
}

function hasMcpServer(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasMcpServer);
  if (!isObject(value)) return false;
  const server = typeof value.command === 'string' && /\bnomos(?:\.js)?$/.test(value.command) && Array.isArray(value.args) && value.args[0] === 'mcp';
  return server || Object.values(value).some(hasMcpServer);
}
