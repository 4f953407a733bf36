/** One simple command that would run: a program with its arguments. */
export interface ExecAction {
  kind: 'exec';
  /** The program's name, reduced from any path (`/bin/rm` → `rm`). */
  program: string;
  /** The program word as written when it had a directory part (`/bin/rm`, `./x`). */
  path?: string;
  /**
   * The PATH the program is looked up in, when the command changed it (`PATH=. ls`, an
   * earlier `export PATH=…`): the file that runs may be another than its name says.
   */
  searchPath?: string;
  /** The full argument vector, argv[0] being the program word as bash would pass it. */
  argv: string[];
  /** Normalized flags: `-rf` → `-r`, `-f`; `--force=true` → `--force`. */
  flags: string[];
  /** The positional (non-flag) arguments after the program. */
  args: string[];
  /** Assignments in front of the command (`FOO=1 cmd`), and those set by `env`. */
  env: Record<string, string>;
  /** Names in `env` whose value is not known statically (`X=$(cmd) prog`). */
  dynamicEnv?: string[];
  /** Working directory the command would run in, when known. */
  cwd?: string;
  /** Provenance: the wrappers this command runs inside, outermost first (`bash -c`, `sudo`). */
  via: string[];
  /** Indices into argv of words whose value is not known statically (expansions). */
  dynamic?: number[];
  /** Those of `dynamic` that are only globs (`*.o`): bash makes them matching names, or leaves them as written. */
  globs?: number[];
  /** Those of `dynamic` that are process substitutions (`diff <(a) <(b)`): pipes to commands analysed on their own, not files. */
  pipes?: number[];
  /** The shell variables expanded into its words, resolved or not (`echo "$API_KEY"` → API_KEY). */
  expands?: string[];
}

/** The file operations nomos distinguishes. */
/**
 * What is done to a file. `arg`: the file is named among the arguments of a program nomos
 * does not model, which may read, write or run it (`patch ~/.config/nomos/config.yaml p.diff`).
 */
export type FileOp = 'read' | 'write' | 'append' | 'delete' | 'list' | 'move' | 'copy' | 'chmod' | 'arg';

/** A file touched by a redirection or a known program. */
export interface FileAction {
  kind: 'file';
  op: FileOp;
  /** Absolute, normalized path (no `.`/`..`, `~` expanded). */
  path: string;
  /** Destination of a move or copy. */
  target?: string;
  /**
   * The path as written, made absolute but with its `..` kept, when it has one: the kernel
   * applies `..` to where a symlink before it leads (`link/../x`), so real paths start from this.
   */
  written?: string;
  via: string[];
  /** True when the path comes from an expansion nomos could not resolve. */
  dynamic?: boolean;
  /**
   * The path is a glob (`src/*.ts`, dynamic only through pathname expansion): a front end
   * that can list directories (AnalysisContext.expandGlob) replaces it with the paths it matches.
   */
  glob?: boolean;
  /**
   * A glob of paths that xargs splits at blanks and unquotes (`find … | xargs cmd`), or bash splits
   * as fields and expands as globs (`cat $(find …)`), or `read` without -r unescapes before bash splits
   * it (`… | while read f; do cat $f; done`): where a path it matches holds a character one would act on
   * (src/action/shell/piped.ts SPLITS), it stays any file.
   */
  split?: 'xargs' | 'fields' | 'read';
  /** Globs whose names such a glob's paths are (`ls docs | xargs cat` reads docs's names here): the names checked are theirs (globs.ts). */
  names?: string[];
  /** Such paths printed without the path they are under (`grep -rl x | xargs cmd`): one starting with `-` is an option to cmd, so any file. */
  bare?: boolean;
  /**
   * Such a recursive op's names may also be entries of the git index the work tree lacks (`git ls-files | xargs cat`):
   * the front end checks those too where they are split (src/action/trees.ts).
   */
  index?: boolean;
  /** The op reaches everything below the path (`grep -r`, `rg`, `diff -r`): rules for paths under it apply. */
  recursive?: boolean;
  /** A recursive op that skips hidden files and directories below the path (`rg` without `--hidden`). */
  skipsHidden?: boolean;
  /**
   * A file a recursive op reaches, found by listing the directory it names (the value) when
   * deciding: `grep -r KEY .` reads `./config/.env` (src/action/trees.ts).
   */
  below?: string;
  /**
   * A recursive op whose directory was listed only in part (the decision's budget ran out, or a
   * directory below was unreadable): rules that may match anywhere met only the files listed.
   */
  listedInPart?: boolean;
  /**
   * Written with a trailing slash (`rm -rf link/`): the kernel resolves a final symlink then,
   * so even a delete or move acts on where the link leads (GNU rm empties the target).
   */
  slash?: boolean;
  /** A recursive delete that follows links below its directory (`find -L dir -delete` deletes where they lead; `git ls-files | xargs rm`, whose names pass through them). */
  followsLinks?: boolean;
  /**
   * The command makes a symbolic link at the path, leading here (`ln -s ~/.ssh x`): what it does
   * at or below the path it does there (src/action/made-links.ts).
   */
  linksTo?: string;
}

