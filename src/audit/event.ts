import type { SealAlg } from './chain.js';

/** The event format version; bumped on any incompatible change (docs/audit.md describes it). */
export const EVENT_VERSION = 2;

/** Fields every stored event has: version, position in the chain, and the chain links. */
export interface EventBase {
  v: number;
  /** Position in the chain, 1-based; continues across rotated files. */
  seq: number;
  id: string;
  type: string;
  time: string;
  alg: SealAlg;
  /** The previous event's hash (GENESIS for the first). */
  prev: string;
  /** sha256, or HMAC-SHA256 with the configured key, over `prev` and the canonical body. */
  hash: string;
  /** Field paths whose values were masked before writing. */
  redacted?: string[];
  /** Unparseable bytes (a torn write) that this append found and stepped over. */
  torn?: { lines: number; bytes: number };
  /** Set when the head record was missing although the log held events: a possible truncation. */
  head_missing?: true;
}

/** Who acted: the OS user and process, and the agent when it names itself. */
export interface Actor {
  user: string;
  uid?: number;
  pid: number;
  ppid: number;
  /** The pid of the nomos daemon that decided for the process `pid` (see docs/daemon.md). */
  daemon?: number;
  /** `$NOMOS_ACTOR`, e.g. the agent's name; self-declared, so informative only. */
  agent?: string;
}

/** One decision: what was asked, how nomos saw it, what it decided and why. */
export interface DecisionEvent extends EventBase {
  type: 'decision';
  session: string;
  actor: Actor;
  cwd: string;
  request: string;
  decision: string;
  evaluated: string;
  reason: string;
  rules: { id: string; decision: string; source: string; message?: string; action?: number }[];
  actions: unknown[];
  opaque: unknown[];
  approval?: { approved: boolean; by: string; reason: string };
  /** sha256 over the effective policy's rule files (paths and contents), in layer order. */
  /** `untrusted`: the project config that counted only where it tightened (src/policy/untrusted.ts). */
  policy: { sha256: string; files: string[]; untrusted?: string };
}

/** How a decided command ended, linked by `decision_id`. */
export interface OutcomeEvent extends EventBase {
  type: 'outcome';
  decision_id: string;
  session: string;
  exit_code?: number;
  signal?: string;
  duration_ms?: number;
  timed_out?: boolean;
  error?: string;
}

/** The first event of a file started by rotation: it links to the previous file's last hash. */
export interface RotateEvent extends EventBase {
  type: 'rotate';
  /** Base name of the file this chain continues from. */
  previous: string;
}

/** Any stored event. */
export type AuditEvent = DecisionEvent | OutcomeEvent | RotateEvent;

/** What a caller supplies; the log adds version, seq, alg and the links. */
export type EventInput = { id: string; type: string; time: string; [field: string]: unknown };
