import { cutEscaped, textWidth } from '../text-width.js';
import { visible } from '../visible.js';
import type { AuditEvent, DecisionEvent, OutcomeEvent } from './event.js';

/** The colours human output uses; a chalk instance fits (its level decides whether they show). */
export interface Paint {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const DECISION_COLOUR = { allow: 'green', modify: 'cyan', ask: 'yellow', deny: 'red' } as const;

/**
 * One line per event for `audit tail`: time, session, decision, command, rule. Given the
 * terminal's `width`, the command (or an outcome's error) is cut so the line fits it, ending in
 * `⟦…⟧`; without one (not a terminal) it is whole.
 */
export function formatEventLine(event: AuditEvent, paint: Paint, width = Infinity): string {
  const time = paint.dim(shortTime(event.time));
  if (event.type === 'decision') return formatDecisionLine(event, time, paint, width);
  if (event.type === 'outcome') return formatOutcomeLine(event, time, paint, width);
  return paint.dim(`${shortTime(event.time)} — log continues from ${visible(String(event.previous))} (seq ${event.seq})`);
}

function formatDecisionLine(e: DecisionEvent, time: string, paint: Paint, width: number): string {
  const colour = DECISION_COLOUR[e.decision as keyof typeof DECISION_COLOUR] ?? 'bold';
  const head = `${shortTime(e.time)} ${visible(e.session)} ${e.decision.toUpperCase().padEnd(6)} `;
  const settled = e.approval ? ` (${e.evaluated} → ${visible(e.approval.by)})` : '';
  const rule = e.rules.find((r) => r.decision === e.evaluated)?.id;
  const ruleText = rule ? ` ${visible(rule)}` : '';
  const request = oneLine(e.request, width - textWidth(head) - textWidth(ruleText) - textWidth(settled));
  return `${time} ${paint.cyan(visible(e.session))} ${paint[colour](e.decision.toUpperCase().padEnd(6))} ${request}${paint.dim(ruleText)}${paint.dim(settled)}`;
}

function formatOutcomeLine(e: OutcomeEvent, time: string, paint: Paint, width: number): string {
  const took = e.duration_ms !== undefined ? ` ${e.duration_ms} ms` : '';
  const of = ` of ${e.decision_id.slice(0, 8)}`;
  const head = `${shortTime(e.time)} ${visible(e.session)} ${'↳'.padEnd(6)} error: `;
  const status = e.error ? paint.red(`error: ${oneLine(e.error, width - textWidth(head) - took.length - of.length)}`)
    : e.signal ? paint.red(`killed by ${e.signal}`)
      : e.exit_code === 0 ? paint.green('exit 0') : paint.yellow(`exit ${e.exit_code}`);
  return `${time} ${paint.cyan(visible(e.session))} ${paint.dim('↳'.padEnd(6))} ${status}${paint.dim(took)}${paint.dim(of)}`;
}

/**
 * `audit show`: one decision and its outcome, a field a line. The agent wrote the request, the
 * paths and much of the rest: every field is shown escaped (visible()), or a terminal would obey it.
 */
export function formatShow(decision: DecisionEvent, outcome: OutcomeEvent | undefined, paint: Paint): string {
  const v = (text: unknown) => visible(String(text));
  const rows: [string, string][] = [
    ['id', v(decision.id)], ['time', v(decision.time)], ['session', v(decision.session)],
    ['actor', decision.actor ? v(`${decision.actor.user} (pid ${decision.actor.pid}, parent ${decision.actor.ppid}${decision.actor.daemon ? `, decided by daemon ${decision.actor.daemon}` : ''})${decision.actor.agent ? `, agent ${decision.actor.agent}` : ''}`) : '-'],
    ['cwd', v(decision.cwd)], ['request', v(decision.request)],
    ['decision', `${paint[DECISION_COLOUR[decision.decision as keyof typeof DECISION_COLOUR] ?? 'bold'](v(decision.decision))} (rules said ${v(decision.evaluated)})`],
    ['reason', v(decision.reason)],
    ...decision.rules.map((r): [string, string] => ['rule', `${v(r.id)} ${v(r.decision)} ${paint.dim(v(r.source))}`]),
    ...(decision.approval ? [['approval', v(`${decision.approval.approved ? 'approved' : 'refused'} by ${decision.approval.by}: ${decision.approval.reason}`)] as [string, string]] : []),
    ['policy', decision.policy ? `${v(decision.policy.sha256.slice(0, 16))}… over ${decision.policy.files.length} file(s)` : '-'],
    ...(decision.redacted?.length ? [['redacted', v(decision.redacted.join(', '))] as [string, string]] : []),
    ['outcome', outcome ? v(describeOutcome(outcome)) : paint.dim('none recorded (denied, or still running)')],
    ['seq', `${decision.seq}  ${paint.dim(v(decision.hash))}`],
  ];
  // JSON escapes C0 controls but not C1, bidi or invisible characters.
  const actions = visible(JSON.stringify(decision.actions, null, 2), { keepNewlines: true }).split('\n').map((l) => `  ${l}`).join('\n');
  return `${rows.map(([k, v]) => `${paint.bold(k.padEnd(9))} ${v}`).join('\n')}\n${paint.bold('actions')}\n${actions}\n`;
}

function describeOutcome(e: OutcomeEvent): string {
  const how = e.error ? `error: ${e.error}` : e.signal ? `killed by ${e.signal} (exit ${e.exit_code})` : `exit ${e.exit_code}`;
  return `${how}${e.timed_out ? ', timed out' : ''}${e.duration_ms !== undefined ? ` after ${e.duration_ms} ms` : ''}`;
}

function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Fewest columns a cut text keeps, however narrow the terminal (it wraps then). */
const MIN_COLUMNS = 16;

/**
 * The text on one line, escaped, cut to `max` columns (a wide character counts two) with `⟦…⟧`;
 * the whole text is in `audit show`. An escape is kept whole or cut off whole.
 */
function oneLine(text: string, max: number): string {
  // Each line escaped, then joined: a ⏎ the agent typed is escaped, so ⏎ is only ever a line break.
  const flat = text.split(/[ \t]*\n[ \t]*/).map((line) => visible(line)).join(' ⏎ ');
  return cutEscaped(flat, Math.max(max, MIN_COLUMNS));
}
