import type { AuditEvent } from './event.js';
import type { StoredEvent } from './read.js';

/** The formats `audit export` writes. */
export type ExportFormat = 'jsonl' | 'csv' | 'cef';

const CSV_COLUMNS = ['seq', 'time', 'type', 'id', 'session', 'user', 'decision', 'evaluated', 'rules', 'request', 'reason', 'decision_id', 'exit_code', 'signal', 'duration_ms', 'hash'] as const;

/** The header line of a format, if it has one. */
export function exportHeader(format: ExportFormat): string | undefined {
  return format === 'csv' ? CSV_COLUMNS.join(',') : undefined;
}

/** One event in an export format: the stored line itself for jsonl (its seal still checks). */
export function exportLine(stored: StoredEvent, format: ExportFormat): string {
  if (format === 'jsonl') return stored.line;
  return format === 'csv' ? csvRow(stored.event) : cefLine(stored.event);
}

function fields(e: AuditEvent): Record<(typeof CSV_COLUMNS)[number], unknown> {
  const d = e.type === 'decision' ? e : undefined;
  const o = e.type === 'outcome' ? e : undefined;
  return {
    seq: e.seq, time: e.time, type: e.type, id: e.id, session: d?.session ?? o?.session, user: d?.actor?.user,
    decision: d?.decision, evaluated: d?.evaluated, rules: d?.rules?.map((r) => r.id).join(' '), request: d?.request,
    reason: d?.reason, decision_id: o?.decision_id, exit_code: o?.exit_code, signal: o?.signal, duration_ms: o?.duration_ms, hash: e.hash,
  };
}

function csvRow(e: AuditEvent): string {
  return Object.values(fields(e)).map((v) => {
    const text = v === undefined || v === null ? '' : String(v);
    // RFC 4180 quoting; a leading = + - @ is defused so spreadsheets do not run it as a formula.
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  }).join(',');
}

const SEVERITY: Record<string, number> = { deny: 8, ask: 6, modify: 4, allow: 2 };

/** ArcSight CEF: `CEF:0|vendor|product|version|signature|name|severity|extensions`. */
function cefLine(e: AuditEvent): string {
  const f = fields(e);
  const severity = e.type === 'decision' ? SEVERITY[e.decision] ?? 5 : 1;
  const name = e.type === 'decision' ? `${e.decision} by nomos` : e.type === 'outcome' ? 'command ended' : 'log rotated';
  const ext: [string, unknown, string?][] = [
    ['rt', Date.parse(e.time)], ['externalId', e.id], ['suser', f.user], ['cs1', f.session, 'session'], ['act', f.decision],
    ['cs2', f.rules, 'rules'], ['request', f.request], ['reason', f.reason], ['cs3', f.decision_id, 'decision_id'],
    ['cn1', f.exit_code, 'exit_code'], ['cs4', e.hash, 'hash'],
  ];
  const extension = ext.filter(([, v]) => v !== undefined && v !== '')
    .flatMap(([k, v, label]) => [...(label ? [`${k}Label=${label}`] : []), `${k}=${cefValue(String(v))}`]).join(' ');
  return `CEF:0|nomos|nomos|1|${cefHeader(`${e.type}`)}|${cefHeader(name)}|${severity}|${extension}`;
}

function cefHeader(text: string): string {
  return text.replace(/[\\|]/g, '\\$&').replace(/[\r\n]+/g, ' ');
}

function cefValue(text: string): string {
  return text.replace(/[\\=]/g, '\\$&').replace(/\r?\n|\r/g, '\\n');
}
