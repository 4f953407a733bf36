import { sha256Hex } from '../hash.js';
import { readFileSync } from 'node:fs';
import { passwdUser } from '../passwd.js';
import type { Actor, DecisionEvent, OutcomeEvent } from './event.js';
import { appendEvent } from './log.js';
import { redactEvent } from './redact.js';
import type { AuditSettings } from './settings.js';
import { caller } from '../caller.js';

/** A decision as the pipeline knows it; the recorder adds actor, policy hash and redaction. */
export interface DecisionRecord {
  id: string;
  time: string;
  session: string;
  cwd: string;
  request: string;
  decision: string;
  evaluated: string;
  reason: string;
  rules: DecisionEvent['rules'];
  actions: unknown[];
  opaque: unknown[];
  approval?: DecisionEvent['approval'];
  /** The effective policy's rule files, in layer order (hashed with their contents). */
  policyFiles: string[];
  /** Their digest (`policyDigest`), when the policy was loaded with it: then no file is read again. */
  policyDigest?: string;
  /** The project config that was not trusted, so counted only where it tightened. */
  policyUntrusted?: string;
  /** The command a `modify` decision runs instead of the request (shell-quoted). */
  rewrite?: string;
}

/** How a command ended, as the pipeline knows it. */
export type OutcomeRecord = Omit<OutcomeEvent, 'v' | 'seq' | 'alg' | 'prev' | 'hash' | 'type' | 'redacted' | 'torn' | 'head_missing'> & {
  /** What a file or HTTP action did (status, bytes …); never content. */
  [detail: string]: unknown;
};

/** Records one decision: secrets masked (and the masked paths listed), then appended to the chain. */
export function recordDecision(path: string, record: DecisionRecord, settings: Partial<AuditSettings> = {}): DecisionEvent {
  const { policyFiles, policyDigest: digest, policyUntrusted, ...rest } = record;
  const policy = { sha256: digest ?? policyDigest(policyFiles), files: policyFiles, ...(policyUntrusted ? { untrusted: policyUntrusted } : {}) };
  const body = { ...rest, type: 'decision', actor: currentActor(settings.agent), policy };
  // The policy's file names are redacted too: a project's config lies in a path the agent may choose.
  return appendRedacted(path, body, settings) as DecisionEvent;
}

/** Records how a decided command ended, linked to the decision by `decision_id`. */
export function recordOutcome(path: string, record: OutcomeRecord, settings: Partial<AuditSettings> = {}): OutcomeEvent {
  return appendRedacted(path, { ...record, type: 'outcome' }, settings) as OutcomeEvent;
}

function appendRedacted(path: string, body: { id: string; type: string; time: string }, settings: Partial<AuditSettings>) {
  const { value, paths } = redactEvent(body, settings.redact ?? []);
  return appendEvent(path, { ...value, ...(paths.length ? { redacted: paths } : {}) }, settings);
}

/** The OS user and processes behind a call (the client's, when the daemon decided: `daemon` is its pid); `agent` is self-declared and only informative. */
export function currentActor(agent?: string): Actor {
  const user = passwdUser().name ?? process.env.USER ?? 'unknown';
  const { pid, ppid, daemon } = caller();
  return { user, uid: process.getuid?.(), pid, ppid, ...(daemon ? { daemon } : {}), ...(agent ? { agent } : {}) };
}

/**
 * sha256 over each rule file's path and contents, so a log line names the exact policy it
 * was decided by. `textOf` gives the text a file was read as when the policy was loaded.
 */
export function policyDigest(files: string[], textOf: (file: string) => string | undefined = () => undefined): string {
  const parts: (string | Buffer)[] = [];
  for (const file of files) {
    let content: Buffer | string;
    try {
      content = textOf(file) ?? readFileSync(file);
    } catch {
      content = '\0unreadable';
    }
    parts.push(file, '\0', content, '\0');
  }
  return sha256Hex(...parts);
}
