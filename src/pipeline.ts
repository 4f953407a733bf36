import { randomUuid } from './random.js';
import { withoutBody } from './action/http-request.js';
import { analyzeRequest, requestText, type Request } from './action/request.js';
import { withTreeFiles, withUnlistedNames } from './action/trees.js';
import type { Action, Analysis, AnalysisContext } from './action/types.js';
import type { Approval, Escalator } from './approval/escalate.js';
import { recordDecision as recordAuditDecision, recordOutcome } from './audit/record.js';
import { loadAuditSettings, type AuditSettings } from './audit/settings.js';
import type { RunOutcome, RunTarget } from './execute/run.js';
import type { Decision } from './policy/decision.js';
import { evaluate, type Evaluation } from './policy/evaluate.js';
import type { Policy } from './policy/policy.js';
import { treeFilter } from './policy/tree-filter.js';
import { settleModify } from './policy/rewrite.js';
import type { SessionView } from './policy/session-view.js';
import type { ShellParser } from './action/shell/parser.js';
import type { OpenSession } from './session/store.js';
import { outcomeEvent, sessionEvents } from './session/record.js';

/** Everything a decision needs, passed in by the front end. */
export interface DecideDeps {
  policy: Policy;
  parser: ShellParser;
  ctx: AnalysisContext;
  /** Who is asking (`NOMOS_ACTOR`), for rules' `actor:` and conditions. */
  actor?: string;
  /** The request already analysed with this parser and ctx (the front end's fast-path probe): not analysed again. */
  analyzed?: { request: Request; analysis: Analysis };
}

/** The request's analysis (the one the deps carry for it, else made now), with the files its recursive ops reach. */
function analysisOf(request: Request, deps: DecideDeps, session: string | undefined): Analysis {
  return withTrees(deps.analyzed?.request === request ? deps.analyzed.analysis : analyzeRequest(request, deps.parser.parse, deps.ctx), deps, session);
}

/**
 * A recursive op (`grep -r KEY .`) also meets the rules for the files listed below its directory
 * now that a rule may name anywhere (`**` + `/.env`): the front end lists, the policy says which
 * files count (src/action/trees.ts). Only a request with a recursive op lists anything.
 */
function withTrees(analysis: Analysis, deps: DecideDeps, session: string | undefined): Analysis {
  const env = { actor: deps.actor ?? 'agent', session: session ?? 'none', cwd: deps.ctx.cwd };
  const actions = deps.ctx.listTree ? withTreeFiles(analysis.actions, deps.ctx.listTree, treeFilter(deps.policy, env), deps.ctx.gitIndex) : withUnlistedNames(analysis.actions);
  return actions === analysis.actions ? analysis : { ...analysis, actions };
}

/** Opens the caller's session under its lock (see src/session/store.ts `withSession`). */
export type SessionAccess = <T>(fn: (session: OpenSession) => T) => T;

/** Effects of running: escalation, the runner, the audit log, the session store. */
export interface RunDeps extends DecideDeps {
  escalator: Escalator;
  run: (target: RunTarget) => Promise<RunOutcome>;
  /** Performs decided file/HTTP actions (`actions` requests); given the actions as evaluated, so a rewrite is what runs. */
  perform?: (actions: Action[]) => Promise<RunOutcome>;
  auditLog: string;
  /** Key, rotation size and extra redaction patterns of the audit log (default: from the environment). */
  audit?: AuditSettings;
  session: string;
  /** Session state; without it, conditions see an empty history and nothing is recorded. */
  sessionStore?: SessionAccess;
  now?: () => Date;
}

/** The final word on a request, after any human was asked. */
export interface Verdict {
  id: string;
  decision: Decision;
  evaluation: Evaluation;
  approval?: Approval;
  /** The request decided: the original, or the command a human edited it into. */
  request?: Request;
}

/** How many times a human may edit one request before nomos stops re-asking. */
const MAX_EDITS = 5;

/** parse → evaluate: what nomos would decide, without running or recording anything. */
export function decide(request: Request, deps: DecideDeps, session?: SessionView): Evaluation {
  return evaluateRequest(request, analysisOf(request, deps, session?.id), deps, session);
}

/** evaluate, and for a modify decision: rewrite, evaluate the rewrite again, keep the stricter answer. */
function evaluateRequest(request: Request, analysis: Analysis, deps: DecideDeps, session?: SessionView): Evaluation {
  // Actions nomos performs itself are asked for directly: the default applies to each one.
  const options = { cwd: deps.ctx.cwd, env: deps.ctx.env, ...(deps.actor ? { actor: deps.actor } : {}), ...(session ? { session } : {}) };
  const evaluation = evaluate(deps.policy, analysis, { ...options, direct: isDirect(request) });
  const again = (argv: string[]) => withTrees(analyzeRequest({ kind: 'argv', argv }, deps.parser.parse, deps.ctx), deps, session?.id);
  return settleModify(deps.policy, evaluation, request, (argv) => evaluate(deps.policy, again(argv), options));
}

/**
 * parse → evaluate → escalate → record. Evaluate-and-record runs under the session lock,
 * so parallel calls see each other's effects. A human's answer is awaited outside the
 * lock, then the request is evaluated again: a budget spent meanwhile still denies.
 */
