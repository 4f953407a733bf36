import { z } from 'zod';

/** One value or a list of them; a list means any of. */
export const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]);
const globs = oneOrMany(z.string().min(1));
const fileOp = z.enum(['read', 'write', 'append', 'delete', 'list', 'move', 'copy', 'chmod', 'arg']);

/** Paths by place: `under` a directory (itself included), `outside` all of some, or a glob. `~` and `${workspace}` expand. */
export const pathsMatch = z.strictObject({
  under: globs.optional().describe('Any path is this directory or below it.'),
  outside: globs.optional().describe('Any path is outside every one of these directories.'),
  glob: globs.optional().describe('Any path matches one of these globs.'),
});

/** Conditions on a file action. */
const fileMatch = z.strictObject({
  op: oneOrMany(fileOp).optional().describe('Any of these operations.'),
  path: globs.optional().describe('The absolute path (or a move/copy\'s target) matches one of these globs.'),
  paths: pathsMatch.optional().describe('The path by place (`under`, `outside`).'),
});

/** Conditions on an HTTP action. */
const httpMatch = z.strictObject({
  method: globs.optional().describe('Any of these methods (case-insensitive).'),
  host: globs.optional().describe('Host globs; `host:port` to match a port too.'),
  path: globs.optional().describe('URL path globs.'),
  scheme: globs.optional().describe('`http`, `https`.'),
});

/** Conditions on an MCP tool call: the server and tool as the agent names them (`mcp__<server>__<tool>`). */
const mcpMatch = z.strictObject({
  server: globs.optional().describe('Server name globs, as the agent names the server (the key in its MCP config).'),
  tool: globs.optional().describe('Tool name globs (`create_issue`, `delete_*`).'),
});

/** Every key given must hold; a list inside a key means any of. */
const baseShape = {
  command: globs.optional().describe('Program and leading subcommand words (`git push`); the program\'s global options are skipped. A program run by a path outside the system directories, or through a changed PATH, is only maybe its name (deny and ask apply, allow does not); a first word with a `/` names a path as written (`./gradlew build`).'),
  argv: z.array(z.string()).optional().describe('Per-position globs over argv after the program: `["push", "*", "main"]`; `**` as the last entry matches any rest.'),
  flags: oneOrMany(z.string().regex(/^-/, 'a flag starts with -')).optional().describe('Any of these flags, after normalization (`-rf` has `-r` and `-f`), or a word as written (`find -delete`).'),
  args: globs.optional().describe('Any positional argument matches one of these globs, or a regex written `re:…`.'),
  expands: globs.optional().describe('A shell variable expanded into the command\'s words (`echo "$API_KEY"`: API_KEY) is named by one of these globs, or a regex written `re:…`.'),
  paths: pathsMatch.optional().describe('Any positional argument, as a path resolved from the command\'s cwd, is placed so.'),
  file: fileMatch.optional().describe('File actions (redirections, `rm`, `cp`, `cat` …).'),
  http: httpMatch.optional().describe('HTTP actions (`curl`, `wget`).'),
  mcp: mcpMatch.optional().describe('MCP tool calls (`mcp__github__create_issue`); `when:` sees the arguments as `action.input`.'),
  via: globs.optional().describe('Only inside one of these wrappers (`sudo`, `bash -c`).'),
  actor: globs.optional().describe('The actor (agent name, `NOMOS_ACTOR`) matches one of these globs.'),
  session: globs.optional().describe('The session id matches one of these globs.'),
  cwd: globs.optional().describe('The working directory is under one of these directories.'),
};

const baseMatch = z.strictObject(baseShape);

/** What a rule applies to. `not` holds when its conditions do not all hold. */
export const matchSchema = z.strictObject({ ...baseShape, not: baseMatch.optional().describe('Holds when its conditions do not all hold (the same keys as match).') });

export type MatchSpec = z.infer<typeof matchSchema>;
export type BaseMatchSpec = z.infer<typeof baseMatch>;
export type PathsSpec = z.infer<typeof pathsMatch>;
