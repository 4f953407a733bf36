import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { Answer, ApprovalRequest } from '../request.js';
import { AlwaysConfirm } from './AlwaysConfirm.js';
import { Countdown } from './Countdown.js';
import { KeyBar } from './KeyBar.js';
import { LineInput } from './LineInput.js';
import { RequestDetail } from './RequestDetail.js';
import { theme } from './theme.js';

/** Props of ApprovalPrompt. */
export interface ApprovalPromptProps {
  request: ApprovalRequest;
  width: number;
  now: () => number;
  onAnswer: (answer: Answer) => void;
  /** When shown from the list: Esc goes back to it. */
  onBack?: () => void;
}

type Mode = 'keys' | 'deny' | 'edit' | 'always';

/** One request and its answer keys: allow once, this session, always, deny (with reason), edit. */
export function ApprovalPrompt({ request, width, now, onAnswer, onBack }: ApprovalPromptProps) {
  const [mode, setMode] = useState<Mode>('keys');
  const [note, setNote] = useState('');
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return onAnswer({ choice: 'deny', text: 'interrupted at the prompt' });
    if (mode !== 'keys') return;
    if (input === 'y') onAnswer({ choice: 'once' });
    else if (input === 'n' || input === 'd') setMode('deny');
    else if (input === 'e') setMode('edit');
    else if (input === 's') request.unavailable.session ? setNote(`"this session" is not offered: ${request.unavailable.session}`) : onAnswer({ choice: 'session' });
    else if (input === 'a') request.always ? setMode('always') : setNote(`"always" is not offered: ${request.unavailable.always ?? 'no rule proposed'}`);
    else if (key.escape && onBack) onBack();
  });
  const back = () => setMode('keys');
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.border} paddingX={1}>
      <Text color={theme.title} bold>nomos: approval needed · request {request.id}</Text>
      <RequestDetail request={request} />
      <Box marginTop={1} flexDirection="column">
        {mode === 'keys' ? <KeyBar unavailable={request.unavailable} extra={onBack ? [['Esc', 'back']] : []} /> : null}
        {mode === 'keys' && note ? <Text color={theme.danger}>{note}</Text> : null}
        {mode === 'deny' ? (
          <LineInput label="Reason the agent will see (optional). Enter denies, Esc goes back." onSubmit={(text) => onAnswer({ choice: 'deny', ...(text.trim() ? { text: text.trim() } : {}) })} onCancel={back} />
        ) : null}
        {mode === 'edit' ? (
          <LineInput label="Edit the command. Enter checks it again, Esc goes back." initial={request.command} onSubmit={(text) => (text.trim() ? onAnswer({ choice: 'edit', text: text.trim() }) : back())} onCancel={back} />
        ) : null}
        {mode === 'always' && request.always ? (
          <AlwaysConfirm yaml={request.always.yaml} user={request.always.user} project={request.always.project} onConfirm={(target) => onAnswer({ choice: 'always', target })} onCancel={back} />
        ) : null}
        <Countdown expires={request.expires} now={now} />
      </Box>
    </Box>
  );
}
