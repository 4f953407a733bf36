import { closeSync, openSync } from 'node:fs';
import type { ReadStream, WriteStream } from 'node:tty';
import { tty } from '../builtins.js';

/** The controlling terminal, opened apart from the agent's stdin/stdout/stderr. */
export interface TtyStreams {
  input: ReadStream;
  output: WriteStream;
  close(): void;
}

/**
 * Opens /dev/tty for the prompt, or undefined when the process has no controlling terminal
 * (an agent started detached, a service). The prompt never touches stdout or stderr: the
 * agent reads those, and a prompt there could be answered by the agent itself.
 */
export function openTty(path = '/dev/tty'): TtyStreams | undefined {
  let inFd: number;
  try {
    inFd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  if (!tty().isatty(inFd)) {
    closeSync(inFd);
    return undefined;
  }
  const { ReadStream, WriteStream } = tty();
  const input = new ReadStream(inFd);
  const output = new WriteStream(openSync(path, 'w'));
  return {
    input,
    output,
    close() {
      if (input.isRaw) input.setRawMode(false);
      input.destroy();
      output.destroy();
    },
  };
}
