import { GENESIS, sealBytes, unsealLine } from './chain.js';
import type { Head } from './head.js';
import { checkHead, checkLink } from './verify-link.js';
import type { Place, VerifyProblem, VerifyResult, VerifyState } from './verify-types.js';
import { readLogFile } from './files.js';


/** How to verify: the HMAC key, the head to compare the end with, and whether the chain must start at seq 1. */
export interface VerifyOptions {
  key?: Buffer;
  /** The head record; `'skip'` when the end is not to be checked against one. */
  head: Head | 'invalid' | 'skip' | undefined;
  requireGenesis: boolean;
}

/**
 * Verifies a chain spread over files (oldest first): every seal, every link, the head.
 * Stops at the first broken event and says which line and what kind of damage it is.
 */
export function verifyFiles(files: string[], options: VerifyOptions): VerifyResult {
  const state: VerifyState = {
    ...(options.key ? { key: options.key } : {}), requireGenesis: options.requireGenesis, expected: { seq: 0, hash: GENESIS },
    recent: [], torn: { lines: 0, bytes: 0 }, events: 0, started: false, notes: [],
  };
  const done = (problem?: VerifyProblem): VerifyResult => ({
    ok: !problem, events: state.events, files, notes: state.notes, ...(problem ? { problem } : {}), ...(state.started ? { last: state.expected } : {}),
  });
  let end: Place = { file: files.at(-1) ?? '(no log file)', line: 1 };
  for (const file of files) {
    const { problem, lines } = verifyFile(file, state, file === files.at(-1));
    if (problem) return done(problem);
    end = { file, line: lines + 1 };
  }
  if (state.torn.first) return done({ ...state.torn.first, kind: 'malformed', message: 'is not an event and no later event accounts for it (damaged or inserted)' });
  return done(options.head === 'skip' ? undefined : checkHead(state, options.head, end, options.key));
}

function verifyFile(file: string, state: VerifyState, isLast: boolean): { problem?: VerifyProblem; lines: number } {
  const data = readLogFile(file);
  let line = 0;
  let next = 0;
  // Whether an event with this seq stands later in the file: tells a reorder from a deletion.
  state.later = (seq) => data.indexOf(`"seq":${seq},`, next) >= 0;
  // Where an event with this hash stood earlier in the file: tells a duplicate from a reorder.
  state.earlier = (hash) => {
    const at = data.indexOf(`,"hash":"${hash}"}`);
    if (at < 0 || at >= next) return undefined;
    let line = 1;
    for (let nl = data.indexOf(0x0a); nl >= 0 && nl < at; nl = data.indexOf(0x0a, nl + 1)) line++;
    return { file, line };
  };
  for (let start = 0; start < data.length; ) {
    const nl = data.indexOf(0x0a, start);
    next = nl + 1;
    line++;
    if (nl < 0) {
      const where = isLast ? 'the last line' : `the last line of a file that is not the newest`;
      return { lines: line, problem: { file, line, kind: 'truncated', message: `${where} is incomplete: a write was cut short (crash) or the file was truncated` } };
    }
    const problem = verifyLine(data.toString('utf8', start, nl), nl - start, { file, line }, state);
    if (problem) return { problem, lines: line };
    start = nl + 1;
  }
  return { lines: line };
}

function verifyLine(text: string, bytes: number, place: Place, state: VerifyState): VerifyProblem | undefined {
  const event = parseEvent(text);
  if (!event) {
    state.torn = { lines: state.torn.lines + 1, bytes: state.torn.bytes + bytes, first: state.torn.first ?? place };
    return undefined;
  }
  const tornProblem = checkTorn(event, place, state);
  if (tornProblem) return tornProblem;
  const sealProblem = checkSeal(text, event, place, state.key);
  if (sealProblem) return sealProblem;
  const linkProblem = checkLink(event, place, state);
  if (linkProblem) return linkProblem;
  if (event.head_missing) return { ...place, kind: 'truncated', message: 'was written when the head record was missing: events before it may have been cut off' };
  state.expected = { seq: event.seq, hash: event.hash };
  state.lastPlace = place;
  state.recent.push(state.expected);
  if (state.recent.length > 16) state.recent.shift();
  state.events++;
  state.started = true;
  return undefined;
}

