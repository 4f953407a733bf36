import type { Action, Opaque } from '../../action/types.js';
import { decide } from '../../pipeline.js';
import type { Evaluation, RuleMatch } from '../../policy/evaluate.js';
import { asciiOnly, quotedWord, visible } from '../../visible.js';
import type { CliEnv } from '../context.js';
import { loadDecideDeps } from '../decide-deps.js';
import { evaluationJson } from '../format.js';
import { toRequest, type PolicyFlags } from '../options.js';

export interface ExplainOptions extends PolicyFlags {
  json?: boolean;
}

/** `nomos explain`: what bash would run for a command, and how each part was decided. Exit 0. */
export async function runExplain(words: string[], options: ExplainOptions, cli: CliEnv): Promise<number> {
  const request = toRequest(words);
  const evaluation = decide(request, await loadDecideDeps(options, cli, request));
  cli.stdout(options.json ? `${JSON.stringify(explainJson(evaluation))}\n` : formatExplain(evaluation));
  return 0;
}

/** The JSON shape of `explain --json`: check's shape, with each action carrying the rules it matched. */
export function explainJson(evaluation: Evaluation): Record<string, unknown> {
  const base = evaluationJson(evaluation);
  const actions = evaluation.actions.map((action, index) => ({ ...action, rules: rulesOf(evaluation, index).map(ruleJson) }));
  return { ...base, actions };
}

/**
 * The readable tree: one line per action, indented by its `via` depth (so a file action sits
 * under the program that implies it), each with the rules that matched it, then the opaque
 * parts, then the decision. Each line is escaped whole (visible()), once: the agent wrote the
 * words, paths and URLs in it, and a terminal would obey their control characters; a line break
 * in a path shows as `⟦LF⟧`, never as a line that looks like nomos wrote it.
 */
export function formatExplain(evaluation: Evaluation): string {
  const lines: string[] = [];
  evaluation.actions.forEach((action, index) => {
    const depth = action.kind === 'exec' ? action.via.length : Math.max(action.via.length - 1, 0);
    const prefix = `${'  '.repeat(depth)}${action.kind === 'exec' ? '▸ ' : '└ '}`;
    lines.push(`${visible(`${prefix}${describeAction(action)}${viaText(action)}`)}${lookAlike(action)}`);
    for (const rule of rulesOf(evaluation, index)) lines.push(visible(`${'  '.repeat(depth + 2)}${rule.decision} by ${rule.id} (${rule.source})${rule.message ? `: ${rule.message}` : ''}`));
  });
  if (evaluation.actions.length === 0) lines.push('(nothing would run)');
  for (const part of evaluation.opaque) lines.push(visible(formatOpaque(part)));
  lines.push('', visible(`decision: ${evaluation.decision}`), visible(`reason: ${evaluation.reason}`));
  return `${lines.join('\n')}\n`;
}

function rulesOf(evaluation: Evaluation, index: number): RuleMatch[] {
  return evaluation.rules.filter((r) => r.action === index);
}

function ruleJson(rule: RuleMatch): Record<string, unknown> {
  return { id: rule.id, decision: rule.decision, source: rule.source, ...(rule.message ? { message: rule.message } : {}) };
}

/** One action as a line: the argv for a program, `op path` for a file, `METHOD url` for a request. */
function describeAction(action: Action): string {
  if (action.kind === 'exec') {
    const argv = action.argv.map((word, i) => (action.dynamic?.includes(i) ? `${quotedWord(word)}?` : quotedWord(word))).join(' ');
    return `${action.program}: ${argv}${action.cwd === undefined ? '  (cwd unknown)' : ''}`;
  }
  if (action.kind === 'file') {
    const depth = action.recursive ? (action.skipsHidden ? '  (recursive, hidden files skipped)' : '  (recursive)') : '';
    const listed = action.listedInPart ? '  (not all listed)' : action.below !== undefined ? `  (found below ${action.below})` : '';
    return `${action.op} ${action.path}${action.target ? ` → ${action.target}` : ''}${depth}${listed}${action.dynamic ? '  (not known statically)' : ''}`;
  }
  if (action.kind === 'mcp') return `tool ${action.server}/${action.tool}`;
  return `${action.method} ${action.url}`;
}

/** A program named in look-alike letters (`сurl`, a Cyrillic с) is not the one it resembles; already escaped. */
function lookAlike(action: Action): string {
  return action.kind === 'exec' && /[^\x00-\x7f]/.test(action.program) ? `  (program name not plain ASCII: ${asciiOnly(action.program)})` : '';
}

function viaText(action: Action): string {
  return action.kind === 'exec' && action.via.length > 0 ? `   via ${action.via.join(' › ')}` : '';
}

function formatOpaque(part: Opaque): string {
  const via = part.via.length > 0 ? ` via ${part.via.join(' › ')}` : '';
  return `? opaque ${JSON.stringify(part.text)} [${part.span[0]}, ${part.span[1]})${via}: ${part.reason}`;
}
