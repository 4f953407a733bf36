import { homedir } from 'node:os';
import type { AnalysisContext } from '../action/types.js';

/** Variables analysis may resolve: their values are the user's own and stable for a call (CDPATH: where `cd name` may go). */
const SAFE_VARIABLES = ['HOME', 'USER', 'LOGNAME', 'PWD', 'TMPDIR', 'SHELL', 'CDPATH'];

/** The analysis context from the real process environment. */
export function analysisContext(cwd: string, env: NodeJS.ProcessEnv = process.env): AnalysisContext {
  const home = env.HOME || homedir();
  const safe: Record<string, string> = { HOME: home, PWD: cwd };
  for (const name of SAFE_VARIABLES) if (env[name] !== undefined && !(name in safe)) safe[name] = env[name]!;
  return { cwd, home, env: safe };
}
