import type { ParsedRuleFile } from './compile.js';
import { stricter, type Decision } from './decision.js';

/**
 * A project config nobody has trusted (`nomos trust`) comes with the repository: a cloned
 * repository, a pull request's branch, or the agent. It may only make the policy stricter.
 */
export interface Untrusted {
  /** The project config (its includes are the same layer). */
  file: string;
  /** What was left out, one line each (`rule p.make (allow)`, `default: allow`). */
  ignored: string[];
}

/** Profiles from loosest to strictest. */
const PROFILE_RANK: Record<string, number> = { permissive: 0, balanced: 1, strict: 2 };

/**
 * An untrusted file's rules that cannot loosen anything: deny and ask rules (the strictest
 * matching rule wins, so they only add), without `record:` and `tags:`, which would feed the
 * session values and tags the user's own conditions count (a budget recorded down with
 * `record: { deploys: -1000 }`). Its allow and modify rules and its `disable:` are left out;
 * `default:`, `opaque:` and `profile:` count only where they are stricter (see `settingsOf`).
 */
export function tightenOnly(file: ParsedRuleFile): { file: ParsedRuleFile; ignored: string[] } {
  const ignored: string[] = [];
  const kept = file.spec.rules.flatMap((rule, i) => {
    const at = `${file.file}:${file.ruleLocations[i]!.line}`;
    if (rule.decision !== 'deny' && rule.decision !== 'ask') ignored.push(`rule ${rule.id} (${rule.decision}) at ${at}`);
    // A regex can take exponential time on a crafted command: a hook that never answers lets the call through.
    else if (JSON.stringify([rule.match, rule.modify]).includes('"re:')) ignored.push(`rule ${rule.id} (a re: pattern, which an untrusted file may not use) at ${at}`);
    else return [i];
    return [];
  });
  const rules = kept.map((i) => {
    const { record, tags, ...rule } = file.spec.rules[i]!;
    if (record !== undefined || tags !== undefined) ignored.push(`record:/tags: of rule ${rule.id} at ${file.file}:${file.ruleLocations[i]!.line}`);
    return rule;
  });
  const locations = kept.map((i) => file.ruleLocations[i]!);
  const { disable, ...spec } = file.spec;
  if (disable !== undefined && [disable].flat().length > 0) ignored.push(`disable: ${JSON.stringify([disable].flat())} in ${file.file}`);
  return { file: { ...file, spec: { ...spec, rules }, ruleLocations: locations }, ignored };
}

/** The profile in effect after the files: the last one set, where an untrusted file's counts only if stricter. */
export function profileOf(files: ParsedRuleFile[], untrusted: (f: ParsedRuleFile) => boolean, ignored: string[]): string {
  let profile = 'balanced';
  for (const f of files) {
    const next = f.spec.profile;
    if (next === undefined) continue;
    if (untrusted(f) && PROFILE_RANK[next]! < PROFILE_RANK[profile]!) ignored.push(`profile: ${next} in ${f.file}`);
    else profile = next;
  }
  return profile;
}

/** `default:` and `opaque:` after the files, from the profile's: an untrusted file's count only if stricter. */
export function settingsOf(files: ParsedRuleFile[], start: { default: Decision; opaque: Decision }, untrusted: (f: ParsedRuleFile) => boolean, ignored: string[]): { default: Decision; opaque: Decision } {
  const out = { ...start };
  for (const f of files) {
    for (const key of ['default', 'opaque'] as const) {
      const value = f.spec[key];
      if (value === undefined) continue;
      if (!untrusted(f)) out[key] = value;
      else if (stricter(out[key], value) === value) out[key] = value;
      else ignored.push(`${key}: ${value} in ${f.file}`);
    }
  }
  return out;
}
