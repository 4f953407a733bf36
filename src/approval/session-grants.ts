import { readFileSync } from 'node:fs';
import { writeAtomic } from '../atomic-write.js';
import { withLock } from '../lock.js';
import { join } from 'node:path';
import type { Action } from '../action/types.js';
import type { Evaluation } from '../policy/evaluate.js';
import { grantsDir } from './private-dir.js';
import { digest, sign, verify } from './signing.js';

/** "Allow for this session": later requests with the same actions in the same session are allowed. */
export interface SessionGrant {
  /** Digest of the request's actions (program, arguments, files, URLs). */
  key: string;
  command: string;
  /** Who granted it (`tty:alice`, `approve:alice`). */
  by: string;
  time: string;
  mac: string;
}

/**
 * The grant key of an evaluation, or why it cannot have one: opaque parts and dynamic words
 * may run something else next time, so they are never granted beyond one answer.
 */
export function grantKey(evaluation: Evaluation): { key: string } | { unavailable: string } {
  if (evaluation.opaque.length) return { unavailable: 'parts of the command cannot be analysed' };
  if (evaluation.actions.some(isDynamic)) return { unavailable: 'some words are only known at run time' };
  return { key: digest(JSON.stringify(evaluation.actions.map(shapeOf))) };
}

function isDynamic(action: Action): boolean {
  return action.kind === 'exec' ? Boolean(action.dynamic?.length) : action.kind === 'file' ? Boolean(action.dynamic) : false;
}

function shapeOf(action: Action): unknown {
  if (action.kind === 'exec') return ['exec', action.program, action.path ?? '', action.argv.slice(1), action.env, action.via];
  if (action.kind === 'file') return ['file', action.op, action.path, action.target ?? '', action.via];
  if (action.kind === 'mcp') return ['mcp', action.server, action.tool, action.input ?? null, action.via];
  return ['http', action.method, action.url, action.headers, action.body ?? null, action.via];
}

function grantsFile(stateDir: string, session: string): string {
  // The session id is caller-chosen text: hash it so it can never name a path outside the dir.
  return join(grantsDir(stateDir), `${digest(session).slice(0, 32)}.json`);
}

/** The grants recorded for a session whose signature holds; anything forged or broken is ignored. */
export function readGrants(stateDir: string, session: string, key: Buffer): SessionGrant[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(grantsFile(stateDir, session), 'utf8'));
  } catch {
    return [];
  }
  const list = Array.isArray((raw as { grants?: unknown })?.grants) ? (raw as { grants: SessionGrant[] }).grants : [];
  return list.filter((g) => verify(key, [session, g.key, g.command, g.by, g.time], g.mac));
}

/**
 * Records a grant (signed), replacing the file atomically. Read, add and write are one critical
 * section: two answers given at once in one session would otherwise keep only the later grant.
 */
export function addGrant(stateDir: string, session: string, key: Buffer, grant: Omit<SessionGrant, 'mac'>): void {
  const path = grantsFile(stateDir, session);
  withLock(path, () => {
    const grants = [...readGrants(stateDir, session, key), { ...grant, mac: sign(key, [session, grant.key, grant.command, grant.by, grant.time]) }];
    writeAtomic(path, `${JSON.stringify({ session, grants }, null, 1)}\n`);
  });
}

/** The grant covering this evaluation in this session, if any. */
export function findGrant(stateDir: string, session: string, key: Buffer, evaluation: Evaluation): SessionGrant | undefined {
  const wanted = grantKey(evaluation);
  if (!('key' in wanted)) return undefined;
  return readGrants(stateDir, session, key).find((g) => g.key === wanted.key);
}
