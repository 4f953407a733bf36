// Starting the daemon's process (dist/daemon.cjs) detached, logging to the state directory:
// for `nomos daemon start`, and for a call made with NOMOS_DAEMON=auto that found none.
import type { ChildProcess } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { join } from 'node:path';
import { childProcess } from '../builtins.js';
import { ExitCode, NomosError } from '../errors.js';
import { ensurePrivateDir } from '../config/private-dir.js';
import { stateDir } from '../config/paths.js';

/** Idle time after which a daemon started by a call (NOMOS_DAEMON=auto) stops. */
export const AUTO_IDLE_TIMEOUT_S = 1800;

/** Spawns the daemon for `env`'s state directory; it runs on when this process exits. */
export function spawnDaemon(distDir: string, idleTimeoutS: number, env: NodeJS.ProcessEnv): { child: ChildProcess; logFile: string } {
  const logFile = join(ensurePrivateDir(stateDir(env)), 'daemon.log');
  const fd = openLog(logFile);
  try {
    const child = childProcess().spawn(process.execPath, [join(distDir, 'daemon.cjs'), '--idle-timeout', String(idleTimeoutS)], {
      detached: true, stdio: ['ignore', fd, fd], cwd: '/', env,
    });
    return { child, logFile };
  } finally {
    closeSync(fd);
  }
}

/** Opens the log for appending, never through a link left at its name (the output would go where it leads). */
function openLog(logFile: string): number {
  try {
    return openSync(logFile, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    throw new NomosError('nomos.daemon.log-link', `${logFile} is a symbolic link; the daemon does not log through one. Remove it and start again`, ExitCode.config);
  }
}
