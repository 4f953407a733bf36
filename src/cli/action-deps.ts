import type { Request } from '../action/request.js';
import type { Action } from '../action/types.js';
import { createEscalator } from '../approval/escalate.js';
import { escalationOptions } from '../approval/options.js';
import { loadAuditSettings } from '../audit/settings.js';
import { auditLogPath, stateDir } from '../config/paths.js';
import type { RunOutcome, RunTarget } from '../execute/run.js';
import type { RunDeps } from '../pipeline.js';
import { resolveSessionId } from '../session/identity.js';
import { withSession } from '../session/store.js';
import type { CliEnv } from './context.js';
import { loadDecideDeps } from './decide-deps.js';
import type { PolicyFlags } from './options.js';

/** Flags of every command that acts (`exec`, `fs`, `http`). */
export interface ActionFlags extends PolicyFlags {
  prompt?: boolean;
  approvalTimeout?: string;
}

/** How the decided request is carried out: a runner for commands, a performer for file/HTTP actions. */
export interface Effectors {
  run?: (target: RunTarget) => Promise<RunOutcome>;
  perform?: (actions: Action[]) => Promise<RunOutcome>;
}

/**
 * The pipeline's dependencies for a command that acts: policy, parser, session store,
 * escalation and audit log, built one way for `exec`, `fs` and `http` alike, so budgets
 * and history count every kind of action. A front end with no runner can spawn nothing.
 */
export async function loadActionDeps(flags: ActionFlags, cli: CliEnv, effectors: Effectors, request?: Request): Promise<RunDeps> {
  const deps = await loadDecideDeps(flags, cli, request);
  const session = resolveSessionId(flags.session, cli.env);
  return {
    ...deps,
    session,
    auditLog: auditLogPath(cli.env),
    audit: loadAuditSettings(cli.env),
    sessionStore: (fn) => withSession({ root: stateDir(cli.env) }, session, fn),
    escalator: createEscalator(escalationOptions({ env: cli.env, cwd: cli.cwd, session, noPrompt: flags.prompt === false, timeout: flags.approvalTimeout, stderr: cli.stderr })),
    run: effectors.run ?? (() => Promise.reject(new Error('internal: this front end runs no commands'))),
    ...(effectors.perform ? { perform: effectors.perform } : {}),
  };
}

/** The byte streams of the process (or of a test). */
export function cliStreams(cli: CliEnv): NonNullable<CliEnv['streams']> {
  if (!cli.streams) throw new Error('internal: this command needs byte streams');
  return cli.streams;
}
