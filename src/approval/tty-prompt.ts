import { closeSync, createReadStream, createWriteStream, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Evaluation } from '../policy/evaluate.js';
import type { Approval } from './escalate.js';

/** Asks on the controlling terminal; no terminal or no answer in time is a denial. */
export async function promptOnTty(evaluation: Evaluation, commandText: string, timeoutMs: number, which: string): Promise<Approval> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return { approved: false, by: 'no-tty', reason: `approval needed (${which}) and there is no terminal to ask on` };
  }
  const input = createReadStream('', { fd, autoClose: false });
  const output = createWriteStream('', { fd, autoClose: false });
  const rl = createInterface({ input, output, terminal: false });
  output.write(`\nnomos: ${which}\n  command: ${commandText}\n  reason:  ${evaluation.reason}\nAllow once? [y/N] `);
  try {
    const answer = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      rl.once('line', (line) => {
        clearTimeout(timer);
        resolve(line);
      });
      rl.once('close', () => resolve(''));
    });
    if (answer === undefined) return { approved: false, by: 'timeout', reason: `no answer within ${Math.round(timeoutMs / 1000)} s` };
    const approved = /^y(es)?$/i.test(answer.trim());
    return { approved, by: 'tty', reason: approved ? 'allowed once at the terminal' : 'refused at the terminal' };
  } finally {
    rl.close();
    input.destroy();
    output.destroy();
    closeSync(fd);
  }
}
