import { watch, type FSWatcher } from 'node:fs';
import { render } from 'ink';
import { PendingList } from './prompt/PendingList.js';
import { promptWidth } from './prompt/page.js';
import { listRequests, writeAnswer } from './queue.js';
import type { Answer } from './request.js';

/** Where the list reads and writes, and who answers. */
export interface ApproveAppOptions {
  dir: string;
  key: Buffer;
  /** Recorded as the approver: `approve:<user>`. */
  by: string;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

const VERBS: Record<Answer['choice'], string> = { once: 'allowed once', session: 'allowed for its session', always: 'allowed always', deny: 'denied', edit: 'edited' };

/** The live list of `nomos approve`: re-read on every queue change (and each second, for countdowns). */
export async function runApproveApp(options: ApproveAppOptions): Promise<void> {
  let entries = listRequests(options.dir);
  let status: string | undefined;
  const view = () => (
    <PendingList requests={entries.map((e) => e.request)} width={promptWidth(options.stdout.columns)} rows={options.stdout.rows || 24} now={Date.now} onAnswer={answer} onQuit={() => instance.unmount()} {...(status ? { status } : {})} />
  );
  function answer(id: string, choice: Answer) {
    // Sign exactly the text this list showed: if the file changed meanwhile, the waiter rejects the answer.
    const entry = entries.find((e) => e.request.id === id);
    if (!entry) status = `${id} is no longer waiting`;
    else {
      writeAnswer(options.dir, options.key, id, entry.text, { ...choice, by: options.by });
      status = `${VERBS[choice.choice]}: ${id} (${entry.request.command})`;
    }
    refresh();
  }
  const instance = render(view(), { stdin: options.stdin, stdout: options.stdout, exitOnCtrlC: false, patchConsole: false });
  function refresh() {
    entries = listRequests(options.dir);
    instance.rerender(view());
  }
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(options.dir, { persistent: false }, refresh);
    watcher.on('error', () => watcher?.close());
  } catch {
    // The interval below still refreshes.
  }
  const timer = setInterval(refresh, 1000);
  try {
    await instance.waitUntilExit();
  } finally {
    clearInterval(timer);
    watcher?.close();
  }
}
