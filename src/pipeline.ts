import { randomUUID } from 'node:crypto';
import { analyzeRequest, requestText, type Request } from './action/request.js';
import type { AnalysisContext } from './action/types.js';
import type { Approval, Escalator } from './approval/escalate.js';
import { appendAuditEvent } from './audit/log.js';
import type { RunOutcome, RunTarget } from './execute/run.js';
import type { Decision } from './policy/decision.js';
import { evaluate, type Evaluation } from './policy/evaluate.js';
import type { Policy } from './policy/policy.js';
import type { ShellParser } from './action/shell/parser.js';

/** Everything a decision needs, passed in by the front end. */
export interface DecideDeps {
  policy: Policy;
  parser: ShellParser;
  ctx: AnalysisContext;
}

/** Effects of running: escalation, the runner, the audit log. */
export interface RunDeps extends DecideDeps {
  escalator: Escalator;
  run: (target: RunTarget) => Promise<RunOutcome>;
  auditLog: string;
  session: string;
  now?: () => Date;
}

/** The final word on a request, after any human was asked. */
export interface Verdict {
  id: string;
  decision: Decision;
  evaluation: Evaluation;
  approval?: Approval;
}

/** parse → evaluate: what nomos would decide, without running or recording anything. */
export function decide(request: Request, deps: DecideDeps): Evaluation {
  const analysis = analyzeRequest(request, deps.parser.parse, deps.ctx);
  return evaluate(deps.policy, analysis);
}

/** parse → evaluate → escalate → record: the decision as it stands after a human was asked. */
export async function settle(request: Request, deps: RunDeps): Promise<Verdict> {
  const evaluation = decide(request, deps);
  let decision = evaluation.decision;
  let approval: Approval | undefined;
  if (decision === 'ask') {
    approval = await deps.escalator.ask(evaluation, requestText(request));
    decision = approval.approved ? 'allow' : 'deny';
  }
  const id = randomUUID();
  appendAuditEvent(deps.auditLog, {
    id, type: 'decision', time: (deps.now?.() ?? new Date()).toISOString(), session: deps.session, cwd: deps.ctx.cwd,
    request: requestText(request), decision, evaluated: evaluation.decision, reason: evaluation.reason,
    rules: evaluation.rules, actions: evaluation.actions, opaque: evaluation.opaque, approval,
  });
  return { id, decision, evaluation, ...(approval ? { approval } : {}) };
}

/** The whole pipeline: settle, then run what was allowed and record how it ended. */
export async function execute(request: Request, deps: RunDeps): Promise<{ verdict: Verdict; outcome?: RunOutcome }> {
  const verdict = await settle(request, deps);
  if (verdict.decision === 'deny') return { verdict };
  const target: RunTarget = request.kind === 'shell' ? { kind: 'shell', command: request.command } : { kind: 'argv', argv: request.argv };
  let outcome: RunOutcome | undefined;
  let error: unknown;
  try {
    outcome = await deps.run(target);
    return { verdict, outcome };
  } catch (e) {
    error = e;
    throw e;
  } finally {
    appendAuditEvent(deps.auditLog, {
      id: randomUUID(), type: 'outcome', decision_id: verdict.id, time: (deps.now?.() ?? new Date()).toISOString(), session: deps.session,
      ...(outcome ? { exit_code: outcome.exitCode, signal: outcome.signal, duration_ms: outcome.durationMs, timed_out: outcome.timedOut } : {}),
      ...(error ? { error: (error as Error).message } : {}),
    });
  }
}
