import type { AuditEvent } from './event.js';
import { logFiles, readLogFile } from './files.js';

/** One stored event and the exact line it was read from. */
export interface StoredEvent {
  event: AuditEvent;
  line: string;
}

/** Parses the whole lines of a chunk of log text; torn or foreign lines are skipped (verify reports them). */
export function parseLines(text: string): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const event = JSON.parse(line) as AuditEvent;
      if (typeof event.seq === 'number' && typeof event.type === 'string') out.push({ event, line });
    } catch {
      // a torn write: not an event
    }
  }
  return out;
}

/** Every event of one file, in order. */
export function readFileEvents(file: string): StoredEvent[] {
  const text = readLogFile(file).toString('utf8');
  // An unterminated last line is a write in progress or cut short: not an event yet.
  return parseLines(text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1));
}

/**
 * The newest events of a log (across rotated files) that pass `keep`, oldest first:
 * files are read newest first and reading stops once `limit` events are found.
 */
export function readRecent(logPath: string, keep: (e: AuditEvent) => boolean, limit = Infinity): StoredEvent[] {
  const found: StoredEvent[][] = [];
  let count = 0;
  for (const file of logFiles(logPath).reverse()) {
    const events = readFileEvents(file).filter((s) => keep(s.event));
    found.unshift(events);
    count += events.length;
    if (count >= limit) break;
  }
  const all = found.flat();
  return Number.isFinite(limit) ? all.slice(Math.max(0, all.length - limit)) : all;
}
