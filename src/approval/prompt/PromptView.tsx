import { Box, Text } from 'ink';
import type { ApprovalRequest } from '../request.js';
import { AlwaysConfirm } from './AlwaysConfirm.js';
import { Countdown } from './Countdown.js';
import { KeyBar } from './KeyBar.js';
import { LineInput } from './LineInput.js';
import { pageOf } from './page.js';
import type { PromptState } from './prompt-keys.js';
import { RequestDetail } from './RequestDetail.js';
import { theme } from './theme.js';
import { visible } from '../../visible.js';

/** Props of PromptView. */
export interface PromptViewProps {
  request: ApprovalRequest;
  state: PromptState;
  width: number;
  /** The terminal's height: a longer request is shown a window at a time. */
  rows: number;
  now: () => number;
  /** Shown from the list: offer Esc to go back. */
  canGoBack?: boolean;
}

/** The prompt as drawn for a given key state; keys are handled by whoever owns the state. */
export function PromptView({ request, state, width, rows, now, canGoBack }: PromptViewProps) {
  const always = request.always;
  const page = pageOf(request, state, { width, rows });
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.border} paddingX={1}>
      <Text color={theme.title} bold>nomos: approval needed · request {visible(request.id)}</Text>
      <RequestDetail page={page} />
      <Box marginTop={1} flexDirection="column">
        {state.mode === 'keys' ? <KeyBar unavailable={request.unavailable} extra={canGoBack ? [['Esc', 'back']] : []} /> : null}
        {state.mode === 'keys' && state.note ? <Text color={theme.danger}>{visible(state.note)}</Text> : null}
        {state.mode === 'deny' ? <LineInput label="Reason the agent will see (optional). Enter denies, Esc goes back." text={state.draft} /> : null}
        {state.mode === 'edit' ? <LineInput label="Edit the command. Enter checks it again, Esc goes back." text={visible(state.draft)} /> : null}
        {state.mode === 'always' && always ? (
          <AlwaysConfirm yaml={visible(always.yaml, { keepNewlines: true })} target={state.target} file={visible((state.target === 'project' ? always.project : undefined) ?? always.user)} hasProject={Boolean(always.project)} />
        ) : null}
        <Countdown expires={request.expires} now={now} />
      </Box>
    </Box>
  );
}
