import { execFile } from 'node:child_process';

/** What a spawned nomos (or node) process did. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs node with `args` (no shell), resolving with its exit code and output; never rejects. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs this same nomos (same launcher, same node flags) with `args`. */
export function runSelf(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ProcessResult> {
  return runNode([...process.execArgv, process.argv[1]!, ...args], env);
}
