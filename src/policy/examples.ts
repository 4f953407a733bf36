import { analyzeToolCall } from '../action/mcp-tools.js';
import type { Analysis } from '../action/types.js';
import type { CompiledRule } from './compile.js';
import { applies } from './evaluate.js';
import type { ToolCallExample } from './schema.js';
import { EMPTY_SESSION } from './session-view.js';

/**
 * Examples are checked in a fixed world, not the caller's: a shipped example such as
 * `rm -rf /opt/app` must not change meaning (and stop nomos loading) in a project under /opt.
 */
export const EXAMPLE_WORLD = {
  cwd: '/workspace', home: '/home/user', workspace: '/workspace', env: { HOME: '/home/user', PWD: '/workspace', USER: 'user' },
  places: { state: '/tmp/nomos-1000', config: '/home/user/.config/nomos', auditLog: '/home/user/.local/state/nomos/audit.jsonl', install: '/usr/lib/node_modules/nomos' },
};

/** An example the rule gets wrong. */
export interface ExampleFailure {
  list: 'match' | 'no_match';
  index: number;
  example: Example;
}

/** A rule's example: a shell command, or an MCP tool call. */
export type Example = string | ToolCallExample;

/** Turns an example command into actions (the shell analysis, passed in). */
export type Analyze = (command: string) => Analysis;

/** True when the rule matches any action of the command or tool call (as evaluation would count it). */
export function ruleMatches(rule: CompiledRule, example: Example, analyze: Analyze, cwd: string): boolean {
  const env = { actor: 'agent', session: 'example', cwd };
  const vars = (action: Analysis['actions'][number]) => () => ({ action, actor: 'agent', now: new Date(), env: {}, session: EMPTY_SESSION });
  return analyzeExample(example, analyze, cwd).actions.some((action) => applies(rule, action, env, vars(action)) !== undefined);
}

/** An example's actions: the shell analysis of a command; a tool call as a hook maps it, in the examples' world. */
export function analyzeExample(example: Example, analyze: Analyze, cwd: string): Analysis {
  if (typeof example === 'string') return analyze(example);
  return analyzeToolCall(example.server, example.tool, example.input ?? {}, { cwd, home: EXAMPLE_WORLD.home }, ['example']);
}

/** An example as one line: the command, or `server/tool {input}`. */
export function exampleText(example: Example): string {
  return typeof example === 'string' ? example : `${example.server}/${example.tool} ${JSON.stringify(example.input ?? {})}`;
}

/** Checks a rule's own examples: every `match` matches and no `no_match` does. */
export function checkExamples(rule: CompiledRule, analyze: Analyze, cwd: string): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  const { match = [], no_match: noMatch = [] } = rule.spec.examples ?? {};
  match.forEach((example, index) => {
    if (!ruleMatches(rule, example, analyze, cwd)) failures.push({ list: 'match', index, example });
  });
  noMatch.forEach((example, index) => {
    if (ruleMatches(rule, example, analyze, cwd)) failures.push({ list: 'no_match', index, example });
  });
  return failures;
}

/** The message for a failed example. */
export function describeFailure(rule: CompiledRule, f: ExampleFailure): string {
  const text = JSON.stringify(exampleText(f.example));
  return f.list === 'match' ? `example ${text} should match rule ${rule.id} but does not` : `no_match example ${text} matches rule ${rule.id}`;
}
