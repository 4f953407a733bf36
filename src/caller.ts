/**
 * The process a call came from: this one, unless the daemon answers a call for a client
 * (src/daemon/server.ts), which then names the client's process. A call's session (derived
 * from the parent process) and its audit record's actor come from here.
 */
export interface Caller {
  pid: number;
  ppid: number;
  /** The daemon's pid, when the daemon decided for the client. */
  daemon?: number;
}

let current: Caller | undefined;

export const caller = (): Caller => current ?? { pid: process.pid, ppid: process.ppid };

/** Names the client a daemon answers for (its calls run one at a time: set before each, and again after an exec's command ran). */
export function setCaller(c: Caller): void {
  current = c;
}
