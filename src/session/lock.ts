import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { NomosError, ExitCode } from '../errors.js';
import { processStartTime } from './identity.js';

/** How long to wait for a lock another live process holds before giving up (fail closed). */
const WAIT_MS = 30_000;
/** A lock file with no readable owner (its writer died between create and write) is stale after this. */
const UNOWNED_STALE_MS = 2_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

/**
 * An inter-process lock: a file created with O_EXCL holding the owner's pid and start time.
 * A lock whose owner no longer runs (killed with SIGKILL) is recovered at once; stealing is
 * serialized by a second O_EXCL file and re-checks the owner under it, so a live lock is
 * never taken. Synchronous, so that evaluate-and-record is one critical section.
 */
export function withLock<T>(path: string, fn: () => T, waitMs = WAIT_MS): T {
  acquire(path, waitMs);
  try {
    return fn();
  } finally {
    unlinkSync(path);
  }
}

/** Takes the lock, waiting for a live holder; throws when it stays held for `waitMs`. */
export function acquire(path: string, waitMs = WAIT_MS): void {
  const me = `${process.pid} ${processStartTime(process.pid) ?? ''}`;
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(path, me)) return;
    const owner = readOwner(path);
    if (owner !== undefined && isStale(path, owner)) stealIfStill(path, owner);
    else if (Date.now() > deadline) {
      throw new NomosError('nomos.session.busy', `session lock ${path} is held by ${owner || 'another process'}; nothing was run`, ExitCode.denied);
    } else sleep(Math.min(50, 1 + attempt * 2));
  }
}

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // released meanwhile: retry
  }
}

/** The owner is gone (or a reused pid), or the file never got an owner. */
function isStale(path: string, owner: string): boolean {
  if (owner === '') return ageMs(path) > UNOWNED_STALE_MS;
  const [pid, start] = owner.split(' ');
  if (start === undefined || start === '') return !processExists(Number(pid));
  // A different start time means the pid was reused: the owner is gone.
  return processStartTime(Number(pid)) !== start;
}

/** Without /proc, signal 0 tells whether a pid exists (EPERM: it does, as another user). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function stealIfStill(path: string, owner: string): void {
  const guard = `${path}.steal`;
  if (!tryCreate(guard, `${process.pid} ${processStartTime(process.pid) ?? ''}`)) {
    // Another process is stealing; if it died doing so, its guard is stale too.
    const guardOwner = readOwner(guard);
    if (guardOwner !== undefined && isStale(guard, guardOwner) && ageMs(guard) > UNOWNED_STALE_MS) unlinkQuiet(guard);
    return;
  }
  try {
    if (readOwner(path) === owner) unlinkQuiet(path);
  } finally {
    unlinkQuiet(guard);
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
