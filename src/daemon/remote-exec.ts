// `nomos exec` answered by the daemon (docs/daemon.md): the daemon decides and records; the
// command runs in the client, the process the agent started, with its terminal and signals.
// Part of the hot bundle, so errors are the bundle's own classes (an exit code survives).
import type { Escalator } from '../approval/escalate.js';
import { SpawnError } from '../errors.js';
import type { RunOptions, RunOutcome, RunTarget } from '../execute/run.js';

/** What the client sends back after running: how the command ended, or why it could not start. */
export type RunReport = { outcome: RunOutcome } | { error: { message: string; exitCode?: number } };

/** The daemon's side of an exec: its runner asks the client; a call that needs a human is handed back. */
export interface RemoteExec {
  run(target: RunTarget, options: RunOptions): Promise<RunOutcome>;
  escalator: Escalator;
}

/** Thrown where an exec would ask a human: the client decides it in its own process, with its terminal. */
export class HandBack extends Error {
  constructor() {
    super('this call needs a human: the calling process decides it');
    this.name = 'HandBack';
  }
}

/** A RemoteExec whose commands run where `ask` sends them (`ask` resolves with the client's report). */
export function remoteExec(ask: (target: RunTarget, options: RunOptions) => Promise<RunReport>, onHandBack: () => void): RemoteExec {
  return {
    async run(target, options) {
      const report = await ask(target, options);
      if ('outcome' in report) return report.outcome;
      // A program that could not start keeps its exit code (127 not found, 126 not executable).
      throw report.error.exitCode !== undefined ? new SpawnError(report.error.message, report.error.exitCode) : new Error(report.error.message);
    },
    escalator: {
      ask() {
        onHandBack();
        return Promise.reject(new HandBack());
      },
    },
  };
}
