import { UsageError } from '../errors.js';
import type { AuditEvent } from './event.js';

/** What `tail` and `export` select by. */
export interface EventQuery {
  session?: string;
  decisions?: string[];
  rule?: string;
  since?: Date;
  until?: Date;
}

/**
 * A predicate for events in log order. Decisions are selected by every criterion;
 * an outcome goes with its decision when decision or rule criteria are given, so a
 * filtered view still shows how the selected commands ended. Rotation markers only
 * show in an unfiltered view.
 */
export function makeFilter(query: EventQuery): (event: AuditEvent) => boolean {
  const byDecision = Boolean(query.decisions?.length || query.rule);
  const selected = new Set<string>();
  return (event) => {
    if (query.since && Date.parse(event.time) < query.since.getTime()) return false;
    if (query.until && Date.parse(event.time) > query.until.getTime()) return false;
    if (event.type === 'rotate') return !byDecision && !query.session;
    if (query.session && event.session !== query.session) return false;
    if (event.type === 'outcome') return !byDecision || selected.has(event.decision_id);
    // An ask is settled into allow or deny by a human; `--decision ask` finds what the rules said too.
    if (query.decisions?.length && !query.decisions.includes(event.decision) && !query.decisions.includes(event.evaluated)) return false;
    if (query.rule && !event.rules?.some((r) => r.id === query.rule)) return false;
    selected.add(event.id);
    return true;
  };
}

/** `--since 1h` / `30m` / `2d` / `45s` (before `now`), or an ISO date or timestamp. */
export function parseTimeArg(text: string, now: Date = new Date()): Date {
  const relative = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/.exec(text.trim());
  if (relative) {
    const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 }[relative[2] as 's' | 'm' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const absolute = Date.parse(text);
  if (Number.isNaN(absolute)) throw new UsageError(`invalid time "${text}": use e.g. 30m, 1h, 2d, or 2025-01-31T12:00:00Z`);
  return new Date(absolute);
}

/** `--decision deny,ask`: a comma-separated list of decisions. */
export function parseDecisions(text: string): string[] {
  const list = text.split(',').map((d) => d.trim()).filter(Boolean);
  const bad = list.filter((d) => !['allow', 'modify', 'ask', 'deny'].includes(d));
  if (bad.length) throw new UsageError(`unknown decision "${bad[0]}": use allow, modify, ask or deny, comma-separated`);
  return list;
}
