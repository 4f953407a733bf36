import picomatch from 'picomatch';
import { commandWords } from '../action/command-words.js';
import type { Action, ExecAction, FileAction, HttpAction } from '../action/types.js';
import type { Decision } from './decision.js';
import type { ParsedRuleFile } from './load.js';
import type { MatchSpec, RuleSpec } from './schema.js';
import { all, any, MAYBE, negate, NO, YES, type Tri } from './tristate.js';

/** Where rule patterns' `~` and `${workspace}` point. */
export interface CompileContext {
  home: string;
  workspace: string;
}

/** A rule ready to evaluate. */
export interface CompiledRule {
  id: string;
  decision: Decision;
  description?: string;
  message?: string;
  tags: string[];
  source: { file: string; line: number; col: number };
  /** Which action kind the rule looks at. */
  kind: Action['kind'];
  /** Programs it can match (for the index); undefined means any. */
  programs?: string[];
  test: (action: Action) => Tri;
  spec: RuleSpec;
}

const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** Compiles every rule of the parsed files, in order. */
export function compileRules(files: ParsedRuleFile[], ctx: CompileContext): CompiledRule[] {
  return files.flatMap((f) => f.spec.rules.map((rule, i) => compileRule(rule, { file: f.file, ...f.ruleLocations[i]! }, ctx)));
}

/** Compiles one rule's match into a test function. */
export function compileRule(rule: RuleSpec, source: CompiledRule['source'], ctx: CompileContext): CompiledRule {
  const kind: Action['kind'] = rule.match.file ? 'file' : rule.match.http ? 'http' : 'exec';
  const positive = compileMatch(rule.match, kind, ctx);
  const negative = rule.match.not ? compileMatch(rule.match.not, kind, ctx) : undefined;
  const commands = list(rule.match.command);
  return {
    id: rule.id,
    decision: rule.decision,
    ...(rule.description !== undefined ? { description: rule.description } : {}),
    ...(rule.message !== undefined ? { message: rule.message } : {}),
    tags: rule.tags ?? [],
    source,
    kind,
    ...(commands ? { programs: commands.map((c) => c.trim().split(/\s+/)[0]!) } : {}),
    test: (action) => (action.kind !== kind ? NO : all([positive(action), negative ? negate(negative(action)) : YES])),
    spec: rule,
  };
}

type Test = (action: Action) => Tri;

function compileMatch(match: Omit<MatchSpec, 'not'>, kind: Action['kind'], ctx: CompileContext): Test {
  const tests: Test[] = [];
  if (kind === 'exec') tests.push(...compileExec(match, ctx));
  if (match.file) tests.push(compileFile(match.file, ctx));
  if (match.http) tests.push(compileHttp(match.http));
  const via = list(match.via);
  if (via) tests.push((a) => (a.via.some((v) => via.some((w) => v === w || v.startsWith(`${w} `))) ? YES : NO));
  return (action) => all(tests.map((t) => t(action)));
}

function compileExec(match: Omit<MatchSpec, 'not'>, ctx: CompileContext): Test[] {
  const tests: Test[] = [];
  const commands = list(match.command)?.map((c) => c.trim().split(/\s+/));
  if (commands) tests.push((a) => any(commands.map((words) => commandMatches(a as ExecAction, words))));
  const flags = list(match.flags);
  if (flags) tests.push((a) => flagsMatch(a as ExecAction, flags));
  const args = list(match.args);
  if (args) {
    const matchers = args.map((g) => globMatcher(expand(g, ctx)));
    tests.push((a) => argsMatch(a as ExecAction, matchers));
  }
  return tests;
}

function isDynamic(action: ExecAction, argIndex: number): boolean {
  return action.dynamic?.includes(argIndex) ?? false;
}

/** `git push`: the program, then its first positional words in order (global options skipped). */
function commandMatches(action: ExecAction, words: string[]): Tri {
  if (action.program !== words[0]) return NO;
  const actual = commandWords(action);
  return all(words.slice(1).map((word, k) => {
    const got = actual[k + 1];
    if (got === undefined) return NO;
    if (isDynamic(action, got.index)) return MAYBE;
    return got.word === word ? YES : NO;
  }));
}

function flagsMatch(action: ExecAction, flags: string[]): Tri {
  if (action.flags.some((f) => flags.includes(f))) return YES;
  return action.dynamic?.some((i) => i > 0) ? MAYBE : NO;
}

function argsMatch(action: ExecAction, matchers: ((s: string) => boolean)[]): Tri {
  const values = action.argv.map((value, index) => ({ value, index })).filter((x) => x.index > 0 && !x.value.startsWith('-'));
  return any(values.map(({ value, index }) => (isDynamic(action, index) ? MAYBE : matchers.some((m) => m(value)) ? YES : NO)));
}

function compileFile(match: NonNullable<MatchSpec['file']>, ctx: CompileContext): Test {
  const ops = list(match.op);
  const paths = list(match.path)?.map((g) => globMatcher(expand(g, ctx)));
  return (a) => {
    const f = a as FileAction;
    if (ops && !ops.includes(f.op)) return NO;
    if (!paths) return YES;
    if (f.dynamic) return MAYBE;
    return paths.some((m) => m(f.path) || (f.target !== undefined && m(f.target))) ? YES : NO;
  };
}

function compileHttp(match: NonNullable<MatchSpec['http']>): Test {
  const methods = list(match.method)?.map((m) => m.toUpperCase());
  const hosts = list(match.host)?.map((h) => ({ withPort: h.includes(':'), test: globMatcher(h.toLowerCase()) }));
  const paths = list(match.path)?.map(globMatcher);
  const schemes = list(match.scheme)?.map((s) => s.toLowerCase());
  return (a) => {
    const h = a as HttpAction;
    const ok = (!methods || methods.includes(h.method))
      && (!hosts || hosts.some((m) => m.test(m.withPort ? `${h.host}:${h.port}` : h.host)))
      && (!paths || paths.some((m) => m(h.path)))
      && (!schemes || schemes.includes(h.scheme));
    return ok ? YES : NO;
  };
}

function expand(pattern: string, ctx: CompileContext): string {
  let p = pattern.replaceAll('${workspace}', ctx.workspace);
  if (p === '~' || p.startsWith('~/')) p = ctx.home + p.slice(1);
  return p;
}

function globMatcher(glob: string): (s: string) => boolean {
  return picomatch(glob, { dot: true });
}
