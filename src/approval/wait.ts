import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { answerPath, type StoredAnswer } from './queue.js';

/** How long to wait and how often to look when file events do not arrive (network or odd file systems). */
export interface WaitOptions {
  timeoutMs: number;
  pollMs?: number;
}

/**
 * Waits for the answer file of request `id`: fs.watch on the queue directory wakes it at
 * once, a poll catches what watching misses. Resolves undefined at the timeout.
 */
export function waitForAnswer(dir: string, id: string, options: WaitOptions): Promise<StoredAnswer | undefined> {
  const path = answerPath(dir, id);
  return new Promise((resolve) => {
    let watcher: FSWatcher | undefined;
    const finish = (answer: StoredAnswer | undefined) => {
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
      resolve(answer);
    };
    const look = () => {
      const answer = readAnswerFile(path);
      if (answer) finish(answer);
    };
    const timer = setTimeout(() => finish(undefined), options.timeoutMs);
    const poll = setInterval(look, options.pollMs ?? 500);
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        if (!name || name.toString() === `${id}.answer.json`) look();
      });
      watcher.on('error', () => watcher?.close());
    } catch {
      // No file events here: the poll alone answers.
    }
    look();
  });
}

function readAnswerFile(path: string): StoredAnswer | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StoredAnswer;
  } catch {
    return undefined; // missing, or half-written by a writer that does not rename
  }
}
