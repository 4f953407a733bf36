import type { Action } from '../action/types.js';
import type { Decision } from '../policy/decision.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { SessionEvent } from '../policy/session-view.js';

/** Values a rule recorded for one action (from `record:`). */
export interface RecordedValues {
  action: number;
  values: Record<string, number | string>;
}

/** The session events of one decided request: one per action, with its rules, tags and recorded values. */
export function sessionEvents(evaluation: Evaluation, decision: Decision, tagsOf: (ruleId: string) => string[], time: string): SessionEvent[] {
  const records: RecordedValues[] = evaluation.records ?? [];
  return evaluation.actions.map((action, index) => {
    const rules = evaluation.rules.filter((r) => r.action === index).map((r) => r.id);
    const record = Object.assign({}, ...records.filter((r) => r.action === index).map((r) => r.values)) as Record<string, number | string>;
    return { time, ...actionFields(action), decision, rules, tags: [...new Set(rules.flatMap(tagsOf))], record };
  });
}

/** An outcome event: how the command ended. */
export function outcomeEvent(exit: number, time: string): SessionEvent {
  return { time, kind: 'outcome', decision: 'allow', exit, rules: [], tags: [], record: {} };
}

function actionFields(action: Action): Pick<SessionEvent, 'kind' | 'program' | 'op' | 'path' | 'method' | 'host'> {
  if (action.kind === 'exec') return { kind: 'exec', program: action.program };
  if (action.kind === 'file') return { kind: 'file', op: action.op, path: action.path };
  if (action.kind === 'mcp') return { kind: 'mcp', program: `mcp__${action.server}__${action.tool}` };
  return { kind: 'http', method: action.method, host: action.host };
}
