import type { Action, Analysis, Opaque } from '../action/types.js';
import { NomosError } from '../errors.js';
import type { CompiledRule } from './compile.js';
import type { ConditionVars } from './conditions.js';
import { stricter, type Decision } from './decision.js';
import type { MatchEnv } from './match-other.js';
import { knownProgram } from './match-exec.js';
import { candidates, type Policy } from './policy.js';
import { EMPTY_SESSION, type SessionView } from './session-view.js';
import { MAYBE, NO, type Tri } from './tristate.js';

/** A rule that matched an action. */
export interface RuleMatch {
  id: string;
  decision: Decision;
  /** `file:line:col` of the rule. */
  source: string;
  message?: string;
  /** Index of the action it matched. */
  action: number;
  /** Why a condition counted although it could not be evaluated (fail closed). */
  note?: string;
}

/** How a `modify` decision rewrote the request: exactly what `exec` runs. */
export interface Rewrite {
  /** The rewritten argv, run without a shell. */
  argv: string[];
  /** The same, quoted as one shell command line (display and audit). */
  text: string;
  /** Ids of the rules whose rewrites were applied. */
  rules: string[];
}

/** The decision for a request, with everything needed to explain it. */
export interface Evaluation {
  decision: Decision;
  reason: string;
  rules: RuleMatch[];
  actions: Action[];
  opaque: Opaque[];
  /** Values matched rules record into the session (`record:`), per action; the session store keeps them. */
  records?: { action: number; values: Record<string, number | string> }[];
  /** Set when the decision is modify: the command to run instead. */
  rewrite?: Rewrite;
}

/** Facts about the call that rules may look at; all optional, with safe defaults. */
export interface EvaluateOptions {
  /** A direct file/http request: an unmatched action gets the default too. */
  direct?: boolean;
  actor?: string;
  session?: SessionView;
  cwd?: string;
  now?: Date;
  /** Allow-listed environment variables for conditions. */
  env?: Record<string, string>;
}

/**
 * Evaluates every action against the policy: every matching rule counts, the strictest
 * decision wins. A command no rule matches gets the default; implied file/http actions of
 * a shell command only count where a rule matches them. Opaque parts get the opaque decision.
 */
export function evaluate(policy: Policy, analysis: Analysis, options: EvaluateOptions = {}): Evaluation {
  const env: MatchEnv = { actor: options.actor ?? 'agent', session: options.session?.id ?? 'none', cwd: options.cwd ?? '/' };
  const out: Evaluation = { decision: 'allow', reason: 'every action is allowed by a rule', rules: [], actions: analysis.actions, opaque: analysis.opaque };
  let reasonRank = -1;
  const consider = (d: Decision, why: string, rank: number) => {
    const next = stricter(out.decision, d);
    if (next !== out.decision || (d === out.decision && rank > reasonRank)) [out.reason, reasonRank] = [why, rank];
    out.decision = next;
  };
  analysis.actions.forEach((action, index) => {
    let matched = 0;
    for (const rule of candidates(policy, action)) {
      const hit = applies(rule, action, env, () => conditionVars(action, env, options));
      if (!hit) continue;
      matched++;
      out.rules.push(toMatch(rule, index, hit.note));
      if (rule.record) (out.records ??= []).push({ action: index, values: safeRecord(rule, conditionVars(action, env, options)) });
      consider(rule.decision, `${rule.id}: ${rule.message ?? rule.description ?? `${rule.decision} by rule`}${foundNote(action)}${hit.maybe ? unknownNote(action) : ''}`, 2);
    }
    // A file found below a recursive op's directory only counts where a rule meets it (trees.ts).
    if (matched === 0 && (action.kind === 'exec' || (options.direct && !(action.kind === 'file' && action.below !== undefined)))) {
      const unsure = action.kind === 'exec' && !knownProgram(action) ? ` (it may be another program than its name says: ${action.searchPath !== undefined ? `looked up in PATH=${action.searchPath}` : `run as ${action.path}`}; allow rules for its name do not apply)` : '';
      consider(policy.default, `no rule matches ${describe(action)}${unsure}; the default is ${policy.default}${untrustedNote(policy)}`, 0);
    }
  });
  for (const part of analysis.opaque) consider(policy.opaque, `cannot analyse ${JSON.stringify(part.text)}: ${part.reason}${untrustedNote(policy)}`, 1);
  if (analysis.actions.length === 0 && analysis.opaque.length === 0) out.reason = 'nothing to run';
  // A deny cannot be stricter: what was not listed changes nothing.
  if (out.decision !== 'deny') out.reason += partNote(analysis.actions);
  return out;
}