export async function settle(request: Request, deps: RunDeps, edits = 0): Promise<Verdict> {
  const analysis = analysisOf(request, deps, deps.session);
  const now = () => deps.now?.() ?? new Date();
  const transact = <T>(fn: (s: OpenSession | undefined) => T): T => (deps.sessionStore ? deps.sessionStore(fn) : fn(undefined));
  const decideAndRecord = (final: (e: Evaluation) => Decision | undefined) => transact((s) => {
    const evaluation = evaluateRequest(request, analysis, deps, s?.view);
    const decision = final(evaluation);
    if (decision && s) s.record(sessionEvents(evaluation, decision, tagsOf(deps.policy), now().toISOString()));
    return { evaluation, decision };
  });
  let { evaluation, decision } = decideAndRecord((e) => (e.decision === 'ask' ? undefined : e.decision));
  let approval: Approval | undefined;
  if (!decision) {
    approval = await deps.escalator.ask(evaluation, requestText(request));
    const { approved: granted, deferred } = approval;
    // Deferred: the agent asks its human itself; nomos records `ask` (a deny found meanwhile still wins).
    ({ evaluation, decision } = decideAndRecord((e) => (e.decision === 'deny' ? 'deny' : deferred ? e.decision : granted ? 'allow' : 'deny')));
  }
  const id = randomUuid();
  recordDecision(deps, request, id, decision!, evaluation, analysis, approval, now());
  // An edited command is a new request: evaluated (and, if it asks, asked) again from the start.
  if (approval?.edited && edits < MAX_EDITS) return settle({ kind: 'shell', command: approval.edited }, deps, edits + 1);
  return { id, decision: decision!, evaluation, request, ...(approval ? { approval } : {}) };
}

function tagsOf(policy: Policy): (id: string) => string[] {
  return (id) => policy.rules.find((r) => r.id === id)?.tags ?? [];
}

function recordDecision(deps: RunDeps, request: Request, id: string, decision: Decision, evaluation: Evaluation, analysis: Analysis, approval: Approval | undefined, time: Date): void {
  recordAuditDecision(deps.auditLog, {
    id, time: time.toISOString(), session: deps.session, cwd: deps.ctx.cwd,
    request: requestText(request), decision, evaluated: evaluation.decision, reason: evaluation.reason,
    rules: evaluation.rules, actions: analysis.actions.map(withoutBody), opaque: analysis.opaque, approval, policyFiles: deps.policy.sources,
    ...(deps.policy.digest ? { policyDigest: deps.policy.digest } : {}),
    ...(deps.policy.untrusted ? { policyUntrusted: deps.policy.untrusted.file } : {}),
    ...(evaluation.rewrite ? { rewrite: evaluation.rewrite.text } : {}),
  }, deps.audit ?? loadAuditSettings(process.env));
}

/**
 * The whole pipeline: settle, then carry out what was allowed and record how it ended.
 * Commands go to the runner; actions nomos performs itself (`fs`, `http`, an agent's tool
 * call) go to a performer, given the actions as evaluated so a rewrite is what happens.
 * A front end may pass `perform` to carry out any request itself (e.g. capture a shell
 * command's output for an MCP reply).
 */
export async function execute<O extends RunOutcome = RunOutcome>(
  request: Request, deps: RunDeps, perform?: (actions: Action[]) => Promise<O>,
): Promise<{ verdict: Verdict; outcome?: O }> {
  const verdict = await settle(request, deps);
  if (verdict.decision !== 'allow' && verdict.decision !== 'modify') return { verdict };
  // A human may have edited the request: carry out what was finally decided.
  // A modify decision runs exactly the rewritten argv that was evaluated again, nothing else.
  const rewrite = verdict.evaluation.rewrite;
  const decided: Request = rewrite ? { kind: 'argv', argv: rewrite.argv } : verdict.request ?? request;
  const performer = (perform ?? deps.perform) as ((actions: Action[]) => Promise<O>) | undefined;
  let outcome: O | undefined;
  let error: unknown;
  try {
    outcome = performer && (decided === request || decided.kind === 'actions')
      ? await performer(verdict.evaluation.actions)
      : ((await deps.run(toTarget(decided))) as O);
    return { verdict, outcome };
  } catch (e) {
    error = e;
    throw e;
  } finally {
    const time = (deps.now?.() ?? new Date()).toISOString();
    if (outcome && deps.sessionStore) deps.sessionStore((s) => s.record([outcomeEvent(outcome!.exitCode, time)]));
    recordOutcome(deps.auditLog, {
      id: randomUuid(), decision_id: verdict.id, time, session: deps.session,
      ...(outcome ? { exit_code: outcome.exitCode, signal: outcome.signal, duration_ms: outcome.durationMs, timed_out: outcome.timedOut, ...outcome.detail } : {}),
      ...(error ? { error: (error as Error).message } : {}),
    }, deps.audit ?? loadAuditSettings(process.env));
  }
}

/** A command to run; file/HTTP actions have no runner target (a performer carries them out). */
function toTarget(request: Request): RunTarget {
  if (request.kind === 'shell') return { kind: 'shell', command: request.command };
  if (request.kind === 'argv') return { kind: 'argv', argv: request.argv };
  throw new Error(`internal: nothing to run for "${request.text}" without a performer`);
}

/** Actions asked for directly (not derived from a command) get the default decision each. */
function isDirect(request: Request): boolean {
  return request.kind === 'actions';
}
