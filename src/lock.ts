import { closeSync, existsSync, openSync, readlinkSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { readRegular } from './regular-file.js';
import { ExitCode, NomosError } from './errors.js';
import { sha256Hex } from './hash.js';
import { processExited, processStartTime } from './session/identity.js';

/** How long to wait for a lock before giving up (nothing is run unrecorded or undecided). */
export const LOCK_TIMEOUT_MS = 10_000;
/** A lock whose owner cannot be checked (another host or pid namespace) is stale after this long. */
const FOREIGN_STALE_MS = 10_000;
/** How often a lock held across awaits (acquireLock) is touched: well within FOREIGN_STALE_MS. */
const HEARTBEAT_MS = 2_000;
/** Breakers whose own markers were left by killed breakers, at most this deep (then: wait, fail closed). */
const MAX_BREAK_DEPTH = 3;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
let self: { namespace: string; owner: string } | undefined;
let taken = 0;

/** This process's identity (pid, start time, pid namespace), read once on first use (commands that never lock never pay for it). */
function me(): { namespace: string; owner: string } {
  if (!self) {
    const namespace = readLink('/proc/self/ns/pid') ?? 'no-proc';
    self = { namespace, owner: `${process.pid} ${processStartTime(process.pid) ?? '-'} ${namespace}` };
  }
  return self;
}

/** The record written into a lock: the owner, and which of its locks this is, so no two locks ever hold the same record. */
function ownerRecord(): string {
  return `${me().owner} ${++taken}\n`;
}

/** Thrown when the lock cannot be had in time: the caller must fail closed. */
export class LockTimeoutError extends NomosError {
  constructor(message: string) {
    super('nomos.lock.timeout', `${message}; nothing was run`, ExitCode.internal);
    this.name = 'LockTimeoutError';
  }
}

/** The lock's directory is gone (a session discarded while this call waited for it): the caller may set it up again. */
export class LockGoneError extends NomosError {
  constructor(readonly path: string, cause: unknown) {
    super('nomos.lock.gone', `the directory of ${path} was removed while waiting for it`, ExitCode.internal, { cause });
    this.name = 'LockGoneError';
  }
}

/**
 * Runs `fn` while holding an exclusive inter-process lock `<target>.lock` (the audit log's
 * appends, a session's evaluate-and-record), created with
 * O_EXCL (atomic on local filesystems). A lock left by a killed process is recognised
 * by its owner record (pid, start time, pid namespace) and broken at once; breaking is
 * itself serialized by a marker (see removeIfStale), so a lock is only ever removed by its
 * owner or as the dead owner's lock it was checked to be.
 */
export function withLock<T>(target: string, fn: () => T, timeoutMs = LOCK_TIMEOUT_MS): T {
  const release = lock(target, timeoutMs);
  try {
    return fn();
  } finally {
    release();
  }
}

/** Takes `<target>.lock` as withLock does and returns the function that releases it. */
export function lock(target: string, timeoutMs = LOCK_TIMEOUT_MS): () => void {
  const lockPath = `${target}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; !tryCreate(lockPath, ownerRecord()); attempt++) {
    if (Date.now() > deadline) throw new LockTimeoutError(`could not lock ${lockPath} within ${timeoutMs} ms (held by: ${readOwner(lockPath)?.trim() || 'unknown'})`);
    // Look for a dead owner now and then only: waiters polling it would slow the holder down.
    if (attempt % 32 === 31) removeIfStale(lockPath);
    // Randomised, growing back-off so waiters do not retry in lockstep.
    Atomics.wait(sleeper, 0, 0, Math.random() * Math.min(1, 0.1 * 2 ** Math.min(attempt, 4)));
  }
  return () => removeQuietly(lockPath);
}

/** Takes `<target>.lock` only if it is free now (a dead owner's is broken first): the release function, or undefined when it is held. */
export function tryLock(target: string): (() => void) | undefined {
  const lockPath = `${target}.lock`;
  if (!tryCreate(lockPath, ownerRecord())) {
    removeIfStale(lockPath);
    if (!tryCreate(lockPath, ownerRecord())) return undefined;
  }
  return () => removeQuietly(lockPath);
}

/**
 * Takes `<target>.lock` like withLock, but waits without blocking the event loop, for as
 * long as a turn may take (a human answering another prompt). Resolves to the function that
 * releases it, or undefined when `deadline` (epoch ms) passes first.
 */
export async function acquireLock(target: string, deadline: number): Promise<(() => void) | undefined> {
  const lockPath = `${target}.lock`;
  for (let attempt = 0; !tryCreate(lockPath, ownerRecord()); attempt++) {
    if (Date.now() > deadline) return undefined;
    if (attempt % 4 === 3) removeIfStale(lockPath);
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
  }
  // Held for as long as a human takes: a waiter in another pid namespace cannot see this process,
  // and judges the lock by its age (FOREIGN_STALE_MS). Touched while held, it never looks old.
  const heartbeat = setInterval(() => touch(lockPath), HEARTBEAT_MS);
  heartbeat.unref();
  return () => {
    clearInterval(heartbeat);
    removeQuietly(lockPath);
  };
}

function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // Gone (removed by its holder a moment ago) or unwritable: the age rule then applies as before.
  }
}

function tryCreate(path: string, content: string): boolean {
  // A cheap look first: a failed O_EXCL open costs a thrown error, and waiters poll often.
  if (existsSync(path)) return false;
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LockGoneError(path, error);
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes `path` (a lock, or a breaker's marker) if the record it holds is stale. Checking and
 * removing are two steps, so they run under a marker named after that record, created with
 * O_EXCL: only its holder may remove a file holding that record, and the record's owner is dead
 * (it will not release it) and no other lock ever holds the same record, so the file re-read
 * under the marker is the file removed. A marker is not broken for its age (only one whose owner
 * is in another pid namespace, which cannot be checked, is, after 10 s): a breaker stalled for any
 * time (SIGSTOP, a loaded machine) keeps it, and waiters wait (then fail closed) rather than
 * remove a lock taken since. A marker whose breaker died is broken the same way, one level up.
 */
function removeIfStale(path: string, depth = 0): void {
  const record = readOwner(path);
  if (record === undefined || !isStaleRecord(record, path)) return;
  const marker = `${path}.break-${sha256Hex(record).slice(0, 16)}`;
  if (!tryCreate(marker, ownerRecord())) {
    if (depth < MAX_BREAK_DEPTH) removeIfStale(marker, depth + 1);
    return;
  }
  try {
    // Checked again: an empty record is also what a lock taken this instant holds before its owner is written.
    if (readOwner(path) === record && isStaleRecord(record, path)) removeQuietly(path);
  } finally {
    removeQuietly(marker);
  }
}

/** Stale: its owner is gone or exited unreaped (same namespace) or, for owners we cannot check, it is old. */
function isStaleRecord(record: string, lockPath: string): boolean {
  const [pid, start, ns] = record.trim().split(' ');
  if (ns !== me().namespace || !pid || !/^\d+$/.test(pid)) return ageMs(lockPath) > FOREIGN_STALE_MS;
  if (!isAlive(Number(pid)) || processExited(Number(pid))) return true;
  return start !== '-' && processStartTime(Number(pid)) !== start; // the pid was reused
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The record a lock or marker holds; undefined (not stale: waiters wait, then fail closed) if it cannot be read, a FIFO (which would hang) included. */
function readOwner(path: string): string | undefined {
  try {
    return readRegular(path, true).toString('utf8');
  } catch {
    return undefined;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
