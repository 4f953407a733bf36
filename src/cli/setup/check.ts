import type { Command } from 'commander';
import type { ProcessResult } from './self.js';

/** One finding of `nomos doctor`. */
export interface CheckResult {
  /** What was checked: `node`, `parser`, `state dir` … */
  name: string;
  /** `fail` makes doctor exit non-zero; `warn` is worth knowing but nomos works. */
  status: 'ok' | 'warn' | 'fail';
  /** What was found. */
  detail: string;
  /** What to do about it. */
  fix?: string;
}

/** What the checks look at: the environment, and ways to ask the installation itself. */
export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  home: string;
  program: Command;
  /** Runs this nomos with arguments. */
  runSelf: (args: string[]) => Promise<ProcessResult>;
  /** Runs node with arguments and extra environment. */
  runNode: (args: string[], env: NodeJS.ProcessEnv) => Promise<ProcessResult>;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail });
export const warn = (name: string, detail: string, fix?: string): CheckResult => ({ name, status: 'warn', detail, ...(fix ? { fix } : {}) });
export const fail = (name: string, detail: string, fix?: string): CheckResult => ({ name, status: 'fail', detail, ...(fix ? { fix } : {}) });

/** The first non-empty line of a process's output, for a one-line detail. */
export function firstLine(result: ProcessResult): string {
  return `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).find(Boolean) ?? `exit ${result.code}`;
}
