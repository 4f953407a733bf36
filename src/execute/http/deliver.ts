import { once } from 'node:events';
import { STATUS_CODES } from 'node:http';
import type { Writable } from 'node:stream';
import { HttpError } from './errors.js';
import { discardBody, type HopResponse } from './send.js';

/** How the final response is shown. */
export interface DeliverOptions {
  output: Writable;
  /** `-i`: status line and headers before the body. */
  include: boolean;
  /** `--json`: one JSON object with status, headers and body. */
  json: boolean;
  /** Stop reading past this many body bytes. */
  maxBytes?: number;
}

/** `--json` buffers the body, so it is bounded even without `--max-bytes`. */
const JSON_MAX_BYTES = 16 << 20;

/** Writes the response to the output and returns the body bytes read. */
export async function deliver(res: HopResponse, url: string, redirects: number, options: DeliverOptions): Promise<number> {
  if (options.json) return deliverJson(res, url, redirects, options);
  if (options.include) options.output.write(headBlock(res));
  return copyBody(res, options.maxBytes, async (chunk) => {
    if (!options.output.write(chunk)) await once(options.output, 'drain');
  });
}

function headBlock(res: HopResponse): string {
  const lines = [`HTTP ${res.status} ${STATUS_CODES[res.status] ?? ''}`.trimEnd()];
  for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) lines.push(`${name}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

async function deliverJson(res: HopResponse, url: string, redirects: number, options: DeliverOptions): Promise<number> {
  const chunks: Buffer[] = [];
  const bytes = await copyBody(res, options.maxBytes ?? JSON_MAX_BYTES, async (chunk) => void chunks.push(chunk));
  const body = Buffer.concat(chunks);
  const text = body.toString('utf8');
  // Binary bodies travel as base64: a lossy utf8 decode would hand the agent wrong bytes.
  const isText = Buffer.from(text, 'utf8').equals(body);
  const result = { status: res.status, url, redirects, headers: res.headers, bytes, ...(isText ? { body: text } : { body_base64: body.toString('base64') }) };
  options.output.write(`${JSON.stringify(result)}\n`);
  return bytes;
}

/** Reads the body through `sink`, refusing to go past `maxBytes` (what was within the limit has been passed on). */
async function copyBody(res: HopResponse, maxBytes: number | undefined, sink: (chunk: Buffer) => Promise<void>): Promise<number> {
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    if (maxBytes !== undefined && bytes + chunk.length > maxBytes) {
      await sink(chunk.subarray(0, maxBytes - bytes));
      discardBody(res.body);
      throw new HttpError('too-large', `response body is larger than --max-bytes ${maxBytes}; stopped after ${maxBytes} bytes`);
    }
    bytes += chunk.length;
    await sink(chunk);
  }
  return bytes;
}
