import type { ChainPoint } from './tail-read.js';

/** What is wrong with a log, in the words `verify` reports. */
export type ProblemKind = 'modified' | 'deleted' | 'reordered' | 'duplicated' | 'truncated' | 'malformed' | 'unauthenticated' | 'needs-key';

/** The first broken place in a log. */
export interface VerifyProblem {
  kind: ProblemKind;
  file: string;
  /** 1-based line in `file`; one past the last line for events missing at the end. */
  line: number;
  message: string;
}

/** The answer of `verify`. */
export interface VerifyResult {
  ok: boolean;
  events: number;
  files: string[];
  problem?: VerifyProblem;
  /** Things worth knowing that do not break the chain (recovered torn writes, an unchecked start). */
  notes: string[];
  last?: ChainPoint;
}

/** A line located in its file. */
export interface Place {
  file: string;
  line: number;
}

/** The verifier's running state across lines and files. */
export interface VerifyState {
  key?: Buffer;
  requireGenesis: boolean;
  expected: ChainPoint;
  /** Where the last good event stands (for "line N was rewritten" reports). */
  lastPlace?: Place;
  /** The last few good events, to check a head that is a little behind. */
  recent: ChainPoint[];
  /** Unparseable lines waiting for the next event to acknowledge them as a torn write. */
  torn: { lines: number; bytes: number; first?: Place };
  /** Whether an event with this seq stands later in the current file. */
  later?: (seq: number) => boolean;
  /** Where an event with this hash stood earlier in the current file. */
  earlier?: (hash: string) => Place | undefined;
  events: number;
  started: boolean;
  notes: string[];
}
