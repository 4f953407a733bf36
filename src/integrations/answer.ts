import { formatDenial } from '../cli/format.js';
import type { Verdict } from '../pipeline.js';
import { visible } from '../visible.js';

/** What a hook tells the agent: one of the three decisions agents know, and why. */
export interface HookAnswer {
  decision: 'allow' | 'ask' | 'deny';
  reason: string;
  /** The audit event id of the decision (absent when nomos failed before deciding). */
  id?: string;
  rules: { id: string; decision: string; message?: string }[];
}

/** The answer for a settled verdict. A `modify` has no rewrite to hand over yet, so it asks (fail closed). */
export function answerFor(verdict: Verdict): HookAnswer {
  const { evaluation } = verdict;
  const rules = evaluation.rules.map((r) => ({ id: r.id, decision: r.decision, ...(r.message ? { message: r.message } : {}) }));
  const base = { id: verdict.id, rules };
  if (verdict.decision === 'deny') return { ...base, decision: 'deny', reason: formatDenial(evaluation, verdict.approval?.reason) };
  // The agent shows the reason to its user (Claude Code's permission dialog): escaped, as formatDenial's.
  if (verdict.decision === 'allow') return { ...base, decision: 'allow', reason: visible(`nomos: allowed: ${evaluation.reason}`) };
  return { ...base, decision: 'ask', reason: visible(`nomos: approval needed: ${evaluation.reason}`) };
}

/** The answer when nomos could not decide: deny, with the reason (never fail open). */
export function failClosed(error: unknown): HookAnswer {
  const message = error instanceof Error ? error.message : String(error);
  return { decision: 'deny', reason: visible(`nomos: denied: could not decide (${message.replaceAll('\n', '; ')})`), rules: [] };
}
