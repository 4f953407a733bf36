import { readFileSync } from 'node:fs';
import { caller } from '../caller.js';

/**
 * The session a call belongs to: `--session`, else `NOMOS_SESSION`, else derived from the
 * calling process (parent pid plus its start time, so a reused pid is a new session; the
 * client's parent when the daemon decides).
 */
export function resolveSessionId(flag: string | undefined, env: NodeJS.ProcessEnv, ppid = caller().ppid): string {
  if (flag) return flag;
  if (env.NOMOS_SESSION) return env.NOMOS_SESSION;
  return `p${ppid}-${processStartTime(ppid) ?? 'unknown'}`;
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat), when /proc exists. */
export function processStartTime(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

/**
 * Whether a process has exited and only waits to be reaped (state Z or X, field 3): a nomos
 * killed by SIGKILL whose parent has not waited for it yet still answers `kill(pid, 0)`.
 */
export function processExited(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state === 'Z' || state === 'X';
}

/** The device number of this process's controlling terminal (field 7 of /proc/self/stat), when /proc exists. */
export function controllingTerminal(): string | undefined {
  return statFields(process.pid)?.[4];
}

/** The fields of /proc/PID/stat from field 3 on. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
