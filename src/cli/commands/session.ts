import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../../config/paths.js';
import { ExitCode, UsageError } from '../../errors.js';
import { parseDuration } from '../options.js';
import { readJson } from '../../session/files.js';
import { resolveSessionId } from '../../session/identity.js';
import { lock } from '../../lock.js';
import { discardLockedSession } from '../../session/gc.js';
import { checkMeta, sessionDir, sessionsDir, withSession, type SessionMeta } from '../../session/store.js';
import { visible } from '../../visible.js';
import type { CliEnv } from '../context.js';

/** `nomos session start`: a new named session; prints the line to eval in a shell. */
export function runSessionStart(options: { name?: string; ttl?: string }, cli: CliEnv): number {
  const id = `s-${randomBytes(6).toString('hex')}`;
  const ttlMs = options.ttl ? parseDuration(options.ttl) : undefined;
  withSession({ root: stateDir(cli.env), ...(options.name ? { name: options.name } : {}), ...(ttlMs ? { ttlMs } : {}) }, id, () => undefined);
  cli.stdout(`export NOMOS_SESSION=${id}\n`);
  return ExitCode.ok;
}

/** `nomos session show [ID]`: counters, sums and the last actions. */
export function runSessionShow(id: string | undefined, options: { json?: boolean; last?: string }, cli: CliEnv): number {
  const sessionId = id ?? resolveSessionId(undefined, cli.env);
  if (!existsSync(join(sessionDir(stateDir(cli.env), sessionId), 'meta.json'))) throw new UsageError(`no session "${sessionId}" (see nomos session list)`);
  const shown = withSession({ root: stateDir(cli.env) }, sessionId, (s) => {
    const totals = s.totals();
    return { id: s.meta.id, name: s.meta.name, created: s.meta.created, lastActive: s.meta.lastActive, ttlMs: s.meta.ttlMs,
      events: totals?.count ?? 0, sums: totals?.sums ?? {}, recent: s.recent(Number(options.last ?? 10)) };
  });
  if (options.json) {
    cli.stdout(`${JSON.stringify(shown)}\n`);
    return ExitCode.ok;
  }
  const sums = Object.entries(shown.sums).map(([k, v]) => `${k}=${v}`).join(' ') || '(none)';
  // Session ids, names, programs, paths and hosts come from the agent: each line escaped (visible()).
  cli.stdout(`${visible(`session ${shown.id}${shown.name ? ` (${shown.name})` : ''}`)}\n  created ${shown.created}, last active ${shown.lastActive}\n  ${visible(`events ${shown.events}, sums ${sums}`)}\n`);
  for (const e of shown.recent) cli.stdout(`  ${visible(`${e.time} ${e.decision.padEnd(5)} ${e.kind} ${e.program ?? e.path ?? e.host ?? (e.exit !== undefined ? `exit ${e.exit}` : '')}${e.rules.length ? ` [${e.rules.join(', ')}]` : ''}`)}\n`);
  return ExitCode.ok;
}

/** A session directory list could not read: its name, the file and what is wrong. */
interface Damaged {
  id: string;
  damaged: { path: string; problem: string };
}

/**
 * `nomos session list`: every session in the state directory. A damaged one is named (stderr, and
 * in --json with what is wrong) and the others listed: exit 1 then. Using it still fails closed (78).
 */
export function runSessionList(options: { json?: boolean }, cli: CliEnv): number {
  const dir = sessionsDir(stateDir(cli.env));
  const read = existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')).flatMap((n) => readListed(join(dir, n, 'meta.json'), n) ?? []) : [];
  const metas = read.filter((m): m is SessionMeta => !('damaged' in m));
  const damaged = read.filter((m): m is Damaged => 'damaged' in m);
  metas.sort((a, b) => b.lastActive.localeCompare(a.lastActive));
  if (options.json) cli.stdout(`${JSON.stringify([...metas.map(({ id, name, created, lastActive, seq, ttlMs }) => ({ id, name, created, lastActive, events: seq, ttlMs })), ...damaged])}\n`);
  else for (const m of metas) cli.stdout(`${visible(m.id)}\t${visible(m.name ?? '')}\t${m.seq} events\tlast active ${m.lastActive}\n`);
  for (const d of damaged) cli.stderr(`${visible(`nomos: damaged session ${d.id}: ${d.damaged.problem}`)}\n`);
  return damaged.length ? ExitCode.findings : ExitCode.ok;
}

/** A session's meta (undefined when it has none yet), or what is wrong with it. */
function readListed(path: string, id: string): SessionMeta | Damaged | undefined {
  try {
    return checkMeta(path, readJson<SessionMeta>(path));
  } catch (error) {
    return { id, damaged: { path, problem: (error as Error).message } };
  }
}

/** `nomos session end ID`: discards a session's state (waits for its lock first). */
export function runSessionEnd(id: string, cli: CliEnv): number {
  const dir = sessionDir(stateDir(cli.env), id);
  if (!existsSync(dir)) throw new UsageError(`no session "${id}" (see nomos session list)`);
  // Under the session's lock, so no call is half-way through recording into it.
  discardLockedSession(dir, lock(join(dir, 'session')));
  cli.stderr(`nomos: session ${visible(id)} ended\n`);
  return ExitCode.ok;
}
