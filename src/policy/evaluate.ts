import type { Action, Analysis, Opaque } from '../action/types.js';
import type { CompiledRule } from './compile.js';
import { stricter, type Decision } from './decision.js';
import type { Policy } from './policy.js';
import type { SessionView } from './session-view.js';
import { MAYBE, YES } from './tristate.js';

/** A rule that matched an action. */
export interface RuleMatch {
  id: string;
  decision: Decision;
  /** `file:line:col` of the rule. */
  source: string;
  message?: string;
  /** Index of the action it matched. */
  action: number;
}

/** The decision for a request, with everything needed to explain it. */
export interface Evaluation {
  decision: Decision;
  reason: string;
  rules: RuleMatch[];
  actions: Action[];
  opaque: Opaque[];
}

/**
 * Evaluates every action against the policy: every matching rule counts, the strictest
 * decision wins. A command no rule matches gets the default; implied file/http actions of
 * a shell command only count where a rule matches them. Opaque parts get the opaque decision.
 */
export function evaluate(policy: Policy, analysis: Analysis, options: { direct?: boolean; session?: SessionView } = {}): Evaluation {
  const rules: RuleMatch[] = [];
  let decision: Decision = 'allow';
  let reason = 'every action is allowed by a rule';
  let reasonRank = -1;
  const consider = (d: Decision, why: string, rank: number) => {
    const next = stricter(decision, d);
    if (next !== decision || (d === decision && rank > reasonRank)) [reason, reasonRank] = [why, rank];
    decision = next;
  };
  analysis.actions.forEach((action, index) => {
    const matched = candidates(policy, action).filter((rule) => applies(rule, action));
    for (const rule of matched) {
      rules.push(toMatch(rule, index));
      consider(rule.decision, `${rule.id}: ${rule.message ?? rule.description ?? `${rule.decision} by rule`}`, 2);
    }
    if (matched.length === 0 && (action.kind === 'exec' || options.direct)) {
      consider(policy.default, `no rule matches ${describe(action)}; the default is ${policy.default}`, 0);
    }
  });
  for (const part of analysis.opaque) consider(policy.opaque, `cannot analyse ${JSON.stringify(part.text)}: ${part.reason}`, 1);
  if (analysis.actions.length === 0 && analysis.opaque.length === 0) reason = 'nothing to run';
  return { decision, reason, rules, actions: analysis.actions, opaque: analysis.opaque };
}

function candidates(policy: Policy, action: Action): CompiledRule[] {
  if (action.kind === 'mcp') return [];
  if (action.kind !== 'exec') return policy.index[action.kind];
  return [...(policy.index.byProgram.get(action.program) ?? []), ...policy.index.anyProgram];
}

/** A `maybe` (dynamic value) counts for ask/deny/modify rules and never for allow. */
function applies(rule: CompiledRule, action: Action): boolean {
  const result = rule.test(action);
  return result === YES || (result === MAYBE && rule.decision !== 'allow');
}

function toMatch(rule: CompiledRule, action: number): RuleMatch {
  const { file, line, col } = rule.source;
  return { id: rule.id, decision: rule.decision, source: `${file}:${line}:${col}`, ...(rule.message ? { message: rule.message } : {}), action };
}

/** A short human description of an action. */
export function describe(action: Action): string {
  if (action.kind === 'exec') return `\`${action.program}\``;
  if (action.kind === 'file') return `${action.op} ${action.path}`;
  if (action.kind === 'mcp') return `tool ${action.server}/${action.tool}`;
  return `${action.method} ${action.url}`;
}
