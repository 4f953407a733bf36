/**
 * What rule conditions (`when:`) may ask about the session's history. The policy stays
 * pure: the session store (src/session/) implements this and is passed in.
 */

/** One recorded action of a session, as conditions see it. */
export interface SessionEvent {
  /** ISO time the action was decided. */
  time: string;
  /** The action's kind; `outcome` events carry a command's exit code. */
  kind: 'exec' | 'file' | 'http' | 'mcp' | 'outcome';
  program?: string;
  op?: string;
  path?: string;
  method?: string;
  host?: string;
  /** The final decision (after any approval). */
  decision: string;
  /** Ids of the rules that matched. */
  rules: string[];
  /** Tags of the rules that matched. */
  tags: string[];
  /** Exit code, for outcome events. */
  exit?: number;
  /** Values recorded by matching rules' `record:`. */
  record: Record<string, number | string>;
}

/**
 * A filter: every key must equal the event's field; `rule` and `tag` test membership in
 * `rules` and `tags`; keys under `record.` test recorded values.
 */
export type SessionFilter = Record<string, unknown>;

/** Read-only queries over one session's events. */
export interface SessionView {
  id: string;
  count(filter?: SessionFilter): number;
  /** Sum of a recorded numeric value (`record.amount` or `amount`) over matching events. */
  sum(key: string, filter?: SessionFilter): number;
  seen(filter: SessionFilter): boolean;
  last(filter?: SessionFilter): SessionEvent | undefined;
  /** The same queries restricted to events newer than `ms` before now. */
  since(ms: number): SessionView;
}

/** Tests one event against a filter. */
export function eventMatches(event: SessionEvent, filter: SessionFilter = {}): boolean {
  for (const [key, want] of Object.entries(filter)) {
    if (key === 'rule') {
      if (!event.rules.includes(String(want))) return false;
    } else if (key === 'tag') {
      if (!event.tags.includes(String(want))) return false;
    } else if (key.startsWith('record.')) {
      if (event.record[key.slice(7)] !== want) return false;
    } else if ((event as unknown as Record<string, unknown>)[key] !== want) return false;
  }
  return true;
}

/** A view over an in-memory list of events (tests, `nomos test`, and small sessions). */
export function listSessionView(id: string, events: SessionEvent[], now: () => number = Date.now): SessionView {
  const matching = (f?: SessionFilter) => events.filter((e) => eventMatches(e, f));
  return {
    id,
    count: (f) => matching(f).length,
    sum: (key, f) => {
      const name = key.startsWith('record.') ? key.slice(7) : key;
      return matching(f).reduce((total, e) => total + (typeof e.record[name] === 'number' ? (e.record[name] as number) : 0), 0);
    },
    seen: (f) => events.some((e) => eventMatches(e, f)),
    last: (f) => matching(f).at(-1),
    since: (ms) => listSessionView(id, events.filter((e) => Date.parse(e.time) >= now() - ms), now),
  };
}

/** A session with no history. */
export const EMPTY_SESSION: SessionView = listSessionView('none', []);
