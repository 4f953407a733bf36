// Serving the daemon's socket from this process until the daemon stops (it then exits the
// process): the detached daemon (dist/daemon.cjs, src/daemon/main.ts) and
// `nomos daemon start --foreground` both run this.
import { unlinkSync } from 'node:fs';
import { stateDir } from '../config/paths.js';
import { ensurePrivateDir } from '../config/private-dir.js';
import { ExitCode } from '../errors.js';
import { send } from './client.js';
import { MAX_SOCKET_PATH, PROTOCOL, socketPath } from './protocol.js';
import { startDaemon } from './server.js';
import { visible } from '../visible.js';

/**
 * A line of the daemon's log, as both the detached daemon and `--foreground` write it: escaped
 * (visible()), as a failed call's error may quote what an agent sent, and a person reads the log.
 */
export function daemonLogLine(line: string): string {
  return `${new Date().toISOString()} nomos daemon: ${visible(line, { keepNewlines: true })}\n`;
}

/**
 * Serves this user's socket (for `env`'s state directory): resolves once it listens
 * (undefined), or with the exit code when it does not serve (another daemon answers, or it cannot).
 */
export async function serveDaemon(distDir: string, idleTimeoutS: number, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<number | undefined> {
  const socket = socketPath(env);
  if (socket.length > MAX_SOCKET_PATH) {
    log(`the socket path ${socket} is longer than ${MAX_SOCKET_PATH} bytes; set NOMOS_STATE_DIR to a shorter directory`);
    return ExitCode.config;
  }
  ensurePrivateDir(stateDir(env));
  const options = { distDir, socket, idleTimeoutS, log };
  let daemon;
  try {
    daemon = await startDaemon(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (await send(socket, { v: PROTOCOL, op: 'status' })) {
      log(`a daemon already answers on ${socket}`);
      return ExitCode.ok;
    }
    try {
      unlinkSync(socket); // left by a daemon that did not stop cleanly (or one stopping now)
    } catch {
      // gone already
    }
    daemon = await startDaemon(options);
  }
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, daemon.stop);
  return undefined;
}
