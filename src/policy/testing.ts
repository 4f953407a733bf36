import { quote } from 'shell-quote';
import { analyzeToolCall } from '../action/mcp-tools.js';
import type { Action, Analysis, McpAction } from '../action/types.js';
import { evaluate, type Evaluation } from './evaluate.js';
import { EXAMPLE_WORLD, type Analyze } from './examples.js';
import type { Policy } from './policy.js';
import { settleModify } from './rewrite.js';
import { listSessionView, type SessionEvent } from './session-view.js';

/** One policy test case (`*.test.yaml`): a command or an action, and the decision wanted. */
export interface PolicyCase {
  /** What the case is about. */
  note?: string;
  /** A shell command string. */
  cmd?: string;
  /** A single action, for file or HTTP requests made directly; an `mcp` call comes with the actions its tool is. */
  action?: Partial<Action> & { kind: Action['kind'] };
  /** The decision wanted. */
  want: string;
  /** Rule ids that must be among the matches. */
  rules?: string[];
  /** Earlier events of the session, for rules with `session.*` conditions. */
  session?: Partial<SessionEvent>[];
  actor?: string;
  /** `file:line:col` of the case. */
  source: string;
}

/** The outcome of one case. */
export interface CaseResult {
  case: PolicyCase;
  ok: boolean;
  got: Evaluation;
}

const ACTION_DEFAULTS: Record<Action['kind'], object> = { exec: { argv: [], flags: [], args: [], env: {}, via: [] }, file: { via: [] }, http: { method: 'GET', headers: {}, query: {}, via: [] }, mcp: { via: [] } };

/** Runs a case against the policy in the fixed examples world (cwd /workspace, home /home/user). */
export function runCase(policy: Policy, c: PolicyCase, analyze: Analyze, now = new Date()): CaseResult {
  const events = (c.session ?? []).map((e, i) => ({ time: new Date(now.getTime() - ((c.session!.length - i) * 1000)).toISOString(), kind: 'exec' as const, decision: 'allow', rules: [], tags: [], record: {}, ...e }));
  const options = { cwd: EXAMPLE_WORLD.cwd, env: EXAMPLE_WORLD.env, session: listSessionView('test', events, () => now.getTime()), now, ...(c.actor ? { actor: c.actor } : {}) };
  const analysis = c.cmd !== undefined ? analyze(c.cmd) : caseAnalysis(c.action!);
  let got = evaluate(policy, analysis, { ...options, direct: c.cmd === undefined });
  if (c.cmd !== undefined) got = settleModify(policy, got, { kind: 'shell', command: c.cmd }, (argv) => evaluate(policy, analyze(quote(argv)), options));
  const ok = got.decision === c.want && (c.rules ?? []).every((id) => got.rules.some((r) => r.id === id));
  return { case: c, ok, got };
}

/** A case's action as decided: as given; an `mcp` tool call with the actions its tool is, as hooks map it (pure). */
function caseAnalysis(action: NonNullable<PolicyCase['action']>): Analysis {
  if (action.kind !== 'mcp') return { actions: [{ ...ACTION_DEFAULTS[action.kind], ...action } as Action], opaque: [] };
  const call = action as Partial<McpAction>;
  return analyzeToolCall(String(call.server ?? ''), String(call.tool ?? ''), call.input ?? {}, { cwd: EXAMPLE_WORLD.cwd, home: EXAMPLE_WORLD.home }, call.via ?? []);
}

/** A failure shown as a small diff: what was wanted, what came, and why. */
export function formatFailure(r: CaseResult): string {
  const what = r.case.cmd ?? JSON.stringify(r.case.action);
  const lines = [`FAIL ${r.case.source} ${r.case.note ? `${r.case.note}: ` : ''}${what}`, `  - want: ${r.case.want}${r.case.rules ? ` (rules ${r.case.rules.join(', ')})` : ''}`, `  + got:  ${r.got.decision}: ${r.got.reason}`];
  for (const m of r.got.rules) lines.push(`    matched ${m.id} (${m.decision}) at ${m.source}`);
  return `${lines.join('\n')}\n`;
}
