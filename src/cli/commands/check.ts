import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../../config/paths.js';
import { ExitCode } from '../../errors.js';
import { resolveSessionId } from '../../session/identity.js';
import { sessionDir, withSession } from '../../session/store.js';
import { decide } from '../../pipeline.js';
import { listSessionView } from '../../policy/session-view.js';
import type { CliEnv } from '../context.js';
import { loadDecideDeps } from '../decide-deps.js';
import { evaluationJson } from '../format.js';
import { toRequest, type PolicyFlags } from '../options.js';

export interface CheckOptions extends PolicyFlags {
  json?: boolean;
}

const EXIT_BY_DECISION = { allow: ExitCode.ok, modify: ExitCode.ok, ask: ExitCode.wouldAsk, deny: ExitCode.denied };

/** `nomos check`: the decision for a command, without running it. Returns the exit code. */
export async function runCheck(words: string[], options: CheckOptions, cli: CliEnv): Promise<number> {
  const request = toRequest(words);
  const deps = await loadDecideDeps(options, cli, request);
  // Rules with conditions see the session's history (opened under its lock); without
  // any, only its id matters, and check (which records nothing) leaves the session alone.
  const session = resolveSessionId(options.session, cli.env);
  const history = deps.policy.rules.some((r) => r.when) && existsSync(join(sessionDir(stateDir(cli.env), session), 'meta.json'));
  const evaluation = history ? withSession({ root: stateDir(cli.env) }, session, (s) => decide(request, deps, s.view)) : decide(request, deps, listSessionView(session, []));
  if (options.json) cli.stdout(`${JSON.stringify(evaluationJson(evaluation))}\n`);
  else cli.stdout(`${evaluation.decision}: ${evaluation.reason}\n`);
  return EXIT_BY_DECISION[evaluation.decision];
}
