// What the daemon (dist/daemon.cjs) and its client (dist/client.cjs, run by bin/nomos.js)
// say to each other over a Unix socket in the state directory: one request per connection,
// one line of JSON each way. Plain Node APIs only: the client runs before anything else.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../config/paths.js';

/** The protocol's version: a client and daemon that differ do not talk (the client decides itself). */
export const PROTOCOL = 1;

/** A call for the daemon to decide as if it were the client's own process. */
export interface CallRequest {
  v: number;
  op: 'call';
  /** The client's build (see buildStamp): a daemon of another build does not answer. */
  build: string;
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** The client's process and its parent (the session of a call without one is derived from the parent). */
  pid: number;
  ppid: number;
  umask: number;
  /** A hook's input, already read by the client. */
  stdin?: string;
}

export interface ControlRequest {
  v: number;
  op: 'status' | 'stop';
}

export type Request = CallRequest | ControlRequest;

/** The answer to a call: the exit code and output, or why the client must decide itself. */
export type CallReply = { code: number; stdout: string; stderr: string } | { fallback: string };

export interface StatusReply {
  pid: number;
  build: string;
  protocol: number;
  started: string;
  calls: number;
  idleTimeoutS: number;
  /** Resident memory now, MiB. */
  rssMiB: number;
}

/** The socket's path (a Unix socket's path must fit in 107 bytes: a longer one has no daemon). */
export function socketPath(env: NodeJS.ProcessEnv): string {
  return join(stateDir(env), 'daemon.sock');
}

export const MAX_SOCKET_PATH = 107;

/** Which build of nomos this is: the hot bundle's size and time, as the code cache keys it. */
export function buildStamp(distDir: string): string {
  const s = statSync(join(distDir, 'hot.cjs'));
  return `${s.size}-${s.mtimeMs}`;
}

/** One line of the protocol: a JSON object, or undefined (no line, not JSON, not an object). */
export function parseMessage<T = Record<string, unknown>>(line: string | undefined): T | undefined {
  try {
    const value: unknown = line === undefined ? undefined : JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
