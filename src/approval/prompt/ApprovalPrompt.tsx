import type { Answer, ApprovalRequest } from '../request.js';
import { initialPromptState, stepPrompt } from './prompt-keys.js';
import { PromptView } from './PromptView.js';
import { useKeys } from './use-keys.js';

/** Props of ApprovalPrompt. */
export interface ApprovalPromptProps {
  request: ApprovalRequest;
  width: number;
  /** The terminal's height. */
  rows: number;
  now: () => number;
  onAnswer: (answer: Answer) => void;
}

/** The prompt on the agent's terminal: one request and its keys (allow once, session, always, deny, edit). */
export function ApprovalPrompt({ request, width, rows, now, onAnswer }: ApprovalPromptProps) {
  const [state] = useKeys(() => initialPromptState(request), (s, input, key) => stepPrompt(s, request, input, key, { onAnswer }, { width, rows }));
  return <PromptView request={request} state={state} width={width} rows={rows} now={now} />;
}
