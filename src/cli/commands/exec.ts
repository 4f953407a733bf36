import { stateDir } from '../../config/paths.js';
import { ExitCode } from '../../errors.js';
import { runCommand } from '../../execute/run.js';
import { execute } from '../../pipeline.js';
import { collectExpiredSessions } from '../../session/gc.js';
import { resolveSessionId } from '../../session/identity.js';
import { loadActionDeps, type ActionFlags } from '../action-deps.js';
import type { RemoteExec } from '../../daemon/remote-exec.js';
import type { CliEnv } from '../context.js';
import { formatDenial } from '../format.js';
import { parseDuration, toRequest } from '../options.js';

export interface ExecOptions extends ActionFlags {
  timeout?: string;
}

/**
 * `nomos exec`: decide, ask if needed, record, then run. Returns the exit code. `remote`:
 * the daemon decides, and the command runs in its client (src/daemon/remote-exec.ts).
 */
export async function runExec(words: string[], options: ExecOptions, cli: CliEnv, remote?: RemoteExec): Promise<number> {
  const request = toRequest(words);
  const timeoutMs = options.timeout !== undefined ? parseDuration(options.timeout) : undefined;
  const session = resolveSessionId(options.session, cli.env);
  const childEnv = { ...cli.env, NOMOS_SESSION: session, NOMOS_ACTIVE: '1' };
  const run = remote?.run ?? runCommand;
  const deps = await loadActionDeps(options, cli, {
    run: (target) => run(target, { cwd: cli.cwd, env: childEnv, ...(timeoutMs ? { timeoutMs } : {}) }),
  }, request);
  if (remote) deps.escalator = remote.escalator;
  const { verdict, outcome } = await execute(request, deps);
  collectExpiredSessions(stateDir(cli.env));
  if (!outcome) {
    cli.stderr(`${formatDenial(verdict.evaluation, verdict.approval?.reason)}\n`);
    return ExitCode.denied;
  }
  if (outcome.timedOut) cli.stderr(`nomos: command timed out after ${options.timeout} and was killed\n`);
  else if (outcome.signal) cli.stderr(`nomos: command was killed by ${outcome.signal}\n`);
  return outcome.exitCode;
}
