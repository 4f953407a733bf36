import type { CompiledRule } from './compile.js';
import type { Decision } from './decision.js';

/** The effective policy: compiled rules, indexed, and the fallbacks. */
export interface Policy {
  rules: CompiledRule[];
  /** Decision for a command no rule matches. */
  default: Decision;
  /** Decision for parts nomos cannot analyse. */
  opaque: Decision;
  /** The rule files it came from, in layer order. */
  sources: string[];
  index: PolicyIndex;
}

/** Rules grouped so an action only meets the rules that can match it. */
export interface PolicyIndex {
  byProgram: Map<string, CompiledRule[]>;
  anyProgram: CompiledRule[];
  file: CompiledRule[];
  http: CompiledRule[];
}

/** Builds the policy from compiled rules (in layer order). */
export function buildPolicy(rules: CompiledRule[], settings: { default: Decision; opaque: Decision; sources: string[] }): Policy {
  const index: PolicyIndex = { byProgram: new Map(), anyProgram: [], file: [], http: [] };
  for (const rule of rules) {
    if (rule.kind === 'file') index.file.push(rule);
    else if (rule.kind === 'http') index.http.push(rule);
    else if (!rule.programs) index.anyProgram.push(rule);
    else for (const p of new Set(rule.programs)) index.byProgram.set(p, [...(index.byProgram.get(p) ?? []), rule]);
  }
  return { rules, ...settings, index };
}
