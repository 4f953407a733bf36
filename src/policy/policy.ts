import { commandWords } from '../action/command-words.js';
import type { Action } from '../action/types.js';
import type { CompiledRule } from './compile.js';
import type { Decision } from './decision.js';
import type { Untrusted } from './untrusted.js';

/** A rule switched off by a later layer's `disable:`; never silent, `nomos rules list` shows it. */
export interface DisabledRule {
  id: string;
  source: string;
  layer: string;
  /** The `file` whose `disable:` pattern matched, and the pattern. */
  by: string;
  pattern: string;
}

/** The effective policy: compiled rules, indexed, and the fallbacks. */
export interface Policy {
  rules: CompiledRule[];
  /** Decision for a command no rule matches. */
  default: Decision;
  /** Decision for parts nomos cannot analyse. */
  opaque: Decision;
  /** The rule files it came from, in layer order. */
  sources: string[];
  /** sha256 over the sources' paths and contents, set by the loader that read them (the audit log names it). */
  digest?: string;
  disabled: DisabledRule[];
  /** A project config not trusted as it is, and what of it was left out (nothing: absent). */
  untrusted?: Untrusted;
  index: PolicyIndex;
}

/** Rules grouped so an action only meets the rules that can match it: cost does not grow with rules that cannot. */
export interface PolicyIndex {
  /** Exec rules by `program` (no subcommand words) and by `program subcommand`. */
  byKey: Map<string, CompiledRule[]>;
  /** Every exec rule for a program, for a dynamic subcommand word. */
  byProgram: Map<string, CompiledRule[]>;
  anyProgram: CompiledRule[];
  /** File rules by the first directory of their path globs (`/etc`). */
  fileByDir: Map<string, CompiledRule[]>;
  fileAnyDir: CompiledRule[];
  http: CompiledRule[];
  /** MCP tool call rules. */
  mcp: CompiledRule[];
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Builds the policy from compiled rules (in layer order). */
export function buildPolicy(rules: CompiledRule[], settings: { default: Decision; opaque: Decision; sources: string[]; disabled?: DisabledRule[]; untrusted?: Untrusted }): Policy {
  const index: PolicyIndex = { byKey: new Map(), byProgram: new Map(), anyProgram: [], fileByDir: new Map(), fileAnyDir: [], http: [], mcp: [] };
  for (const rule of rules) {
    if (rule.kind === 'http') index.http.push(rule);
    else if (rule.kind === 'mcp') index.mcp.push(rule);
    else if (rule.kind === 'file') {
      if (rule.dirs) rule.dirs.forEach((d, i) => rule.dirs!.indexOf(d) === i && push(index.fileByDir, d, rule));
      else index.fileAnyDir.push(rule);
    } else if (!rule.keys) index.anyProgram.push(rule);
    else {
      // Each key and program once per rule (a rule's keys are few: no Set needed).
      const programs = rule.keys.map((k) => (k.includes(' ') ? k.slice(0, k.indexOf(' ')) : k));
      rule.keys.forEach((key, i) => rule.keys!.indexOf(key) === i && push(index.byKey, key, rule));
      programs.forEach((program, i) => programs.indexOf(program) === i && push(index.byProgram, program, rule));
    }
  }
  return { rules, default: settings.default, opaque: settings.opaque, sources: settings.sources, disabled: settings.disabled ?? [], ...(settings.untrusted ? { untrusted: settings.untrusted } : {}), index };
}

/** The rules that could match an action, in policy order. */
export function candidates(policy: Policy, action: Action): CompiledRule[] {
  const { index } = policy;
  if (action.kind === 'mcp') return index.mcp;
  if (action.kind === 'http') return index.http;
  if (action.kind === 'file') {
    // A recursive op on / reaches every file rule's files; a dynamic path (`cat "$F"`, a glob
    // no front end listed) may be any file, wherever its written part says it starts.
    if ((action.recursive && action.path === '/') || action.dynamic) return merge([index.fileAnyDir, ...index.fileByDir.values()]);
    const dirs = [action.path, action.target].filter((p): p is string => p !== undefined).map((p) => `/${p.split('/')[1] ?? ''}`);
    return merge([index.fileAnyDir, ...dirs.map((d) => index.fileByDir.get(d) ?? [])]);
  }
  // Rules name a program (`ls`) or a path as written (`./gradlew`).
  const names = action.path !== undefined ? [action.program, action.path] : [action.program];
  const sub = commandWords(action)[1];
  if (sub && action.dynamic?.includes(sub.index)) return merge([...names.map((n) => index.byProgram.get(n) ?? []), index.anyProgram]);
  const bare = names.map((n) => index.byKey.get(n) ?? []);
  const withSub = sub ? names.map((n) => index.byKey.get(`${n} ${sub.word}`) ?? []) : [];
  return merge([...bare, ...withSub, index.anyProgram]);
}

/** Concatenates lists and restores policy order (only where more than one list has rules). */
function merge(lists: CompiledRule[][]): CompiledRule[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  return [...new Set(nonEmpty.flat())].sort((a, b) => a.order - b.order);
}
