import { stateDir } from '../../config/paths.js';
import { ExitCode } from '../../errors.js';
import { resolveSessionId } from '../../session/identity.js';
import { visible } from '../../visible.js';
import type { CliEnv } from '../context.js';
import { decideInSession, loadDecideDeps } from '../decide-deps.js';
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
  const evaluation = decideInSession(request, deps, stateDir(cli.env), resolveSessionId(options.session, cli.env));
  if (options.json) cli.stdout(`${JSON.stringify(evaluationJson(evaluation))}\n`);
  else cli.stdout(`${visible(`${evaluation.decision}: ${evaluation.reason}`)}\n`);
  return EXIT_BY_DECISION[evaluation.decision];
}