/** An HTTP request found in a command (`curl`, `wget`) or asked for directly. */
export interface HttpAction {
  kind: 'http';
  method: string;
  url: string;
  scheme: string;
  host: string;
  port: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  via: string[];
}

/**
 * A call of a named tool an agent reaches outside nomos: an MCP server's tool
 * (`mcp__github__create_issue`), or a framework tool guarded by the library API.
 * `mcp:` rules match it (no match: the default decides); a well-known tool's call
 * comes with the file and HTTP actions it is (src/action/mcp-tools.ts).
 */
export interface McpAction {
  kind: 'mcp';
  /** The tool provider: the MCP server's name, or `ai-sdk` / `langchain`. */
  server: string;
  tool: string;
  /** The tool's arguments as the agent sent them. */
  input?: unknown;
  via: string[];
}

export type Action = ExecAction | FileAction | HttpAction | McpAction;

/** A part of a request that cannot be known statically; never allowed by default. */
export interface Opaque {
  reason: string;
  /** The source text of the part. */
  text: string;
  /** [start, end) offsets into the analysed string. */
  span: [number, number];
  via: string[];
}

/** What a request turns into. */
export interface Analysis {
  actions: Action[];
  opaque: Opaque[];
}

/** Facts from the environment that analysis may use; passed in so analysis stays pure. */
export interface AnalysisContext {
  cwd: string;
  home: string;
  /** Variables safe to resolve (HOME, USER, PWD …). Anything else is dynamic. */
  env: Record<string, string>;
  /** The command may set HOME before a `~` is expanded (analysis sets this, see shell/shadow.ts): `~` is not known. */
  homeUnknown?: boolean;
  /**
   * Whether the environment exports a bash function of this name (`BASH_FUNC_ls%%=() { … }`):
   * bash runs it instead of the program or builtin of that name, code nomos cannot see.
   */
  bashFunction?: (name: string) => boolean;
  /**
   * The environment's PATH, when it has an entry that is not absolute (`.`, an empty one, `bin`): bash looks programs up
   * in a directory relative to where the command runs, so any program may be a file the agent wrote (`./make`).
   */
  searchPath?: string;
  /** The environment sets BASH_ENV: bash runs that file's code before the command. */
  bashEnv?: boolean;
  /** Why the environment makes bash run code nomos cannot see (SHELLOPTS, BASHOPTS, a PS4 with a command substitution). */
  shellCode?: string;
  /**
   * The command defines a function named as a program whose printed paths nomos places (`find() { …; }`,
   * see shell/piped.ts): analysis sets this and runs again, placing nothing.
   */
  unplaced?: boolean;
  /**
   * Where a path really leads now (symlinks followed; the final one only when
   * `followFinal`), or undefined when the lookup fails. Given by a front end that can
   * look at the filesystem; analysis itself never does.
   */
  realPath?: (path: string, followFinal: boolean) => string | undefined;
  /** Whether the regular file a path leads to has other names (hard links). Given by a front end, like realPath. */
  hardLinked?: (path: string) => boolean;
  /**
   * The existing paths an absolute glob matches now (at least those bash would make of it),
   * or undefined when that cannot be told (too many, unreadable). Given by a front end, like realPath.
   */
  expandGlob?: (pattern: string) => string[] | undefined;
  /**
   * What lies below a directory now, for a recursive op on it (src/action/trees.ts), or undefined
   * when that cannot be told (a relative path). Given by a front end, like expandGlob.
   */
  listTree?: (dir: string) => TreeListing | undefined;
  /**
   * The entries of the git index of the repository holding a directory, relative to its top ([] where
   * none holds it), or undefined when they cannot be read. Given by a front end, like listTree.
   */
  gitIndex?: (dir: string) => string[] | undefined;
}

/** The files, directories and links below a directory, breadth first (AnalysisContext.listTree). */
export interface TreeListing {
  /** Every path below it that was read, hidden ones too; links are listed, not descended. */
  paths: string[];
  /** The links among them and where each leads (nothing: it leads nowhere), with whether that is a directory. */
  links: { path: string; real?: string; directory?: boolean }[];
  /** False when not all of it was read: the budget ran out, or a directory was unreadable. */
  complete: boolean;
  /** The directory named is itself a symbolic link: what is listed lies where it leads. */
  link?: boolean;
}
