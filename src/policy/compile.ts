import type { Action, ExecAction } from '../action/types.js';
import type { ConditionEngine, ConditionVars } from './conditions.js';
import type { Decision } from './decision.js';
import { compileExecMatch } from './match-exec.js';
import { compileCommonMatch, compileFileMatch, compileHttpMatch, compileMcpMatch, type ActionTest, type MatchEnv } from './match-other.js';
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
  /** A file rule's path globs as they match (`~` and places expanded); undefined with `paths:` or no `path:`. */
  paths?: string[];
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
  return match.file ? 'file' : match.http ? 'http' : match.mcp ? 'mcp' : 'exec';
}

/** Compiles one rule's match into a test function; conditions compile lazily. */
export function compileRule(rule: RuleSpec, source: CompiledRule['source'], options: CompileOptions, place = { layer: 'rules', order: 0 }): CompiledRule {
  const kind = matchKind(rule.match);
  // Built on the first test: the index means most rules are never tested in a call.
  let match: ((action: Action, env: MatchEnv) => Tri) | undefined;
  const build = () => {
    const positive = compileMatch(rule.match, kind, options);
    const negative = rule.match.not ? compileMatch(rule.match.not, kind, options) : undefined;
    // `not:` only where the match holds: most actions a rule meets fail its match (files listed below a recursive op, by the thousand).
    return (action: Action, env: MatchEnv) => {
      const holds = positive(action, env);
      return holds === NO || !negative ? holds : all([holds, negate(negative(action, env))]);
    };
  };
  // Built with a fixed set of properties, the optional ones added only when present: spreads
  // of conditional objects made a temporary object and a new hidden class per rule, at start-up.
  const compiled: CompiledRule = {
    id: rule.id,
    decision: rule.decision,
    tags: rule.tags ?? [],
    source,
    layer: place.layer,
    order: place.order,
    kind,
    test: (action, env = NO_ENV) => (action.kind !== kind ? NO : (match ??= build())(action, env)),
    spec: rule,
  };
  if (rule.description !== undefined) compiled.description = rule.description;
  if (rule.message !== undefined) compiled.message = rule.message;
  if (kind === 'exec' && rule.match.command !== undefined) compiled.keys = list(rule.match.command)!.map(indexKey);
  if (kind === 'file') {
    const dirs = pathDirs(rule, options);
    if (dirs) compiled.dirs = dirs;
    const paths = rule.match.file?.paths ? undefined : list(rule.match.file?.path)?.map((p) => expand(p, options));
    if (paths) compiled.paths = paths;
  }
  if (rule.when) compiled.when = lazy(rule.when, options);
  if (rule.record) compiled.record = compileRecord(rule.record, options);
  if (rule.modify) compiled.modify = rule.modify;
  return compiled;
}

/**
 * A command pattern's index key: its first two words as splitCommand splits them (`git push --force`
 * → `git push`). Scanned by hand: every pattern of every rule is keyed on every call, and a regex
 * match array each (or a split of every word) took young-heap room a call has little of.
 */
export function indexKey(command: string): string {
  const n = command.length;
  let i = 0;
  while (i < n && SPACE.test(command[i]!)) i++;
  let j = i;
  while (j < n && !SPACE.test(command[j]!)) j++;
  let k = j;
  while (k < n && SPACE.test(command[k]!)) k++;
  if (k >= n) return command.slice(i, j);
  let l = k;
  while (l < n && !SPACE.test(command[l]!)) l++;
  return `${command.slice(i, j)} ${command.slice(k, l)}`;
}

const SPACE = /\s/;

function compileMatch(match: BaseMatchSpec, kind: Action['kind'], ctx: CompileContext): ActionTest {
  // Where the call comes from (`via`, `actor` …) first: a file listed below a recursive op's
  // directory (trees.ts) is tested against rules by the thousand, and those tests are the cheap ones.
  const tests: ActionTest[] = compileCommonMatch(match, ctx);
  if (kind === 'exec') for (const t of compileExecMatch(match, ctx)) tests.push((a, env) => t(a as ExecAction, env.cwd));
  if (kind === 'file' && match.file) tests.push(compileFileMatch(match.file, ctx));
  if (kind === 'http' && match.http) tests.push(compileHttpMatch(match.http));
  if (kind === 'mcp' && match.mcp) tests.push(compileMcpMatch(match.mcp));
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

/** The literal leading directory of each path glob, for the index (`/etc/**` → `/etc`); undefined when one has none. */
function pathDirs(rule: RuleSpec, ctx: CompileContext): string[] | undefined {
  const globs = list(rule.match.file?.path);
  if (!globs || rule.match.file?.paths) return undefined;
  const dirs: string[] = [];
  for (const glob of globs) {
    const path = expand(glob, ctx);
    const end = path.indexOf('/', 1);
    const first = end < 0 ? path.slice(1) : path.slice(1, end);
    if (path[0] !== '/' || first === '' || /[*?[{!(]/.test(first)) return undefined;
    dirs.push(`/${first}`);
  }
  return dirs;
}
