import { readFdSync } from './process-io.js';

/** Cap on the hook input: a Write of a big file still fits, a runaway stream does not. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const OVER_LIMIT = '{"nomos":"input over the size limit"}';

/**
 * Reads all of stdin (the hook input); more than the cap is refused rather than truncated.
 * The process's own stdin is read from its descriptor (no stream to build) while it blocks.
 * Its own module: the daemon client (dist/client.cjs) reads the input with it too.
 */
export async function readStdin(stream?: NodeJS.ReadableStream): Promise<string> {
  let head: Buffer = Buffer.alloc(0);
  if (!stream) {
    const first = readFdSync(0, MAX_INPUT_BYTES);
    if (first.over) return OVER_LIMIT;
    if (first.complete) return first.data.toString('utf8');
    head = first.data;
  }
  const chunks: Buffer[] = [head];
  let size = head.length;
  for await (const chunk of stream ?? process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) return OVER_LIMIT;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