/** Which file below a recursive op's directory met the rule: `grep -r KEY .` asks for `./config/.env`. */
function foundNote(action: Action): string {
  return action.kind === 'file' && action.below !== undefined ? ` (${action.op} ${action.path}, found below ${action.below})` : '';
}

/**
 * Where a rule met a value nomos cannot know before the command runs, the reason says so: the
 * rule's message alone (`wc -l $(git ls-files)` denied as a read of the approval key) reads as
 * if the command named what the rule guards.
 */
function unknownNote(action: Action): string {
  if (action.kind === 'file') return ` (the path ${action.path} is not known before the command runs: it may be one this rule guards)`;
  return ` (${action.kind === 'exec' ? `a word of ${describe(action)}` : describe(action)} is not known before the command runs: it may be one this rule matches)`;
}

/** Where a recursive op's directory was listed only in part, the reason says so: files past that point were not decided one by one. */
function partNote(actions: Action[]): string {
  const dirs = [...new Set(actions.flatMap((a) => (a.kind === 'file' && a.listedInPart ? [a.path] : [])))];
  if (dirs.length === 0) return '';
  return ` (not all of ${dirs.join(', ')} was listed: rules that may match anywhere below it, like **/.env, met only the files listed)`;
}

/** Why a project config's allow rules or settings did not count, where some were left out. */
function untrustedNote(policy: Policy): string {
  const u = policy.untrusted;
  return u ? ` (${u.file} is not trusted, so ${u.ignored.length} part${u.ignored.length === 1 ? '' : 's'} of it that would loosen the policy ${u.ignored.length === 1 ? 'is' : 'are'} left out: allow or modify rules, disable:, looser settings; \`nomos trust\` trusts it as it is)` : '';
}

function conditionVars(action: Action, env: MatchEnv, options: EvaluateOptions): ConditionVars {
  return { action, actor: env.actor, now: options.now ?? new Date(), env: options.env ?? {}, session: options.session ?? EMPTY_SESSION };
}

/**
 * A `maybe` (dynamic value) counts for ask/deny/modify rules and never for allow. A condition
 * that fails to evaluate counts the same way: fail closed.
 */
export function applies(rule: CompiledRule, action: Action, env: MatchEnv, vars: () => ConditionVars): { note?: string; maybe?: boolean } | undefined {
  const result: Tri = rule.test(action, env);
  if (result === NO || (result === MAYBE && rule.decision === 'allow')) return undefined;
  const hit = result === MAYBE ? { maybe: true } : {};
  if (!rule.when) return hit;
  try {
    return rule.when(vars()) === true ? hit : undefined;
  } catch (error) {
    // Damaged session state is no condition that failed: the call stops (exit 78) and says what is damaged.
    const damaged = nomosErrorIn(error);
    if (damaged) throw damaged;
    if (rule.decision === 'allow') return undefined;
    return { note: `condition failed (${(error as Error).message.split('\n')[0]}), counted as matching` };
  }
}

/** A NomosError thrown by a session function, however the condition evaluator wrapped it. */
function nomosErrorIn(error: unknown): NomosError | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) if (e instanceof NomosError) return e;
  return undefined;
}

/** Recorded values as the session stores them (numbers and strings); a failing expression records nothing. */
function safeRecord(rule: CompiledRule, vars: ConditionVars): Record<string, number | string> {
  try {
    const values = Object.entries(rule.record!(vars)).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? Number(v) : String(v)]);
    return Object.fromEntries(values);
  } catch {
    return {};
  }
}

function toMatch(rule: CompiledRule, action: number, note?: string): RuleMatch {
  const { file, line, col } = rule.source;
  return { id: rule.id, decision: rule.decision, source: `${file}:${line}:${col}`, ...(rule.message ? { message: rule.message } : {}), action, ...(note ? { note } : {}) };
}

/** A short human description of an action. */
export function describe(action: Action): string {
  if (action.kind === 'exec') return `\`${action.program}\``;
  if (action.kind === 'file') return `${action.op} ${action.path}`;
  if (action.kind === 'mcp') return `tool ${action.server}/${action.tool}`;
  return `${action.method} ${action.url}`;
}

