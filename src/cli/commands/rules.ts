import { UsageError } from '../../errors.js';
import type { CompiledRule } from '../../policy/compile.js';
import type { Policy } from '../../policy/policy.js';
import { visible } from '../../visible.js';
import type { PolicyFlags } from '../options.js';

export interface RulesOptions extends PolicyFlags {
  json?: boolean;
}

const summary = (r: CompiledRule) => ({ id: r.id, decision: r.decision, layer: r.layer, source: `${r.source.file}:${r.source.line}:${r.source.col}`, ...(r.description ? { description: r.description } : {}), tags: r.tags });

/** `nomos rules list`: the effective rules, their layer and source, every disabled rule with who disabled it, and what an untrusted project config loses. */
export function listRules(policy: Policy, json: boolean): string {
  if (json) return `${JSON.stringify({ default: policy.default, opaque: policy.opaque, rules: policy.rules.map(summary), disabled: policy.disabled, ...(policy.untrusted ? { untrusted: policy.untrusted } : {}) }, null, 2)}\n`;
  const width = Math.max(...policy.rules.map((r) => r.id.length), 10);
  const lines = policy.rules.map((r) => `${r.id.padEnd(width)}  ${r.decision.padEnd(6)}  ${r.layer.padEnd(7)}  ${r.source.file}:${r.source.line}`);
  lines.push(`default: ${policy.default}, opaque: ${policy.opaque}, ${policy.rules.length} rules`);
  for (const d of policy.disabled) lines.push(`disabled: ${d.id} (${d.source}) by ${d.by} (${JSON.stringify(d.pattern)})`);
  if (policy.untrusted) {
    lines.push(`not trusted: ${policy.untrusted.file} (\`nomos trust\` trusts it as it is); left out:`);
    lines.push(...policy.untrusted.ignored.map((i) => `  ${i}`));
  }
  // Rule files can come with a repository: their paths and patterns are shown escaped.
  return `${lines.map((line) => visible(line)).join('\n')}\n`;
}

/** `nomos rules show ID`: one rule in full, as loaded. */
export function showRule(policy: Policy, id: string, json: boolean): string {
  const rule = policy.rules.find((r) => r.id === id);
  const disabled = policy.disabled.find((d) => d.id === id);
  if (!rule && disabled) return json ? `${JSON.stringify({ disabled })}\n` : `${visible(`${id} is disabled by ${disabled.by} (${JSON.stringify(disabled.pattern)})`)}\n`;
  if (!rule) throw new UsageError(`no rule "${id}" in the effective policy (nomos rules list shows them)`);
  const data = { ...summary(rule), spec: rule.spec };
  if (json) return `${JSON.stringify(data, null, 2)}\n`;
  return visible(`${rule.id} (${rule.decision}) from ${data.source} [${rule.layer}]\n${JSON.stringify(rule.spec, null, 2)}\n`, { keepNewlines: true });
}
