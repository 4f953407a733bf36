import type { Action } from '../action/types.js';
import { createEscalator } from '../approval/escalate.js';
import { auditLogPath, stateDir } from '../config/paths.js';
import type { RunOutcome } from '../execute/run.js';
import type { RunDeps } from '../pipeline.js';
import { resolveSessionId } from '../session/identity.js';
import { withSession } from '../session/store.js';
import { loadDecideDeps, type CliEnv } from './context.js';
import type { PolicyFlags } from './options.js';

/** Flags of the commands whose actions nomos performs itself (`fs`, `http`). */
export interface ActionFlags extends PolicyFlags {
  prompt?: boolean;
}

/**
 * The pipeline's dependencies for `nomos fs` and `nomos http`: the same policy, session,
 * escalation and audit log as `nomos exec`, with a performer instead of a runner, so
 * nothing can be spawned on this path.
 */
export async function loadActionDeps(flags: ActionFlags, cli: CliEnv, perform: (actions: Action[]) => Promise<RunOutcome>): Promise<RunDeps> {
  const deps = await loadDecideDeps(flags, cli);
  const session = resolveSessionId(flags.session, cli.env);
  return {
    ...deps,
    session,
    auditLog: auditLogPath(cli.env),
    // The same session as `nomos exec`: budgets and history count file and HTTP actions too.
    sessionStore: (fn) => withSession({ root: stateDir(cli.env) }, session, fn),
    escalator: createEscalator({ prompt: flags.prompt !== false && cli.env.CI !== 'true', timeoutMs: 120_000 }),
    run: () => Promise.reject(new Error('internal: fs/http requests run no commands')),
    perform,
  };
}

/** The byte streams of the process (or of a test). */
export function cliStreams(cli: CliEnv): NonNullable<CliEnv['streams']> {
  if (!cli.streams) throw new Error('internal: this command needs byte streams');
  return cli.streams;
}
