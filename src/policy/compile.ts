import type { Action, ExecAction } from '../action/types.js';
import type { ConditionEngine, ConditionVars } from './conditions.js';
import type { Decision } from './decision.js';
import { compileExecMatch, splitCommand } from './match-exec.js';
import { compileCommonMatch, compileFileMatch, compileHttpMatch, type ActionTest, type MatchEnv } from './match-other.js';
import { expand, list, type CompileContext } from './patterns.js';
import type { BaseMatchSpec, ModifySpec, RuleFileSpec, RuleSpec } from './schema.js';
import { all, negate, NO, YES, type Tri } from './tristate.js';

export type { CompileContext } from './patterns.js';

/** A rule file's validated content with where each rule starts: plain JSON, so it can be cached. */
export interface ParsedRuleFile {
  file: string;
  spec: RuleFileSpec;
  /** Line and column (1-based) of each rule, by index. */
  ruleLocations: { line: number; col: number }[];
  /** Which layer it belongs to: `shipped`, `user`, `project`, `rules` (`--rules`). */
  layer?: string;
  /** sha256 of the text, for files found through `include:` (the cache checks them). */
  hash?: string;
}

/** A rule ready to evaluate. */
export interface CompiledRule {
  id: string;
  decision: Decision;
  description?: string;
  message?: string;
  tags: string[];
  source: { file: string; line: number; col: number };
  /** The layer the rule came from (`shipped`, `user`, `project`, `rules`). */
  layer: string;
  /** Position in the effective policy: ties between equal decisions go to the earlier rule. */
  order: number;
  /** Which action kind the rule looks at. */
  kind: Action['kind'];
  /** Index keys: `git` or `git push` per command; undefined means any program. */
  keys?: string[];
  /** Literal leading directories of file path globs (index keys); undefined means any path. */
  dirs?: string[];
  /** Tri-state match of `match` (with `not`); without an env, a plain agent call in `/`. */
  test: (action: Action, env?: MatchEnv) => Tri;
  /** The `when:` condition, compiled on first use. */
  when?: (vars: ConditionVars) => unknown;
  /** Values to record into the session when the rule matches. */
  record?: (vars: ConditionVars) => Record<string, unknown>;
  modify?: ModifySpec;
  spec: RuleSpec;
}

const NO_ENV: MatchEnv = { actor: 'agent', session: 'none', cwd: '/' };

/** How to compile: pattern expansion, and the CEL engine when any rule has conditions. */
export interface CompileOptions extends CompileContext {
  conditions?: ConditionEngine;
}

/** Compiles every rule of the parsed files, in order. */
export function compileRules(files: ParsedRuleFile[], options: CompileOptions): CompiledRule[] {
  let order = 0;
  return files.flatMap((f) => f.spec.rules.map((rule, i) => compileRule(rule, { file: f.file, ...f.ruleLocations[i]! }, options, { layer: f.layer ?? 'rules', order: order++ })));
}

/** Which action kind a match looks at. */
export function matchKind(match: BaseMatchSpec): Action['kind'] {
  return match.file ? 'file' : match.http ? 'http' : 'exec';
}

/** Compiles one rule's match into a test function; conditions compile lazily. */
export function compileRule(rule: RuleSpec, source: CompiledRule['source'], options: CompileOptions, place = { layer: 'rules', order: 0 }): CompiledRule {
  const kind = matchKind(rule.match);
  // Built on the first test: the index means most rules are never tested in a call.
  let match: ((action: Action, env: MatchEnv) => Tri) | undefined;
  const build = () => {
    const positive = compileMatch(rule.match, kind, options);
    const negative = rule.match.not ? compileMatch(rule.match.not, kind, options) : undefined;
    return (action: Action, env: MatchEnv) => all([positive(action, env), negative ? negate(negative(action, env)) : YES]);
  };
  const commands = list(rule.match.command)?.map(splitCommand);
  return {
    id: rule.id,
    decision: rule.decision,
    ...(rule.description !== undefined ? { description: rule.description } : {}),
    ...(rule.message !== undefined ? { message: rule.message } : {}),
    tags: rule.tags ?? [],
    source,
    ...place,
    kind,
    ...(kind === 'exec' && commands ? { keys: commands.map((w) => w.slice(0, 2).join(' ')) } : {}),
    ...(kind === 'file' ? pathDirs(rule, options) : {}),
    test: (action, env = NO_ENV) => (action.kind !== kind ? NO : (match ??= build())(action, env)),
    ...(rule.when ? { when: lazy(rule.when, options) } : {}),
    ...(rule.record ? { record: compileRecord(rule.record, options) } : {}),
    ...(rule.modify ? { modify: rule.modify } : {}),
    spec: rule,
  };
}

function compileMatch(match: BaseMatchSpec, kind: Action['kind'], ctx: CompileContext): ActionTest {
  const tests: ActionTest[] = [];
  if (kind === 'exec') for (const t of compileExecMatch(match, ctx)) tests.push((a, env) => t(a as ExecAction, env.cwd));
  if (kind === 'file' && match.file) tests.push(compileFileMatch(match.file, ctx));
  if (kind === 'http' && match.http) tests.push(compileHttpMatch(match.http));
  tests.push(...compileCommonMatch(match, ctx));
  return (action, env) => {
    let out: Tri = YES;
    for (const t of tests) {
      const r = t(action, env);
      if (r === NO) return NO;
      if (r < out) out = r;
    }
    return out;
  };
}

/** A CEL expression compiled on first use: most rules' match never holds, so most never compile. */
function lazy(expression: string, options: CompileOptions): (vars: ConditionVars) => unknown {
  let run: ((vars: ConditionVars) => unknown) | undefined;
  return (vars) => {
    if (!options.conditions) throw new Error('a rule condition needs the CEL engine, which was not loaded');
    run ??= options.conditions.compile(expression);
    return run(vars);
  };
}

function compileRecord(record: NonNullable<RuleSpec['record']>, options: CompileOptions): CompiledRule['record'] {
  const entries = Object.entries(record).map(([key, value]) => [key, typeof value === 'string' && value.startsWith('=') ? lazy(value.slice(1), options) : () => value] as const);
  return (vars) => Object.fromEntries(entries.map(([key, get]) => [key, get(vars)]));
}

/** The literal leading directory of each path glob, for the index (`/etc/**` → `/etc`). */
function pathDirs(rule: RuleSpec, ctx: CompileContext): { dirs?: string[] } {
  const globs = list(rule.match.file?.path);
  if (!globs || rule.match.file?.paths) return {};
  const dirs = globs.map((g) => expand(g, ctx).split('/')).map((parts) => (parts[0] === '' && parts[1] && !/[*?[{!(]/.test(parts[1]) ? `/${parts[1]}` : undefined));
  return dirs.every((d) => d !== undefined) ? { dirs: dirs as string[] } : {};
}
