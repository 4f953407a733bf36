import { checkRules, type CheckOptions, type Finding } from '../check-rules.js';
import type { ParsedRuleFile } from '../compile.js';
import type { Locate, RuleFileRead } from '../load.js';
import { contradictions, riskyAllow, shadowed } from './semantics.js';

/** Finding codes `nomos lint` reports; stable, documented in docs/rules.md. */
export const LINT_CODES = [
  'nomos.rules.yaml', 'nomos.rules.schema', 'nomos.rules.unknown-key', 'nomos.rules.pattern', 'nomos.rules.cel',
  'nomos.rules.example', 'nomos.rules.duplicate-id', 'nomos.rules.never-fires', 'nomos.rules.shadowed', 'nomos.rules.risky-allow',
] as const;

/** Lints rule files together: every problem of every file, collected before any is reported. */
export function lintFiles(reads: RuleFileRead[], options: CheckOptions): Finding[] {
  const findings: Finding[] = reads.flatMap((r) => r.problems);
  const files = reads.filter((r): r is RuleFileRead & { parsed: ParsedRuleFile } => r.parsed !== undefined);
  for (const f of files) {
    findings.push(...checkRules(f.parsed, f.locate, options).findings);
    findings.push(...perRule(f.parsed, f.locate));
  }
  findings.push(...duplicateIds(files), ...shadowed(files));
  return findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function perRule(file: ParsedRuleFile, locate: Locate): Finding[] {
  const out: Finding[] = [];
  file.spec.rules.forEach((rule, i) => {
    const at = { file: file.file, ...locate(['rules', i, 'match']), rule: rule.id };
    const never = contradictions(rule);
    if (never) out.push({ ...at, code: 'nomos.rules.never-fires', message: never });
    const risky = riskyAllow(rule);
    if (risky) out.push({ ...at, code: 'nomos.rules.risky-allow', message: risky });
  });
  return out;
}

function duplicateIds(files: { parsed: ParsedRuleFile; locate: Locate }[]): Finding[] {
  const seen = new Map<string, string>();
  const out: Finding[] = [];
  for (const f of files) {
    f.parsed.spec.rules.forEach((rule, i) => {
      const first = seen.get(rule.id);
      const where = f.locate(['rules', i, 'id']);
      if (first) out.push({ file: f.parsed.file, ...where, code: 'nomos.rules.duplicate-id', rule: rule.id, message: `rule id "${rule.id}" is already defined at ${first}` });
      else seen.set(rule.id, `${f.parsed.file}:${where.line}`);
    });
  }
  return out;
}
