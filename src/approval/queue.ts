import { crypto } from '../builtins.js';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer, ApprovalRequest } from './request.js';
import { digest, sign, verify } from './signing.js';

/** A request as stored: the data plus a nonce, so no answer to another request can be replayed. */
export type StoredRequest = ApprovalRequest & { nonce: string };

/** An answer as stored: signed over the exact request text the human saw. */
export interface StoredAnswer extends Answer {
  id: string;
  by: string;
  time: string;
  /** SHA-256 of the request file the approver read. */
  seen: string;
  mac: string;
}

const requestPath = (dir: string, id: string) => join(dir, `${id}.request.json`);
/** Where the answer to request `id` is written. */
export const answerPath = (dir: string, id: string) => join(dir, `${id}.answer.json`);

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Puts a request into the queue; returns the exact text written (what answers must have seen). */
export function enqueueRequest(dir: string, request: ApprovalRequest): string {
  const text = `${JSON.stringify({ ...request, nonce: crypto().randomBytes(16).toString('hex') }, null, 1)}\n`;
  writeAtomic(requestPath(dir, request.id), text);
  return text;
}

/** Removes a request and any answer to it. */
export function removeRequest(dir: string, id: string): void {
  rmSync(requestPath(dir, id), { force: true });
  rmSync(answerPath(dir, id), { force: true });
}

/** Pending requests whose waiter is still alive, newest first; stale ones are removed. */
export function listRequests(dir: string, isAlive: (pid: number) => boolean = pidAlive): { request: StoredRequest; text: string }[] {
  const out: { request: StoredRequest; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const id = /^([0-9a-f]{8})\.request\.json$/.exec(name)?.[1];
    if (!id) continue;
    const entry = readRequest(dir, id);
    if (!entry) continue;
    if (!isAlive(entry.request.pid)) removeRequest(dir, id);
    else out.push(entry);
  }
  return out.sort((a, b) => b.request.created.localeCompare(a.request.created));
}

/** One request with its exact text, or undefined when it is gone or unreadable. */
export function readRequest(dir: string, id: string): { request: StoredRequest; text: string } | undefined {
  try {
    const text = readFileSync(requestPath(dir, id), 'utf8');
    return { request: JSON.parse(text) as StoredRequest, text };
  } catch {
    return undefined;
  }
}

/** Writes a signed answer for a request whose text the approver has shown. */
export function writeAnswer(dir: string, key: Buffer, id: string, requestText: string, answer: Answer & { by: string }): void {
  const body = { id, ...answer, time: new Date().toISOString(), seen: digest(requestText) };
  writeAtomic(answerPath(dir, id), `${JSON.stringify({ ...body, mac: sign(key, answerParts(body)) })}\n`);
}

/** Checks an answer against the request text the waiter wrote; false for anything forged, replayed or altered. */
export function verifyAnswer(key: Buffer, answer: StoredAnswer, id: string, requestText: string): boolean {
  return answer.id === id && answer.seen === digest(requestText) && verify(key, answerParts(answer), answer.mac);
}

function answerParts(a: Omit<StoredAnswer, 'mac'>): unknown[] {
  return [a.id, a.seen, a.choice, a.text ?? '', a.target ?? '', a.by, a.time];
}

/** Whether a process exists (signal 0); EPERM means it exists under another user. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
