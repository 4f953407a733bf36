// Starting the daemon's process (dist/daemon.cjs) detached, logging to the state directory:
// for `nomos daemon start`, and for a call made with NOMOS_DAEMON=auto that found none.
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { childProcess } from '../builtins.js';
import { ensurePrivateDir } from '../config/private-dir.js';
import { stateDir } from '../config/paths.js';

/** Idle time after which a daemon started by a call (NOMOS_DAEMON=auto) stops. */
export const AUTO_IDLE_TIMEOUT_S = 1800;

/** Spawns the daemon for `env`'s state directory; it runs on when this process exits. */
export function spawnDaemon(distDir: string, idleTimeoutS: number, env: NodeJS.ProcessEnv): { child: ChildProcess; logFile: string } {
  const logFile = join(ensurePrivateDir(stateDir(env)), 'daemon.log');
  const fd = openSync(logFile, 'a', 0o600);
  try {
    const child = childProcess().spawn(process.execPath, [join(distDir, 'daemon.cjs'), '--idle-timeout', String(idleTimeoutS)], {
      detached: true, stdio: ['ignore', fd, fd], cwd: '/', env,
    });
    return { child, logFile };
  } finally {
    closeSync(fd);
  }
}
