import { render } from 'ink';
import { ApprovalPrompt } from './prompt/ApprovalPrompt.js';
import { promptWidth } from './prompt/page.js';
import type { Answer, ApprovalRequest } from './request.js';
import type { TtyStreams } from './tty.js';

/**
 * Shows the Ink prompt on the terminal and resolves with the answer, or undefined when the
 * time runs out (the caller denies). Loaded lazily: ink and react cost start-up time that
 * only a command that really asks should pay.
 */
export async function promptOnTty(request: ApprovalRequest, tty: TtyStreams, timeoutMs: number): Promise<Answer | undefined> {
  const width = promptWidth(tty.output.columns);
  const rows = tty.output.rows || 24;
  const answer = await new Promise<Answer | undefined>((resolve) => {
    let settled = false;
    const finish = (value: Answer | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      instance.unmount();
      resolve(value);
    };
    const instance = render(<ApprovalPrompt request={request} width={width} rows={rows} now={Date.now} onAnswer={finish} />, {
      stdin: tty.input as unknown as NodeJS.ReadStream,
      stdout: tty.output as unknown as NodeJS.WriteStream,
      stderr: tty.output as unknown as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    const timer = setTimeout(() => finish(undefined), timeoutMs);
  });
  tty.close();
  return answer;
}
