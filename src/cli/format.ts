import type { Evaluation } from '../policy/evaluate.js';
import { visible } from '../visible.js';

/**
 * The one line an agent reads on stderr when nomos refuses: `nomos: denied by <rule>: <reason>`.
 * Escaped (visible()): the reason quotes the agent's command, and the line reaches a terminal
 * (an agent's hook reason is shown to its user), so it stays one line with nothing it obeys.
 */
export function formatDenial(evaluation: Evaluation, approvalReason?: string): string {
  const rule = evaluation.rules.find((r) => r.decision === evaluation.decision) ?? evaluation.rules.find((r) => r.decision === 'deny');
  const reason = approvalReason ?? evaluation.reason;
  if (rule && evaluation.decision === 'deny') return visible(`nomos: denied by ${rule.id}: ${stripId(reason, rule.id)}`);
  return visible(`nomos: denied: ${reason}`);
}

function stripId(reason: string, id: string): string {
  return reason.startsWith(`${id}: `) ? reason.slice(id.length + 2) : reason;
}

/** The stable JSON shape of `check --json`. */
export function evaluationJson(evaluation: Evaluation): Record<string, unknown> {
  return {
    decision: evaluation.decision,
    reason: evaluation.reason,
    rules: evaluation.rules.map((r) => ({ id: r.id, decision: r.decision, source: r.source, ...(r.message ? { message: r.message } : {}) })),
    actions: evaluation.actions,
    opaque: evaluation.opaque.map((o) => ({ reason: o.reason, text: o.text, span: o.span, via: o.via })),
  };
}
