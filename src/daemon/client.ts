// The daemon's client (built to dist/client.cjs): bin/nomos.js gives it a `check` or `hook`
// call first. When a daemon of this build runs for this user (`nomos daemon start`), the
// client sends it the call and prints its answer; otherwise it returns at once and the call
// is decided in this process, as without a daemon. See docs/daemon.md.
import { lstatSync } from 'node:fs';
import { dirname } from 'node:path';
import { net } from '../builtins.js';
import { hotArgs } from '../cli/hot/args.js';
import { readStdin } from '../cli/hook-input.js';
import { fdWriter } from '../cli/process-io.js';
import { buildStamp, MAX_SOCKET_PATH, PROTOCOL, socketPath, type CallReply, type Request } from './protocol.js';

/** The daemon's exit code for the call, or (no daemon, or it could not answer) the hook input already read. */
export type ClientResult = { code: number } | { stdin?: string };

/** Sends a `check` or `hook` call to the daemon, when one of this build is running. */
export async function viaDaemon(argv: readonly string[], distDir: string): Promise<ClientResult> {
  const env = process.env;
  if (env.NOMOS_DAEMON === 'off') return {};
  const call = hotArgs(argv);
  if (!call || call.command === 'exec') return {};
  const path = socketPath(env);
  if (!trusted(path)) return {};
  const stdin = call.command === 'hook' ? await readStdin() : undefined;
  const reply = await send(path, {
    v: PROTOCOL, op: 'call', build: buildStamp(distDir), argv: [...argv], cwd: process.cwd(), env: { ...env },
    pid: process.pid, ppid: process.ppid, umask: process.umask(), ...(stdin !== undefined ? { stdin } : {}),
  });
  if (!isAnswer(reply)) return stdin !== undefined ? { stdin } : {};
  fdWriter(1, () => process.stdout)(reply.stdout);
  fdWriter(2, () => process.stderr)(reply.stderr);
  return { code: reply.code };
}

/**
 * A socket only this user could have made: in a directory of this user's that no one else
 * can write, and owned by this user. Anything else (no daemon, another user's file) is not asked.
 */
function trusted(path: string): boolean {
  if (path.length > MAX_SOCKET_PATH) return false;
  try {
    const uid = process.getuid?.();
    const dir = lstatSync(dirname(path));
    const socket = lstatSync(path);
    return dir.isDirectory() && (dir.mode & 0o022) === 0 && socket.isSocket() && (uid === undefined || (dir.uid === uid && socket.uid === uid));
  } catch {
    return false;
  }
}

/** One request, one reply (undefined when the daemon is gone, refused, or said nothing whole). */
export function send(path: string, request: Request): Promise<unknown> {
  return new Promise((resolve) => {
    const socket = net().connect(path);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => resolve(undefined));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(data));
      } catch {
        resolve(undefined);
      }
    });
    socket.end(`${JSON.stringify(request)}\n`);
  });
}

function isAnswer(reply: unknown): reply is Extract<CallReply, { code: number }> {
  const r = reply as Record<string, unknown> | undefined;
  return typeof r === 'object' && r !== null && Number.isInteger(r.code) && typeof r.stdout === 'string' && typeof r.stderr === 'string';
}
