import { readFileSync } from 'node:fs';

/**
 * True when this process runs inside a command nomos executed: `NOMOS_ACTIVE` in the
 * environment, in the environment any ancestor started with, or an ancestor that is itself
 * `nomos exec`. The ancestor checks are why `unset NOMOS_ACTIVE; nomos approve …` inside an
 * agent's command is still refused: /proc/PID/environ keeps what a process was started with,
 * and /proc/PID/cmdline shows the waiting `nomos exec`. (A daemonised grandchild whose parent
 * became init escapes both; see docs/approval.md.)
 */
export function insideNomosCommand(env: NodeJS.ProcessEnv, startPid = process.ppid): boolean {
  if (env.NOMOS_ACTIVE) return true;
  let pid = startPid;
  for (let depth = 0; pid > 1 && depth < 64; depth++) {
    if (startedWithMarker(pid) || isNomosExec(pid)) return true;
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

function isNomosExec(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const at = argv.findIndex((a) => /(^|\/)nomos(\.js)?$/.test(a));
    return at >= 0 && argv.slice(at + 1).includes('exec');
  } catch {
    return false;
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
