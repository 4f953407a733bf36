import { statSync } from 'node:fs';
import type { AnalysisContext } from '../action/types.js';
import { expandGlob, GLOB_BUDGET, type GlobBudget } from '../execute/fs/glob.js';
import { listTree, TREE_BUDGET, type TreeBudget } from '../execute/fs/list-tree.js';
import { readGitIndex } from '../execute/fs/git-index.js';
import { resolveRealPath } from '../execute/fs/resolve.js';
import { homeDir } from '../builtins.js';

/** Variables analysis may resolve: their values are the user's own and stable for a call (CDPATH: where `cd name` may go). */
const SAFE_VARIABLES = ['HOME', 'USER', 'LOGNAME', 'PWD', 'TMPDIR', 'SHELL', 'CDPATH'];

/** Variables that make git use a repository or index other than the one holding the cwd. */
const GIT_PLACES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR'];

/** The analysis context from the real process environment. */
export function analysisContext(cwd: string, env: NodeJS.ProcessEnv = process.env): AnalysisContext {
  const home = env.HOME || homeDir();
  const safe: Record<string, string> = { HOME: home, PWD: cwd };
  for (const name of SAFE_VARIABLES) if (env[name] !== undefined && !(name in safe)) safe[name] = env[name]!;
  // Symlinks are followed as the command's own lookups will (src/action/real-paths.ts).
  const realPath = (path: string, followsFinal: boolean) => {
    try {
      return resolveRealPath(path, { cwd, home, followsFinal, missingParents: true });
    } catch {
      return undefined;
    }
  };
  const hardLinked = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && stat.nlink > 1;
  };
  // One budget for every glob of this decision: a command of thousands of globs is not decided slower than the agent waits.
  const budget: GlobBudget = { left: GLOB_BUDGET };
  // And one for the trees its recursive ops reach (`grep -r x .`), past which they are listed in part.
  const trees: TreeBudget = { left: TREE_BUDGET };
  // What bash takes from the environment besides variables: functions that replace programs, BASH_ENV's code, options.
  const code = shellCode(env);
  return {
    cwd, home, env: safe, realPath, expandGlob: (pattern: string) => expandGlob(pattern, budget), listTree: (dir: string) => listTree(dir, trees), hardLinked,
    // With GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE or GIT_COMMON_DIR set, git reads another repository or index than the one found here.
    gitIndex: (dir: string) => (GIT_PLACES.some((name) => env[name] !== undefined) ? undefined : readGitIndex(dir)),
    // One lookup per program named (listing process.env's names cost every decision of `nomos serve` 50 µs).
    bashFunction: (name: string) => env[`BASH_FUNC_${name}%%`] !== undefined, ...(env.BASH_ENV ? { bashEnv: true } : {}),
    ...(code ? { shellCode: code } : {}),
    // `.`, an empty entry or a relative directory in PATH: a program of any name may be a file the agent put there.
    ...(env.PATH !== undefined && env.PATH.split(':').some((dir) => !dir.startsWith('/')) ? { searchPath: env.PATH } : {}),
  };
}

/** Expansions bash runs in a prompt it prints (`$(…)`, backticks, `$[…]`, `${x@P}`). */
const PROMPT_CODE = /\$\(|`|\$\[|@P\}/;

/**
 * What else in the environment makes bash run code or read the command otherwise: SHELLOPTS and BASHOPTS set
 * its options when it starts (xtrace prints PS4 before each command, expanding it: PS4='$(cmd)' runs cmd;
 * cdable_vars sends `cd name` to a variable's value; extglob changes what a word matches), and a PS4 holding
 * a command substitution runs it wherever the command traces (`set -x`, `bash -x`).
 */
function shellCode(env: NodeJS.ProcessEnv): string | undefined {
  if (env.SHELLOPTS || env.BASHOPTS) return `${env.SHELLOPTS ? 'SHELLOPTS' : 'BASHOPTS'} is set: bash takes options from it that change what runs (xtrace runs PS4's code, cdable_vars moves cd)`;
  if (env.PS4 && PROMPT_CODE.test(env.PS4)) return 'PS4 holds a command substitution: bash runs it before each command it traces';
  return undefined;
}
