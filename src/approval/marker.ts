import { readFileSync } from 'node:fs';

/**
 * True when this process runs inside a command nomos executed: `NOMOS_ACTIVE=1` in the
 * environment, or in the environment any ancestor started with. The ancestor check is why
 * `unset NOMOS_ACTIVE; nomos approve …` inside an agent's command is still refused:
 * /proc/PID/environ keeps what a process was started with. (A daemonised grandchild whose
 * parent became init escapes it; see docs/approval.md.)
 */
export function insideNomosCommand(env: NodeJS.ProcessEnv, startPid = process.ppid): boolean {
  if (env.NOMOS_ACTIVE) return true;
  let pid = startPid;
  for (let depth = 0; pid > 1 && depth < 64; depth++) {
    if (startedWithMarker(pid)) return true;
    const parent = parentOf(pid);
    if (parent === undefined) break;
    pid = parent;
  }
  return false;
}

function startedWithMarker(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').some((entry) => entry.startsWith('NOMOS_ACTIVE=') && entry !== 'NOMOS_ACTIVE=');
  } catch {
    return false; // another user's process, or no /proc: only the env check applies
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}
