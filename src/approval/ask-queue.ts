import { visible } from '../visible.js';
import type { EscalationOptions } from './escalate.js';
import { approvalsDir } from './private-dir.js';
import { enqueueRequest, removeRequest, verifyAnswer } from './queue.js';
import type { Answer, ApprovalRequest } from './request.js';
import { waitForAnswer } from './wait.js';

/**
 * No terminal: put the request into the queue, say on stderr (one line, nothing on stdout)
 * how to answer, and wait for a signed answer until the timeout. The request is removed
 * however this ends, so `nomos approve` never shows a request nobody waits for.
 */
export async function askOutOfBand(request: ApprovalRequest, key: Buffer, options: EscalationOptions, which: string): Promise<{ answer: Answer; by: string } | 'timeout' | 'invalid'> {
  const dir = approvalsDir(options.stateDir);
  const text = enqueueRequest(dir, request);
  const seconds = Math.round(options.timeoutMs / 1000);
  options.stderr(`nomos: waiting for approval (${visible(which)}); in another terminal run: nomos approve ${request.id} --allow|--deny (or nomos approve); denied in ${seconds} s\n`);
  try {
    const answer = await waitForAnswer(dir, request.id, { timeoutMs: options.timeoutMs });
    if (!answer) return 'timeout';
    if (!verifyAnswer(key, answer, request.id, text)) return 'invalid';
    const { choice, text: answerText, target } = answer;
    return { answer: { choice, ...(answerText !== undefined ? { text: answerText } : {}), ...(target ? { target } : {}) }, by: answer.by };
  } finally {
    removeRequest(dir, request.id);
  }
}
