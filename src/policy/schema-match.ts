import { z } from 'zod';

/** One value or a list of them; a list means any of. */
export const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]);
const globs = oneOrMany(z.string().min(1));
const fileOp = z.enum(['read', 'write', 'append', 'delete', 'list', 'move', 'copy', 'chmod']);

/** Paths by place: `under` a directory (itself included), `outside` all of some, or a glob. `~` and `${workspace}` expand. */
export const pathsMatch = z.strictObject({
  /** Any path is this directory or below it. */
  under: globs.optional(),
  /** Any path is outside every one of these directories. */
  outside: globs.optional(),
  /** Any path matches one of these globs. */
  glob: globs.optional(),
});

/** Conditions on a file action. */
const fileMatch = z.strictObject({
  /** Any of these operations. */
  op: oneOrMany(fileOp).optional(),
  /** The absolute path (or a move/copy's target) matches one of these globs. */
  path: globs.optional(),
  /** The path by place (`under`, `outside`). */
  paths: pathsMatch.optional(),
});

/** Conditions on an HTTP action. */
const httpMatch = z.strictObject({
  /** Any of these methods (case-insensitive). */
  method: globs.optional(),
  /** Host globs; `host:port` to match a port too. */
  host: globs.optional(),
  /** URL path globs. */
  path: globs.optional(),
  /** `http`, `https`. */
  scheme: globs.optional(),
});

/** Every key given must hold; a list inside a key means any of. */
const baseShape = {
  /** Program and leading subcommand words (`git push`); the program's global options are skipped. */
  command: globs.optional(),
  /** Per-position globs over argv after the program: `["push", "*", "main"]`; `**` as the last entry matches any rest. */
  argv: z.array(z.string()).optional(),
  /** Any of these flags, after normalization (`-rf` has `-r` and `-f`), or a word as written (`find -delete`). */
  flags: oneOrMany(z.string().regex(/^-/, 'a flag starts with -')).optional(),
  /** Any positional argument matches one of these globs, or a regex written `re:…`. */
  args: globs.optional(),
  /** Any positional argument, as a path resolved from the command's cwd, is placed so. */
  paths: pathsMatch.optional(),
  /** File actions (redirections, `rm`, `cp`, `cat` …). */
  file: fileMatch.optional(),
  /** HTTP actions (`curl`, `wget`). */
  http: httpMatch.optional(),
  /** Only inside one of these wrappers (`sudo`, `bash -c`). */
  via: globs.optional(),
  /** The actor (agent name, `NOMOS_ACTOR`) matches one of these globs. */
  actor: globs.optional(),
  /** The session id matches one of these globs. */
  session: globs.optional(),
  /** The working directory is under one of these directories. */
  cwd: globs.optional(),
};

const baseMatch = z.strictObject(baseShape);

/** What a rule applies to. `not` holds when its conditions do not all hold. */
export const matchSchema = z.strictObject({ ...baseShape, not: baseMatch.optional() });

export type MatchSpec = z.infer<typeof matchSchema>;
export type BaseMatchSpec = z.infer<typeof baseMatch>;
export type PathsSpec = z.infer<typeof pathsMatch>;
