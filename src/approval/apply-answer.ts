import { makeDirs } from '../make-dirs.js';
import { join } from 'node:path';
import { acquireLock, LOCK_TIMEOUT_MS } from '../lock.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { RuleSpec } from '../policy/schema.js';
import { appendRules } from './always-rule.js';
import type { Approval, EscalationOptions } from './escalate.js';
import type { Answer, ApprovalRequest } from './request.js';
import { addGrant, grantKey } from './session-grants.js';

/** What an answer needs to take effect. */
export interface AnswerContext {
  evaluation: Evaluation;
  commandText: string;
  key: Buffer;
  request: ApprovalRequest;
  proposal?: RuleSpec[] | undefined;
  options: EscalationOptions;
}

/**
 * Turns a human's answer into an Approval and carries out its effects: a signed session
 * grant, or the "always" rule written into the chosen file. A scope that was not offered
 * (an out-of-band answer can name any) is a denial, never a wider allow.
 */
export async function applyAnswer(answer: Answer, by: string, ctx: AnswerContext): Promise<Approval> {
  const base = { by, request: ctx.request.id };
  if (answer.choice === 'once') return { ...base, approved: true, scope: 'once', reason: `allowed once by ${by}` };
  if (answer.choice === 'deny') return { ...base, approved: false, reason: answer.text ? `denied by ${by}: ${answer.text}` : `denied by ${by}` };
  if (answer.choice === 'edit' && answer.text) return { ...base, approved: false, edited: answer.text, reason: `replaced by ${by} with: ${answer.text}` };
  if (answer.choice === 'session') {
    const grant = grantKey(ctx.evaluation);
    if (!('key' in grant)) return { ...base, approved: false, reason: `denied: "this session" cannot be granted (${grant.unavailable})` };
    addGrant(ctx.options.stateDir, ctx.options.session, ctx.key, { key: grant.key, command: ctx.commandText, by, time: new Date().toISOString() });
    return { ...base, approved: true, scope: 'session', reason: `allowed for this session by ${by}` };
  }
  if (answer.choice === 'always' && ctx.proposal && ctx.request.always) {
    const file = answer.target === 'project' ? ctx.request.always.project : ctx.request.always.user;
    if (!file) return { ...base, approved: false, reason: 'denied: there is no project rule file to write "always" into' };
    const write = (base?: string) => appendRules(file, ctx.proposal!, base);
    let later = '';
    // Read, append, write (and trust) as one: two "always" answered at once would each write back
    // the file as it read it, and one rule would be lost.
    makeDirs(ctx.options.configDir, 0o700);
    const release = await acquireLock(join(ctx.options.configDir, 'always'), Date.now() + LOCK_TIMEOUT_MS);
    if (!release) return { ...base, approved: false, reason: `denied: another "always" answer is still writing its rule (${join(ctx.options.configDir, 'always.lock')})` };
    try {
      if (answer.target === 'project') {
        // Into the project config, the rule counts only while that config is trusted (src/config/trust.ts).
        const { writeKeepingTrust } = await import('../config/trust-layer.js');
        if (!(await writeKeepingTrust(ctx.options.configDir, file, write))) later = `; ${file} is not trusted, so the rule counts once you run nomos trust there`;
      } else await write();
    } finally {
      release();
    }
    return { ...base, approved: true, scope: 'always', rule: { file, ids: ctx.proposal.map((r) => r.id) }, reason: `allowed always by ${by} (rule written to ${file}${later})` };
  }
  return { ...base, approved: false, reason: `denied: the answer "${answer.choice}" cannot be applied to this request` };
}
