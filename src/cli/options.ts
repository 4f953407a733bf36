import { UsageError } from '../errors.js';
import type { Request } from '../action/request.js';

/** Options every deciding command takes. */
export interface PolicyFlags {
  session?: string;
  rules?: string[];
  builtin?: boolean;
}

/** One word after `--` is a shell command string; several are an argv run without a shell. */
export function toRequest(words: string[]): Request {
  if (words.length === 0) throw new UsageError('no command given: nomos exec -- "<command>"  or  nomos exec -- <program> [args…]');
  return words.length === 1 ? { kind: 'shell', command: words[0]! } : { kind: 'argv', argv: words };
}

/** Parses `--timeout` values: `500ms`, `30s`, `5m`, or plain seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`invalid duration "${text}": use e.g. 30s, 500ms, 5m`);
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * factor);
}
