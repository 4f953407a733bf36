import { parse as tokenize, quote } from 'shell-quote';
import type { ExecAction } from '../action/types.js';
import type { Evaluation, Rewrite } from './evaluate.js';
import { rewriteArgv } from './modify.js';
import type { Policy } from './policy.js';

/** What was asked for, as the rewrite needs it: a shell string or an argv (other requests are not rewritten). */
export type RewriteSource = { kind: 'shell'; command: string } | { kind: 'argv'; argv: string[] } | { kind: 'actions' };

/**
 * Plans the rewrite of a `modify` decision. Only a single plain command can be rewritten
 * exactly (no wrappers, expansions, operators or redirections); anything else returns a
 * reason, and the caller asks instead: a rewrite nomos cannot make exactly is not made.
 */
export function planRewrite(policy: Policy, evaluation: Evaluation, source: RewriteSource): Rewrite | { refused: string } {
  const modifying = evaluation.rules.filter((r) => r.decision === 'modify');
  const targets = new Set(modifying.map((r) => r.action));
  if (targets.size !== 1) return { refused: 'the rewrite applies to more than one command' };
  const index = [...targets][0]!;
  const action = evaluation.actions[index]!;
  const exec = action.kind === 'exec' ? action : findExec(evaluation, action.via);
  if (!exec || exec.via.length > 0 || exec.dynamic?.length) return { refused: 'only a plain command (no wrapper, no expansion) can be rewritten' };
  if (!sameWords(source, exec)) return { refused: 'the command has shell syntax (operators, redirections, expansions) a rewrite would lose' };
  let argv = exec.argv;
  for (const match of modifying) {
    const rule = policy.rules.find((r) => r.id === match.id);
    if (rule?.modify) argv = rewriteArgv({ ...exec, argv }, rule.modify, rule.spec.match.command);
  }
  return { argv, text: quote(argv), rules: modifying.map((r) => r.id) };
}

/** The single exec action a file/http action came from (`curl` for its HTTP request). */
function findExec(evaluation: Evaluation, via: string[]): ExecAction | undefined {
  const execs = evaluation.actions.filter((a): a is ExecAction => a.kind === 'exec');
  return execs.length === 1 && via.length === 0 ? execs[0] : undefined;
}

/** The request is exactly the action's words: nothing but words, no `$`, no backquotes. */
function sameWords(source: RewriteSource, exec: ExecAction): boolean {
  if (source.kind === 'actions') return false;
  if (source.kind === 'argv') return source.argv.length === exec.argv.length && source.argv.every((w, i) => w === exec.argv[i]);
  if (/[$`\n]/.test(source.command)) return false;
  const tokens = tokenize(source.command);
  return tokens.length === exec.argv.length && tokens.every((t, i) => typeof t === 'string' && t === exec.argv[i]);
}

/**
 * Settles a `modify` decision: plans the rewrite, evaluates the rewritten argv again
 * (`reevaluate`), and keeps the stricter answer. A refused rewrite becomes `ask`.
 */
export function settleModify(policy: Policy, evaluation: Evaluation, source: RewriteSource, reevaluate: (argv: string[]) => Evaluation): Evaluation {
  if (evaluation.decision !== 'modify') return evaluation;
  const plan = planRewrite(policy, evaluation, source);
  if ('refused' in plan) return { ...evaluation, decision: 'ask', reason: `${evaluation.reason} (cannot rewrite: ${plan.refused})` };
  const again = reevaluate(plan.argv);
  if (again.decision === 'ask' || again.decision === 'deny') {
    return { ...again, reason: `the rewrite \`${plan.text}\` is not allowed: ${again.reason}`, rules: [...evaluation.rules, ...again.rules], records: evaluation.records };
  }
  return { ...evaluation, reason: `${evaluation.reason} → runs \`${plan.text}\``, rewrite: plan };
}
