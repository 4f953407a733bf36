import { crypto } from '../builtins.js';
import type { Evaluation } from '../policy/evaluate.js';

/** Everything a human sees about one `ask`: the same data for the tty prompt and `nomos approve`. */
export interface ApprovalRequest {
  /** Short random id, what `nomos approve ID` takes. */
  id: string;
  created: string;
  /** When the waiting command gives up and denies. */
  expires: string;
  /** The waiting `nomos exec` process (a dead pid means a stale request). */
  pid: number;
  session: string;
  /** Who asked (the agent's user name, or what the front end calls itself). */
  actor: string;
  cwd: string;
  /** The command as the agent gave it. */
  command: string;
  evaluation: Evaluation;
  /** Why a scope cannot be offered, per scope; absent means it can. */
  unavailable: { session?: string; always?: string };
  /** What "always" would write and where, when it can be offered. */
  always?: { yaml: string; user: string; project?: string };
}

/** How a human can answer. `edit` replaces the command, which is then evaluated again. */
export type Choice = 'once' | 'session' | 'always' | 'deny' | 'edit';

/** A human's answer as the UI or `nomos approve` gives it. */
export interface Answer {
  choice: Choice;
  /** Deny reason (shown to the agent), or the replacement command for `edit`. */
  text?: string;
  /** For `always`: which rule file ("user" or "project"). */
  target?: 'user' | 'project';
}

/** A fresh request id: 8 hex digits, enough to be unique among pending requests. */
export function newRequestId(): string {
  return crypto().randomBytes(4).toString('hex');
}

/** Which rules asked, in words: `git.push, npm.publish`, or why the default or opaque parts asked. */
export function describeAsk(evaluation: Evaluation): string {
  const ids = [...new Set(evaluation.rules.filter((r) => r.decision === 'ask').map((r) => r.id))];
  if (ids.length) return `${ids.join(', ')} asked`;
  return evaluation.reason;
}

/** Seconds left until `expires`, never negative. */
export function secondsLeft(request: Pick<ApprovalRequest, 'expires'>, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(request.expires) - now) / 1000));
}
