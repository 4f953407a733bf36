/**
 * Why an agent's settings that run a nomos hook may still let tool calls through unchecked:
 * the hook under an event that cannot stop a tool, a matcher or `if` that skips tools, a hook
 * that runs in the background, or hooks turned off. Per Claude Code's hooks reference
 * (PreToolUse, `matcher`, `if`, `async`, `disableAllHooks`) and Gemini CLI's (BeforeTool,
 * regex `matcher`, `hooksConfig.enabled` / `.disabled`). Pure.
 */
type Json = Record<string, unknown>;

const AGENTS = {
  'claude-code': { event: 'PreToolUse', command: /\bnomos(?:\.js)?\s+hook\s+claude-code\b/ },
  'gemini-cli': { event: 'BeforeTool', command: /\bnomos(?:\.js)?\s+hook\s+gemini-cli\b/ },
} as const;

/** Matchers that match every tool name ("*", "" or none in both agents; both read other text as a regex). */
const EVERY_TOOL = new Set([undefined, '', '*', '.*', '^.*$']);

/** What in these settings keeps the nomos hook from seeing some tool call (empty: nothing found). */
export function hookCoverageGaps(settings: unknown, agent: keyof typeof AGENTS): string[] {
  if (!isObject(settings) || !isObject(settings.hooks)) return [];
  const { event, command } = AGENTS[agent];
  const gaps: string[] = [];
  let guarded = false;
  let found = false;
  for (const [name, groups] of Object.entries(settings.hooks)) {
    if (!Array.isArray(groups)) continue;
    for (const group of groups) {
      if (!isObject(group) || !Array.isArray(group.hooks)) continue;
      for (const handler of group.hooks) {
        if (!isObject(handler) || typeof handler.command !== 'string' || !command.test(handler.command)) continue;
        found = true;
        if (name !== event) {
          gaps.push(`it runs under ${name}, which cannot stop a tool (use ${event})`);
          continue;
        }
        const matcher = group.matcher;
        if (!EVERY_TOOL.has(matcher as string | undefined)) gaps.push(`its matcher ${JSON.stringify(matcher)} leaves every other tool unchecked (use "*")`);
        else if (handler.if !== undefined) gaps.push(`its "if" ${JSON.stringify(handler.if)} leaves every other call unchecked`);
        else if (handler.async === true || handler.asyncRewake === true) gaps.push('it runs with "async": the tool does not wait for its answer');
        else guarded = true;
      }
    }
  }
  if (!found) return [];
  // One handler that sees every call is enough; what turns hooks off counts whatever the handlers say.
  const off: string[] = [];
  if (agent === 'claude-code' && settings.disableAllHooks === true) off.push('"disableAllHooks": true turns it off');
  if (agent === 'gemini-cli') {
    const config = isObject(settings.hooksConfig) ? settings.hooksConfig : {};
    if (config.enabled === false) off.push('"hooksConfig": { "enabled": false } turns it off');
    const disabled = [config.disabled, settings.hooks.disabled].flatMap((list) => (Array.isArray(list) ? list : []));
    if (disabled.some((n) => n === 'nomos' || (typeof n === 'string' && command.test(n)))) off.push('it is listed in "disabled"');
  }
  return [...(guarded ? [] : gaps), ...off];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
