import { z } from 'zod';
import { matchSchema, oneOrMany } from './schema-match.js';

export { matchSchema, type MatchSpec, type BaseMatchSpec, type PathsSpec } from './schema-match.js';

const decision = z.enum(['allow', 'modify', 'ask', 'deny']);
const words = z.array(z.string().min(1));

/** Declarative rewrites of the matched command; the result is evaluated again and a stricter decision wins. */
export const modifySchema = z.strictObject({
  /** Replace the program word (`rm` → `trash`). */
  program: z.string().min(1).optional(),
  /** Replace whole words: a flag or a subcommand (`{"--force": "--force-with-lease"}`). */
  replace: z.record(z.string().min(1), z.string().min(1)).optional(),
  /** Flags to add after the program and its subcommand words. */
  add_flags: words.optional(),
  /** Flags to remove (as written or normalized: `-f` also leaves `-rf` as `-r`). */
  remove_flags: words.optional(),
  /** Arguments to append. */
  add_args: words.optional(),
  /** Positional arguments to remove (exact words). */
  remove_args: words.optional(),
  /** Environment variables to set for the command. */
  set_env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).optional(),
  /** Environment variables to unset for the command. */
  unset_env: words.optional(),
  /** HTTP headers to add to a `curl` request (`{"X-Agent": "nomos"}`). */
  set_headers: z.record(z.string().min(1), z.string()).optional(),
  /** HTTP headers to remove from a `curl` request (case-insensitive names). */
  remove_headers: words.optional(),
});

/** Commands the rule must and must not match; checked when rules load and by `nomos lint`. */
export const examplesSchema = z.strictObject({
  /** Shell commands this rule matches. */
  match: z.array(z.string()).optional(),
  /** Shell commands this rule does not match. */
  no_match: z.array(z.string()).optional(),
});

/** One rule. */
export const ruleSchema = z.strictObject({
  /** Unique dotted id, e.g. `git.force-push`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$/, 'ids are lower-case words joined by dots, e.g. git.force-push'),
  /** What the rule is about, for people reading the policy. */
  description: z.string().optional(),
  /** What the rule applies to. */
  match: matchSchema,
  /** CEL condition, checked only when `match` holds: sees action, actor, now, env, session. */
  when: z.string().min(1).optional(),
  /** `allow < modify < ask < deny`: the strictest matching rule wins. */
  decision,
  /** Shown to the agent and the human when this rule decides. */
  message: z.string().optional(),
  /** The rewrite, for `decision: modify`. */
  modify: modifySchema.optional(),
  /** Values recorded into the session when the rule matches: numbers and strings as given, or `=` then a CEL expression. */
  record: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.number(), z.string(), z.boolean()])).optional(),
  /** Free labels; session filters can count by tag. */
  tags: z.array(z.string()).optional(),
  /** Commands the rule must and must not match. */
  examples: examplesSchema.optional(),
}).superRefine((rule, ctx) => {
  if (rule.decision === 'modify' && !rule.modify) ctx.addIssue({ code: 'custom', path: ['modify'], message: 'decision modify needs a modify: rewrite' });
  if (rule.decision !== 'modify' && rule.modify) ctx.addIssue({ code: 'custom', path: ['modify'], message: 'modify: only applies with decision: modify' });
});

/** A rule file (`--rules`, shipped packs, user and project config). */
export const ruleFileSchema = z.strictObject({
  /** Format version; always 1. */
  version: z.literal(1),
  /** Sets the default decision and which shipped packs load; `default:` still overrides. */
  profile: z.enum(['strict', 'balanced', 'permissive']).optional(),
  /** Decision when no rule matches a command. */
  default: z.enum(['allow', 'ask', 'deny']).optional(),
  /** Decision for parts nomos cannot analyse (never allow). */
  opaque: z.enum(['ask', 'deny']).optional(),
  /** The rules, in order. */
  rules: z.array(ruleSchema).default([]),
  /** More rule files to load, relative to this file. */
  include: z.array(z.string()).optional(),
  /** Rules of earlier layers to switch off, by id or id glob (`git.*`). Listed by `nomos rules list`. */
  disable: oneOrMany(z.string().min(1)).optional(),
});

export type RuleSpec = z.infer<typeof ruleSchema>;
export type ModifySpec = z.infer<typeof modifySchema>;
export type RuleFileSpec = z.infer<typeof ruleFileSchema>;
