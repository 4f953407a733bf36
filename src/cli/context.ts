/** The process's view of the world, passed to commands so tests can supply their own. */
export interface CliEnv {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Byte streams for commands that move file or HTTP content (binary safe, any size). */
  streams?: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream };
}

/** The real process. */
export function processEnv(): CliEnv {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    streams: { stdin: process.stdin, stdout: process.stdout },
  };
}
