import { extname, join } from 'node:path';
import { stateDir, userConfigDir } from '../config/paths.js';
import { findProjectConfig } from '../config/search.js';
import { parseDuration } from '../cli/options.js';
import type { EscalationOptions } from './escalate.js';
import { os } from '../builtins.js';

/** `approval.timeout` when nothing else is set. */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 120_000;

/** What a front end knows when it builds an escalator. */
export interface EscalationInput {
  env: NodeJS.ProcessEnv;
  cwd: string;
  session: string;
  /** `--no-prompt` given. */
  noPrompt?: boolean;
  /** `--approval-timeout`, else `$NOMOS_APPROVAL_TIMEOUT`, else 120 s. */
  timeout?: string | undefined;
  stderr: (text: string) => void;
}

/** True when `CI` (or `CONTINUOUS_INTEGRATION`) is set to anything but `0`/`false`, as CI services and ink read it. */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION'].some((k) => env[k] !== undefined && env[k] !== '0' && env[k] !== 'false');
}

/** The one place escalation settings get their defaults. */
export function escalationOptions(input: EscalationInput): EscalationOptions {
  const ci = inCi(input.env);
  const timeout = input.timeout ?? input.env.NOMOS_APPROVAL_TIMEOUT;
  // The user database is read (and node:os loaded) only when a human is asked.
  let user: string | undefined;
  const username = () => (user ??= os().userInfo().username);
  return {
    prompt: !input.noPrompt && !ci,
    ...(input.noPrompt ? { noPromptBecause: '--no-prompt' } : ci ? { noPromptBecause: 'CI' } : {}),
    timeoutMs: timeout ? parseDuration(timeout) : DEFAULT_APPROVAL_TIMEOUT_MS,
    session: input.session,
    get actor() {
      return input.env.NOMOS_ACTOR || username();
    },
    get approver() {
      return username();
    },
    cwd: input.cwd,
    stateDir: stateDir(input.env),
    configDir: userConfigDir(input.env),
    projectRuleFile: () => projectRuleFile(input.cwd),
    stderr: input.stderr,
  };
}

/** The project's YAML config (found as nomos finds it), else `.nomosrc.yaml` in cwd; JSON configs are not rewritten. */
export async function projectRuleFile(cwd: string): Promise<string | undefined> {
  const found = await findProjectConfig(cwd);
  if (!found) return join(cwd, '.nomosrc.yaml');
  const ext = extname(found.file);
  return ext === '.json' || found.file.includes('package.json') ? undefined : found.file;
}
