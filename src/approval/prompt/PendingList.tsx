import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { Answer, ApprovalRequest } from '../request.js';
import { secondsLeft } from '../request.js';
import { ApprovalPrompt } from './ApprovalPrompt.js';
import { theme } from './theme.js';

/** Props of PendingList. */
export interface PendingListProps {
  /** Pending requests, newest first; the host re-renders as the queue changes. */
  requests: ApprovalRequest[];
  width: number;
  now: () => number;
  /** What happened last ("allowed 1a2b3c4d once"). */
  status?: string;
  onAnswer: (id: string, answer: Answer) => void;
  onQuit: () => void;
}

/** `nomos approve`: pending requests across sessions; Enter opens one with the prompt's keys. */
export function PendingList({ requests, width, now, status, onAnswer, onQuit }: PendingListProps) {
  const [selected, setSelected] = useState(0);
  const [openId, setOpenId] = useState<string | undefined>();
  const open = requests.find((r) => r.id === openId);
  const index = Math.min(selected, Math.max(0, requests.length - 1));
  useInput((input, key) => {
    if (open) return;
    if (key.upArrow || input === 'k') setSelected(Math.max(0, index - 1));
    else if (key.downArrow || input === 'j') setSelected(Math.min(requests.length - 1, index + 1));
    else if (key.return && requests[index]) setOpenId(requests[index]!.id);
    else if (input === 'q' || key.escape || (key.ctrl && input === 'c')) onQuit();
  });
  if (open) {
    return <ApprovalPrompt key={open.id} request={open} width={width} now={now} onBack={() => setOpenId(undefined)} onAnswer={(answer) => { setOpenId(undefined); onAnswer(open.id, answer); }} />;
  }
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.border} paddingX={1}>
      <Text color={theme.title} bold>nomos approve · {requests.length} pending</Text>
      {requests.length === 0 ? <Text color={theme.muted}>Nothing is waiting. New requests appear here as agents ask.</Text> : null}
      {requests.map((r, i) => (
        <Text key={r.id} wrap="truncate-end" inverse={i === index}>
          {i === index ? '>' : ' '} {r.id}  {String(secondsLeft(r, now())).padStart(3)}s  {r.session.slice(0, 16).padEnd(16)}  {r.command}
        </Text>
      ))}
      {status ? <Text color={theme.ok}>{status}</Text> : null}
      <Text color={theme.muted}>
        <Text color={theme.key}>[Up/Down]</Text> select  <Text color={theme.key}>[Enter]</Text> open  <Text color={theme.key}>[q]</Text> quit
      </Text>
    </Box>
  );
}
