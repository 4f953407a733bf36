import { fdWriter } from './process-io.js';

/** The process's view of the world, passed to commands so tests can supply their own. */
export interface CliEnv {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Byte streams for commands that move file or HTTP content (binary safe, any size). */
  streams?: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream };
  /** The descriptor behind `streams.stdout`, when it is the process's own (1). */
  stdoutFd?: number;
}

/** The real process. Text goes straight to the descriptors; the streams are built only when a command asks. */
export function processEnv(): CliEnv {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: fdWriter(1, () => process.stdout),
    stderr: fdWriter(2, () => process.stderr),
    get streams() {
      return {
        get stdin() {
          return process.stdin;
        },
        get stdout() {
          return process.stdout;
        },
      };
    },
    stdoutFd: 1,
  };
}
