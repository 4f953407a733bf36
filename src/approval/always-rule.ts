import { crypto } from '../builtins.js';
import { existsSync, readFileSync } from 'node:fs';
import { writeAtomic } from '../atomic-write.js';
import { dirname } from 'node:path';
import { makeDirs } from '../make-dirs.js';
import { commandWords } from '../action/command-words.js';
import type { ExecAction } from '../action/types.js';
import { compileRule } from '../policy/compile.js';
import type { Evaluation } from '../policy/evaluate.js';
import type { RuleSpec } from '../policy/schema.js';
import { YES } from '../policy/tristate.js';

/** The allow rules "always" would add, or why it cannot be offered. */
export type AlwaysProposal = { rules: RuleSpec[] } | { unavailable: string };

/**
 * Proposes allow rules for the commands that fell to the default `ask`. The strictest
 * decision wins, so an allow rule cannot override a rule that asked or denied, nor an
 * opaque part: then "always" is not offered, and the prompt says why.
 */
export function proposeAlwaysRules(evaluation: Evaluation, note: string): AlwaysProposal {
  const explicit = evaluation.rules.filter((r) => r.decision === 'ask' || r.decision === 'deny').map((r) => r.id);
  if (explicit.length) return { unavailable: `rule ${[...new Set(explicit)].join(', ')} asked; an allow rule cannot override it (disable it in your config instead)` };
  if (evaluation.opaque.length) return { unavailable: 'parts of the command cannot be analysed' };
  const matched = new Set(evaluation.rules.map((r) => r.action));
  const open = evaluation.actions.flatMap((a, i) => (a.kind === 'exec' && !matched.has(i) ? [a] : []));
  if (open.length === 0 || open.some((a) => a.dynamic?.length)) return { unavailable: 'nothing in the command can be allowed by a fixed rule' };
  const rules = dedupe(open.map((a) => ruleFor(a, note)));
  if (!open.every((a) => rules.some((r) => compileRule(r, { file: '', line: 0, col: 0 }, { home: '', workspace: '' }).test(a) === YES))) {
    return { unavailable: 'no rule can be written that matches this command exactly enough' };
  }
  return { rules };
}

function ruleFor(action: ExecAction, note: string): RuleSpec {
  const command = commandWords(action).map((w) => w.word).join(' ');
  const id = `always.${action.program.toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^-+/, '') || 'cmd'}-${crypto().createHash('sha256').update(command + action.flags.join(' ')).digest('hex').slice(0, 6)}`;
  return { id, description: note, match: { command, ...(action.flags.length ? { flags: action.flags } : {}) }, decision: 'allow' };
}

function dedupe(rules: RuleSpec[]): RuleSpec[] {
  return rules.filter((r, i) => rules.findIndex((s) => s.id === r.id) === i);
}

/** The proposal as the YAML the human is shown (the exact text added under `rules:`). */
export async function rulesYaml(rules: RuleSpec[]): Promise<string> {
  const { stringify } = await loadYaml();
  return stringify(rules, { lineWidth: 0 });
}

/**
 * Appends the rules to a rule file (created as `version: 1` if missing), keeping its
 * comments, after checking the result still loads: a broken file would stop every decision.
 * `base` is the file's text as the caller read it (it is not read again); returns the text written.
 */
export async function appendRules(file: string, rules: RuleSpec[], base?: string): Promise<string> {
  const { parseDocument, isSeq } = await loadYaml();
  const { parseRuleFile } = await import('../policy/load.js');
  const doc = parseDocument(base ?? (existsSync(file) ? readFileSync(file, 'utf8') : 'version: 1\nrules: []\n'));
  const list = doc.get('rules');
  if (!isSeq(list)) doc.set('rules', doc.createNode(rules));
  else {
    list.flow = false;
    for (const rule of rules) list.add(doc.createNode(rule));
  }
  const text = doc.toString({ lineWidth: 0 });
  parseRuleFile(text, file); // throws a ConfigError with file:line:col rather than writing a broken file
  makeDirs(dirname(file), 0o700);
  writeAtomic(file, text);
  return text;
}

/** yaml, loaded only when "always" is offered; bundled, its CommonJS exports sit under `default`. */
async function loadYaml(): Promise<typeof import('yaml')> {
  const mod = await import('yaml');
  return (mod as unknown as { default?: typeof mod }).default ?? mod;
}
