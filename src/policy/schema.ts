import { z } from 'zod';

const decision = z.enum(['allow', 'ask', 'deny']);
const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]);
const fileOp = z.enum(['read', 'write', 'append', 'delete', 'list', 'move', 'copy', 'chmod']);

/** Conditions on an exec action. Every key given must hold; a list inside a key means any of. */
const execMatch = {
  /** Program and leading subcommand words: `git push`, `rm`. */
  command: oneOrMany(z.string().min(1)).optional(),
  /** Any of these flags (after normalization: `-rf` has `-r` and `-f`). */
  flags: oneOrMany(z.string().regex(/^-/, 'a flag starts with -')).optional(),
  /** Any positional argument matches one of these globs. */
  args: oneOrMany(z.string()).optional(),
};

/** Conditions on a file action. */
const fileMatch = z.strictObject({
  /** Any of these operations. */
  op: oneOrMany(fileOp).optional(),
  /** The absolute path matches one of these globs (`~` and `${workspace}` expand). */
  path: oneOrMany(z.string()).optional(),
});

/** Conditions on an HTTP action. */
const httpMatch = z.strictObject({
  method: oneOrMany(z.string()).optional(),
  /** Host globs; `host:port` to match a port too. */
  host: oneOrMany(z.string()).optional(),
  path: oneOrMany(z.string()).optional(),
  scheme: oneOrMany(z.string()).optional(),
});

const baseMatch = z.strictObject({
  ...execMatch,
  file: fileMatch.optional(),
  http: httpMatch.optional(),
  /** Only when the action runs inside one of these wrappers (`sudo`, `bash -c`). */
  via: oneOrMany(z.string()).optional(),
});

/** What a rule applies to. `not` holds when its conditions do not. */
export const matchSchema = baseMatch.extend({ not: baseMatch.optional() });

/** One rule. */
export const ruleSchema = z.strictObject({
  /** Unique dotted id, e.g. `git.force-push`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$/, 'ids are lower-case words joined by dots, e.g. git.force-push'),
  description: z.string().optional(),
  match: matchSchema,
  decision,
  /** Shown to the agent and the human when this rule decides. */
  message: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** Commands the rule must and must not match; checked when rules load. */
  examples: z.strictObject({ match: z.array(z.string()).optional(), no_match: z.array(z.string()).optional() }).optional(),
});

/** A rule file (`--rules`, shipped packs) or the rules part of a config file. */
export const ruleFileSchema = z.strictObject({
  version: z.literal(1),
  /** Decision when no rule matches a command. */
  default: decision.optional(),
  /** Decision for parts nomos cannot analyse (never allow). */
  opaque: z.enum(['ask', 'deny']).optional(),
  rules: z.array(ruleSchema).default([]),
  /** More rule files to load, relative to this file. */
  include: z.array(z.string()).optional(),
  /** Rules of earlier layers to switch off, by id or id glob (`git.*`). Listed by `nomos rules list`. */
  disable: z.array(z.string()).optional(),
});

export type RuleSpec = z.infer<typeof ruleSchema>;
export type MatchSpec = z.infer<typeof matchSchema>;
export type RuleFileSpec = z.infer<typeof ruleFileSchema>;
