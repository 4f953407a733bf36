import { join } from 'node:path';
import type { Evaluation } from '../policy/evaluate.js';
import type { RuleSpec } from '../policy/schema.js';
import { proposeAlwaysRules, rulesYaml } from './always-rule.js';
import type { EscalationOptions } from './escalate.js';
import { newRequestId, type ApprovalRequest } from './request.js';
import { grantKey } from './session-grants.js';

/** The user rule file "always" writes to: `<user config>/rules.yaml`. */
export function userRuleFile(configDir: string): string {
  return join(configDir, 'rules.yaml');
}

/** Assembles what the human is shown, and the rules "always" would write (kept here, never read back from disk). */
export async function buildRequest(evaluation: Evaluation, command: string, options: EscalationOptions): Promise<{ request: ApprovalRequest; proposal?: RuleSpec[] }> {
  const now = options.now?.() ?? Date.now();
  const grant = grantKey(evaluation);
  const proposed = proposeAlwaysRules(evaluation, `Allowed always by ${options.approver} on ${new Date(now).toISOString().slice(0, 10)} for: ${command}`);
  const unavailable: ApprovalRequest['unavailable'] = {
    ...('unavailable' in grant ? { session: grant.unavailable } : {}),
    ...('unavailable' in proposed ? { always: proposed.unavailable } : {}),
  };
  const request: ApprovalRequest = {
    id: newRequestId(),
    created: new Date(now).toISOString(),
    expires: new Date(now + options.timeoutMs).toISOString(),
    pid: process.pid,
    session: options.session,
    actor: options.actor,
    cwd: options.cwd,
    command,
    evaluation,
    unavailable,
  };
  if (!('rules' in proposed)) return { request };
  const project = await options.projectRuleFile?.();
  request.always = { yaml: await rulesYaml(proposed.rules), user: userRuleFile(options.configDir), ...(project ? { project } : {}) };
  return { request, proposal: proposed.rules };
}
