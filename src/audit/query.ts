import { existsSync } from 'node:fs';
import type { DecisionEvent, OutcomeEvent } from './event.js';
import { logFiles } from './files.js';
import { headPath, readHead } from './head.js';
import { readFileEvents } from './read.js';
import { verifyFiles } from './verify.js';
import type { VerifyResult } from './verify-types.js';

/**
 * Verifies the whole log (every rotated file, the active one and the head, starting at
 * seq 1) or, with files named, those files as one chain: their first link cannot be
 * checked, and their end only against a head lying beside the last of them.
 */
export function verifyLog(logPath: string, files: string[], options: { key?: Buffer; head: boolean }): VerifyResult {
  const named = files.length > 0;
  const chain = named ? files : logFiles(logPath);
  const last = named ? files.at(-1)! : logPath;
  const headKnown = options.head && (!named || existsSync(headPath(last)));
  const result = verifyFiles(chain, { ...(options.key ? { key: options.key } : {}), head: headKnown ? readHead(last) : 'skip', requireGenesis: !named });
  if (named && options.head && !headKnown) result.notes.push(`no head record beside ${last}: events cut off its end cannot be detected`);
  return result;
}

/** A decision found by id (or a unique prefix of at least 8 characters), with its outcome. */
export function findDecision(logPath: string, id: string): { decision: DecisionEvent; outcome?: OutcomeEvent } | 'ambiguous' | undefined {
  const matches = (d: DecisionEvent) => d.id === id || (id.length >= 8 && d.id.startsWith(id));
  let decision: DecisionEvent | undefined;
  let outcome: OutcomeEvent | undefined;
  for (const file of logFiles(logPath)) {
    for (const { event } of readFileEvents(file)) {
      if (event.type === 'decision' && matches(event)) {
        if (decision && decision.id !== event.id) return 'ambiguous';
        decision = event;
      } else if (event.type === 'outcome' && decision && event.decision_id === decision.id) outcome = event;
    }
  }
  return decision ? { decision, ...(outcome ? { outcome } : {}) } : undefined;
}
