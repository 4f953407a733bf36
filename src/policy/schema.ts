import { z } from 'zod';
import { matchSchema, oneOrMany } from './schema-match.js';

export { matchSchema, type MatchSpec, type BaseMatchSpec, type PathsSpec } from './schema-match.js';

const decision = z.enum(['allow', 'modify', 'ask', 'deny']);
const words = z.array(z.string().min(1));

/** Declarative rewrites of the matched command; the result is evaluated again and a stricter decision wins. */
export const modifySchema = z.strictObject({
  program: z.string().min(1).optional().describe('Replace the program word (`rm` → `trash`).'),
  replace: z.record(z.string().min(1), z.string().min(1)).optional().describe('Replace whole words: a flag or a subcommand (`{"--force": "--force-with-lease"}`).'),
  add_flags: words.optional().describe('Flags to add after the program and its subcommand words.'),
  remove_flags: words.optional().describe('Flags to remove (as written or normalized: `-f` also leaves `-rf` as `-r`).'),
  add_args: words.optional().describe('Arguments to append.'),
  remove_args: words.optional().describe('Positional arguments to remove (exact words).'),
  set_env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).optional().describe('Environment variables to set for the command.'),
  unset_env: words.optional().describe('Environment variables to unset for the command.'),
  set_headers: z.record(z.string().min(1), z.string()).optional().describe('HTTP headers to add to a `curl` request (`{"X-Agent": "nomos"}`).'),
  remove_headers: words.optional().describe('HTTP headers to remove from a `curl` request (case-insensitive names).'),
});

/** An MCP tool call as an example: decided as a hook decides `mcp__<server>__<tool>` with these arguments. */
export const toolCallExampleSchema = z.strictObject({
  server: z.string().min(1).describe('The server name, as the agent names it.'),
  tool: z.string().min(1).describe('The tool name.'),
  input: z.record(z.string(), z.unknown()).optional().describe('The tool\'s arguments.'),
});

const example = z.union([z.string(), toolCallExampleSchema]);

/** Commands (or MCP tool calls) the rule must and must not match; checked when rules load and by `nomos lint`. */
export const examplesSchema = z.strictObject({
  match: z.array(example).optional().describe('Shell commands, or MCP tool calls `{server, tool, input}`, this rule matches.'),
  no_match: z.array(example).optional().describe('Shell commands, or MCP tool calls `{server, tool, input}`, this rule does not match.'),
});

/** One rule. */
export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$/, 'ids are lower-case words joined by dots, e.g. git.force-push').describe('Unique dotted id, e.g. `git.force-push`.'),
  description: z.string().optional().describe('What the rule is about, for people reading the policy.'),
  match: matchSchema.describe('What the rule applies to.'),
  when: z.string().min(1).optional().describe('CEL condition, checked only when `match` holds: sees action, actor, now, env, session.'),
  decision: decision.describe('`allow < modify < ask < deny`: the strictest matching rule wins.'),
  message: z.string().optional().describe('Shown to the agent and the human when this rule decides.'),
  modify: modifySchema.optional().describe('The rewrite, for `decision: modify`.'),
  record: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.number(), z.string(), z.boolean()])).optional().describe('Values recorded into the session when the rule matches: numbers and strings as given, or `=` then a CEL expression.'),
  tags: z.array(z.string()).optional().describe('Free labels; session filters can count by tag.'),
  examples: examplesSchema.optional().describe('Commands the rule must and must not match.'),
}).superRefine((rule, ctx) => {
  if (rule.decision === 'modify' && !rule.modify) ctx.addIssue({ code: 'custom', path: ['modify'], message: 'decision modify needs a modify: rewrite' });
  if (rule.decision !== 'modify' && rule.modify) ctx.addIssue({ code: 'custom', path: ['modify'], message: 'modify: only applies with decision: modify' });
});

/** A rule file (`--rules`, shipped packs, user and project config). */
export const ruleFileSchema = z.strictObject({
  version: z.literal(1).describe('Format version; always 1.'),
  profile: z.enum(['strict', 'balanced', 'permissive']).optional().describe('Sets the default decision and which shipped packs load; `default:` still overrides.'),
  default: z.enum(['allow', 'ask', 'deny']).optional().describe('Decision when no rule matches a command.'),
  opaque: z.enum(['ask', 'deny']).optional().describe('Decision for parts nomos cannot analyse (never allow).'),
  rules: z.array(ruleSchema).default([]).describe('The rules, in order.'),
  include: z.array(z.string()).optional().describe('More rule files to load, relative to this file.'),
  disable: oneOrMany(z.string().min(1)).optional().describe('Rules of earlier layers to switch off, by id or id glob (`git.*`). Listed by `nomos rules list`.'),
});

export type RuleSpec = z.infer<typeof ruleSchema>;
export type ModifySpec = z.infer<typeof modifySchema>;
export type ToolCallExample = z.infer<typeof toolCallExampleSchema>;
export type RuleFileSpec = z.infer<typeof ruleFileSchema>;
