// The daemon's process (built to dist/daemon.cjs; `nomos daemon start` runs it detached, or
// in the foreground with --foreground): `node dist/daemon.cjs [--idle-timeout SECONDS]`.
// It serves the socket of NOMOS_STATE_DIR (or the default state directory) until it is
// stopped, signalled, or idle that long. Its log is stderr.
import { unlinkSync } from 'node:fs';
import { stateDir } from '../config/paths.js';
import { ensurePrivateDir } from '../config/private-dir.js';
import { ExitCode } from '../errors.js';
import { send } from './client.js';
import { MAX_SOCKET_PATH, PROTOCOL, socketPath } from './protocol.js';
import { startDaemon } from './server.js';

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} nomos daemon: ${line}\n`);

async function run(argv: string[]): Promise<number> {
  const at = argv.indexOf('--idle-timeout');
  const idleTimeoutS = at >= 0 ? Number(argv[at + 1]) : 1800;
  if (!Number.isInteger(idleTimeoutS) || idleTimeoutS < 1) {
    log(`--idle-timeout must be a whole number of seconds, not ${argv[at + 1]}`);
    return ExitCode.usage;
  }
  const socket = socketPath(process.env);
  if (socket.length > MAX_SOCKET_PATH) {
    log(`the socket path ${socket} is longer than ${MAX_SOCKET_PATH} bytes; set NOMOS_STATE_DIR to a shorter directory`);
    return ExitCode.config;
  }
  ensurePrivateDir(stateDir(process.env));
  const options = { distDir: __dirname, socket, idleTimeoutS, log };
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
  return ExitCode.ok;
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = (error as { exitCode?: number }).exitCode ?? ExitCode.internal;
  },
);