/** The fields verify reads from a line. */
export interface ParsedEvent {
  seq: number;
  hash: string;
  prev: string;
  alg?: string;
  torn?: { lines: number; bytes: number };
  head_missing?: boolean;
}

function parseEvent(text: string): ParsedEvent | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const fast = readTopFields(text);
  if (fast) return fast;
  try {
    const e = JSON.parse(text) as ParsedEvent;
    return typeof e.seq === 'number' && typeof e.hash === 'string' && typeof e.prev === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fields verify needs without a full JSON.parse (the verifier's main cost). A key
 * occurs as `"key":` only outside strings (quotes inside strings are escaped), so a key
 * found exactly once is the top-level one; anything less plain goes to JSON.parse. The
 * hash is the fixed-width suffix; the values read are then bound by the seal check over
 * the very same bytes.
 */
function readTopFields(text: string): ParsedEvent | undefined {
  if (text.includes('"torn":') || text.includes('"head_missing":')) return undefined;
  const sealed = unsealLine(text);
  const prev = only(text, '"prev":"', 64);
  const alg = only(text, '"alg":"', 0);
  const seq = only(text, '"seq":', 0);
  if (!sealed || !prev || !alg || !seq || !/^[0-9a-f]{64}$/.test(prev) || !/^\d+$/.test(seq)) return undefined;
  return { seq: Number(seq), prev, alg, hash: sealed.hash };
}

/** The value after the one occurrence of `key` (fixed `width`, else up to the next `"`, `,` or `}`). */
function only(text: string, key: string, width: number): string | undefined {
  const at = text.indexOf(key);
  if (at < 0 || text.indexOf(key, at + key.length) >= 0) return undefined;
  const start = at + key.length;
  if (width) return text.slice(start, start + width);
  const end = text.slice(start, start + 24).search(/["},]/);
  return end < 0 ? undefined : text.slice(start, start + end);
}

function checkTorn(event: ParsedEvent, place: Place, state: VerifyState): VerifyProblem | undefined {
  const pending = state.torn;
  state.torn = { lines: 0, bytes: 0 };
  if (!pending.first && !event.torn) return undefined;
  if (pending.first && event.torn?.lines === pending.lines && event.torn.bytes === pending.bytes) {
    state.notes.push(`${pending.first.file}:${pending.first.line}: a torn write (${pending.bytes} bytes), stepped over by the next event`);
    return undefined;
  }
  if (pending.first) return { ...pending.first, kind: 'malformed', message: 'is not an event and the next event does not account for it (damaged or inserted)' };
  return { ...place, kind: 'deleted', message: `follows ${event.torn!.lines} torn line(s) that are no longer there` };
}

function checkSeal(text: string, event: ParsedEvent, place: Place, key?: Buffer): VerifyProblem | undefined {
  const sealed = unsealLine(text);
  if (!sealed || sealed.hash !== event.hash) return { ...place, kind: 'modified', message: 'is not in the form it was sealed in' };
  if (event.alg === 'hmac-sha256' && !key) return { ...place, kind: 'needs-key', message: 'is sealed with an HMAC: give the key (--key-file or NOMOS_AUDIT_KEY_FILE)' };
  if (key && event.alg !== 'hmac-sha256') return { ...place, kind: 'unauthenticated', message: 'has a plain hash although a key is configured: it may have been rewritten' };
  if (event.alg !== 'sha256' && event.alg !== 'hmac-sha256') return { ...place, kind: 'modified', message: `names an unknown seal "${String(event.alg)}"` };
  if (sealBytes(event.prev, sealed.canonical, key) !== event.hash) return { ...place, kind: 'modified', message: 'was modified: its content does not match its seal' };
  return undefined;
}
