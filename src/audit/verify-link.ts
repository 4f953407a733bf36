import { GENESIS } from './chain.js';
import { headMac, type Head } from './head.js';
import type { ParsedEvent } from './verify.js';
import type { Place, VerifyProblem, VerifyState } from './verify-types.js';

/**
 * Checks that an event continues the chain, and when it does not, names the damage:
 * a gap in seq is a deletion (or a reorder, when the missing event comes later), a seq
 * already passed is a duplicate (same hash seen) or a reorder, and a right seq with a
 * wrong link means the previous event was rewritten and re-sealed.
 */
export function checkLink(event: ParsedEvent, place: Place, state: VerifyState): VerifyProblem | undefined {
  const want = state.expected.seq + 1;
  if (!state.started && !state.requireGenesis && event.seq !== 1) {
    state.notes.push(`${place.file}:${place.line}: the chain starts at seq ${event.seq}; its link to earlier files was not checked`);
    return undefined;
  }
  if (event.seq === want && event.prev === state.expected.hash) return undefined;
  if (event.seq === want) {
    if (!state.lastPlace) return { ...place, kind: event.prev === GENESIS ? 'modified' : 'deleted', message: 'does not link to the start of the chain' };
    return { ...state.lastPlace, kind: 'modified', message: `was rewritten and re-sealed: the next event links to a different hash` };
  }
  if (event.seq > want) {
    const missing = event.seq - want;
    if (state.later?.(want)) return { ...place, kind: 'reordered', message: `is seq ${event.seq} where seq ${want} was due, which comes later: events are out of order` };
    if (!state.started && state.requireGenesis) return { ...place, kind: 'deleted', message: `is seq ${event.seq}: the log does not start with its first event (${missing} missing)` };
    return { ...place, kind: 'deleted', message: `is seq ${event.seq} where seq ${want} was due: ${missing} event(s) deleted before this line` };
  }
  const first = state.earlier?.(event.hash);
  if (first) return { ...place, kind: 'duplicated', message: `repeats the event at ${first.file === place.file ? `line ${first.line}` : `${first.file}:${first.line}`}` };
  return { ...place, kind: 'reordered', message: `is seq ${event.seq} where seq ${want} was due: events are out of order` };
}

/** Compares the chain's end with the head record: events missing at the end, or a re-sealed last event. */
export function checkHead(state: VerifyState, head: Head | 'invalid' | undefined, end: Place, key?: Buffer): VerifyProblem | undefined {
  if (head === undefined) {
    if (!state.started) return undefined;
    return { ...end, kind: 'truncated', message: 'cannot be checked for events cut off the end: the head record is missing' };
  }
  if (head === 'invalid') return { ...end, kind: 'malformed', message: 'cannot be checked: the head record is unreadable' };
  if (key && head.mac !== headMac(head, key)) return { ...end, kind: 'modified', message: 'cannot be trusted: the head record does not carry a valid HMAC' };
  const last = state.expected;
  if (head.seq > last.seq) return { ...end, kind: 'truncated', message: `should hold seq ${last.seq + 1}: the head records seq ${head.seq}, so ${head.seq - last.seq} event(s) were cut off the end` };
  const match = state.recent.find((p) => p.seq === head.seq);
  if (match?.hash === head.hash) {
    if (head.seq < last.seq) state.notes.push(`the head is ${last.seq - head.seq} event(s) behind the log (a write finished but its head update did not)`);
    return undefined;
  }
  const at = state.lastPlace && head.seq === last.seq ? state.lastPlace : end;
  return { ...at, kind: 'modified', message: `does not match the head record (seq ${head.seq}): rewritten and re-sealed` };
}
