import type { ConfigProblem } from '../errors.js';
import { compileRule, type CompileOptions, type CompiledRule, type ParsedRuleFile } from './compile.js';
import type { ConditionEngine } from './conditions.js';
import { checkExamples, describeFailure, type Analyze } from './examples.js';
import type { Locate } from './load.js';
import { list, patternProblem } from './patterns.js';
import type { BaseMatchSpec, RuleSpec } from './schema.js';

/** A problem tied to a rule. */
export interface Finding extends ConfigProblem {
  rule?: string;
}

/** What checking a file needs: how to compile, CEL, and the shell analysis for examples. */
export interface CheckOptions extends CompileOptions {
  analyze: Analyze;
  /** false: leave examples to the caller (`nomos test` reports them as failures). */
  examples?: boolean;
}

/**
 * Checks what the schema cannot: CEL syntax and types, globs and regexes, and every
 * rule's examples against the rule itself. Returns the rules that compiled.
 */
export function checkRules(file: ParsedRuleFile, locate: Locate, options: CheckOptions): { findings: Finding[]; rules: CompiledRule[] } {
  const findings: Finding[] = [];
  const rules: CompiledRule[] = [];
  file.spec.rules.forEach((rule, i) => {
    const at = (path: (string | number)[], code: string, message: string, shift = 0) => {
      const pos = locate(['rules', i, ...path]);
      findings.push({ file: file.file, line: pos.line, col: pos.col + shift, code, message, rule: rule.id });
    };
    const before = findings.length;
    for (const [path, pattern] of patternsOf(rule)) {
      const problem = patternProblem(pattern);
      if (problem) at(path, 'nomos.rules.pattern', `invalid pattern ${JSON.stringify(pattern)}: ${problem}`);
    }
    for (const [path, expression, want] of expressionsOf(rule)) {
      const problem = checkExpression(options.conditions, expression, want);
      if (problem) at(path, 'nomos.rules.cel', problem.message, problem.offset);
    }
    if (findings.length > before) return;
    const compiled = compileRule(rule, { file: file.file, ...file.ruleLocations[i]! }, options, { layer: file.layer ?? 'rules', order: i });
    rules.push(compiled);
    for (const failure of options.examples === false ? [] : checkExamples(compiled, options.analyze, options.workspace)) {
      at(['examples', failure.list, failure.index], 'nomos.rules.example', describeFailure(compiled, failure));
    }
  });
  return { findings, rules };
}

/** A CEL problem, with its offset into the expression so the column points at it (exact for one-line plain values). */
function checkExpression(engine: ConditionEngine | undefined, expression: string, want?: 'bool'): { message: string; offset: number } | undefined {
  if (!engine) return { message: 'CEL conditions cannot be checked: the CEL engine was not loaded', offset: 0 };
  const problem = engine.check(expression, want);
  return problem ? { message: `CEL: ${problem.message}`, offset: problem.offset } : undefined;
}

/** Every CEL expression of a rule with its data path: `when`, and `record` values written `=…`. */
export function expressionsOf(rule: RuleSpec): [(string | number)[], string, 'bool' | undefined][] {
  const out: [(string | number)[], string, 'bool' | undefined][] = [];
  if (rule.when) out.push([['when'], rule.when, 'bool']);
  for (const [key, value] of Object.entries(rule.record ?? {})) {
    if (typeof value === 'string' && value.startsWith('=')) out.push([['record', key], value.slice(1), undefined]);
  }
  return out;
}

/** Every glob or regex of a rule's match, with its data path. */
function patternsOf(rule: RuleSpec): [(string | number)[], string][] {
  const out: [(string | number)[], string][] = [];
  const walk = (m: BaseMatchSpec, base: (string | number)[]) => {
    const add = (key: string, v: string | string[] | undefined, path = [...base, key]) => list(v)?.forEach((p, k) => out.push([Array.isArray(v) ? [...path, k] : path, p]));
    for (const key of ['args', 'expands', 'via', 'actor', 'session', 'cwd'] as const) add(key, m[key]);
    m.argv?.forEach((p, k) => out.push([[...base, 'argv', k], p]));
    add('path', m.file?.path, [...base, 'file', 'path']);
    for (const key of ['host', 'path', 'method', 'scheme'] as const) add(key, m.http?.[key], [...base, 'http', key]);
    for (const key of ['server', 'tool'] as const) add(key, m.mcp?.[key], [...base, 'mcp', key]);
  };
  walk(rule.match, ['match']);
  if (rule.match.not) walk(rule.match.not, ['match', 'not']);
  return out;
}

/** True when any rule of the files needs the CEL engine (expressionsOf, without building its list: every call asks). */
export function needsConditions(files: ParsedRuleFile[]): boolean {
  return files.some((f) => f.spec.rules.some((r) => Boolean(r.when) || (r.record !== undefined && Object.values(r.record).some((v) => typeof v === 'string' && v.startsWith('=')))));
}
