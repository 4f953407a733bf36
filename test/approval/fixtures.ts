import type { ExecAction } from '../../src/action/types.js';
import type { Evaluation } from '../../src/policy/evaluate.js';
import type { ApprovalRequest } from '../../src/approval/request.js';

/** An exec action as analysis would give it. */
export function execAction(argv: string[], extra: Partial<ExecAction> = {}): ExecAction {
  return { kind: 'exec', program: argv[0]!, argv, flags: argv.slice(1).filter((a) => a.startsWith('-')), args: argv.slice(1).filter((a) => !a.startsWith('-')), env: {}, via: [], ...extra };
}

/** `npm publish --tag next`, asked by a rule. */
export const ASKED_BY_RULE: Evaluation = {
  decision: 'ask',
  reason: 'npm.publish: Publishing makes code public.',
  rules: [{ id: 'npm.publish', decision: 'ask', source: 'rules/npm.yaml:4:5', message: 'Publishing makes code public.', action: 0 }],
  actions: [execAction(['npm', 'publish', '--tag', 'next'], { via: ['bash -c'] }), { kind: 'file', op: 'write', path: '/work/out.log', via: [] }],
  opaque: [],
};

/** `uptime`: no rule matched, the default asked. */
export const ASKED_BY_DEFAULT: Evaluation = {
  decision: 'ask',
  reason: 'no rule matches `uptime`; the default is ask',
  rules: [],
  actions: [execAction(['uptime'])],
  opaque: [],
};

/** `curl … | sh`: an opaque part. */
export const OPAQUE: Evaluation = {
  decision: 'ask',
  reason: 'cannot analyse "sh": a pipe into a shell',
  rules: [],
  actions: [{ kind: 'http', method: 'GET', url: 'https://x.example/i.sh', scheme: 'https', host: 'x.example', port: 443, path: '/i.sh', query: {}, headers: {}, via: [] }],
  opaque: [{ reason: 'a pipe into a shell', text: 'sh', span: [26, 28], via: [] }],
};

/** A request as the prompt shows it, at a fixed time. */
export function requestFor(evaluation: Evaluation, command: string, extra: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: '1a2b3c4d', created: '2030-01-01T00:00:00.000Z', expires: '2030-01-01T00:02:00.000Z', pid: process.pid,
    session: 'sess-1', actor: 'agent', cwd: '/work', command, evaluation, unavailable: {}, ...extra,
  };
}

/** The fixed clock of the prompt tests: 1 min 58 s before the request expires. */
export const NOW = () => Date.parse('2030-01-01T00:00:02.000Z');
