import type { Evaluation } from '../policy/evaluate.js';
import { applyAnswer } from './apply-answer.js';
import { buildRequest } from './build-request.js';
import { askOutOfBand } from './ask-queue.js';
import { describeAsk, type Answer } from './request.js';
import { findGrant } from './session-grants.js';
import { loadApprovalKey } from './signing.js';
import { openTty, type TtyStreams } from './tty.js';
import { inTtyTurn } from './tty-turn.js';

/** A human's answer to an `ask`, as recorded in the audit event's `approval` field. */
export interface Approval {
  approved: boolean;
  /** Who or what answered: `tty:<user>`, `approve:<user>`, `session-grant`, `ci`, `no-prompt`, `timeout`, `invalid-answer`. */
  by: string;
  reason: string;
  /** How far an allow reaches. */
  scope?: 'once' | 'session' | 'always';
  /** For `session-grant`: who granted it, earlier in the session. */
  grantedBy?: string;
  /** The approval request's id, when a human was asked. */
  request?: string;
  /** For `always`: the rule file written and the rule ids added. */
  rule?: { file: string; ids: string[] };
  /** For `edit`: the command the human wrote instead; the pipeline evaluates it again. */
  edited?: string;
  /** The agent's own UI asks the human (Claude Code's prompt): the decision stays `ask`. */
  deferred?: boolean;
}

/** How an `ask` is put to a human; passed in, so the pipeline can be tested without a terminal. */
export interface Escalator {
  ask(evaluation: Evaluation, commandText: string): Promise<Approval>;
}

/** Settings and effects of escalation; exec passes the real ones, tests their own. */
export interface EscalationOptions {
  /** False in CI (`CI` set) or with `--no-prompt`: ask becomes deny at once. */
  prompt: boolean;
  /** What turned prompting off, for the message (`CI`, `--no-prompt`). */
  noPromptBecause?: string;
  /** `approval.timeout`: how long to wait for an answer before denying. */
  timeoutMs: number;
  session: string;
  actor: string;
  /** The user answering (this process's user name). */
  approver: string;
  cwd: string;
  stateDir: string;
  /** User config dir: holds the approval key and the user rule file. */
  configDir: string;
  /** The project rule file "always" may write to, when there is a YAML one. */
  projectRuleFile?: () => Promise<string | undefined>;
  stderr: (text: string) => void;
  openTty?: () => TtyStreams | undefined;
  now?: () => number;
}

/**
 * The default escalator. Prompting off → deny naming the rule that asked. A session grant
 * for the same actions → allow. A terminal → the Ink prompt on /dev/tty. No terminal → a
 * pending request for `nomos approve`. No answer in time → deny.
 */
export function createEscalator(options: EscalationOptions): Escalator {
  return {
    async ask(evaluation, commandText) {
      const which = describeAsk(evaluation);
      if (!options.prompt) {
        return { approved: false, by: options.noPromptBecause === 'CI' ? 'ci' : 'no-prompt', reason: `approval needed (${which}) and prompting is off (${options.noPromptBecause ?? '--no-prompt'})` };
      }
      const key = loadApprovalKey(options.configDir);
      const grant = findGrant(options.stateDir, options.session, key, evaluation);
      if (grant) return { approved: true, by: 'session-grant', grantedBy: grant.by, scope: 'session', reason: `allowed for this session by ${grant.by} at ${grant.time}` };
      const { request, proposal } = await buildRequest(evaluation, commandText, options);
      const tty = (options.openTty ?? openTty)();
      let result: { answer: Answer; by: string } | 'timeout' | 'invalid';
      if (tty) {
        const { promptOnTty } = await import('./tty-prompt.js');
        // The terminal shows one prompt at a time; the time spent waiting for the turn counts.
        let shown = false;
        const answer = await inTtyTurn(options.stateDir, Date.parse(request.expires), (left) => ((shown = true), promptOnTty(request, tty, left)));
        if (!shown) tty.close();
        result = answer ? { answer, by: `tty:${options.approver}` } : 'timeout';
      } else {
        result = await askOutOfBand(request, key, options, which);
      }
      if (result === 'timeout') return { approved: false, by: 'timeout', request: request.id, reason: `approval needed (${which}): no answer within ${Math.round(options.timeoutMs / 1000)} s` };
      if (result === 'invalid') return { approved: false, by: 'invalid-answer', request: request.id, reason: `approval needed (${which}): the answer failed verification (forged or for another request)` };
      return applyAnswer(result.answer, result.by, { evaluation, commandText, key, request, proposal, options });
    },
  };
}
