import { join } from 'node:path';
import { acquireLock } from '../lock.js';
import { controllingTerminal } from '../session/identity.js';
import { approvalsDir } from './private-dir.js';

/**
 * Waits for this terminal's turn to show an approval prompt and runs `show` with the time
 * left; undefined when `deadline` passes first. Two prompts on one terminal at once (an agent's
 * parallel tool calls) both read its keys: a key pressed at the prompt on screen could answer
 * the other request, which the human never saw. So one prompt per terminal at a time.
 */
export async function inTtyTurn<T>(stateDir: string, deadline: number, show: (remainingMs: number) => Promise<T>): Promise<T | undefined> {
  const release = await acquireLock(join(approvalsDir(stateDir), `tty-${controllingTerminal() ?? 'unknown'}`), deadline);
  if (!release) return undefined;
  try {
    return await show(deadline - Date.now());
  } finally {
    release();
  }
}
