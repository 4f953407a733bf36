import { Box, Text } from 'ink';
import type { Answer, ApprovalRequest } from '../request.js';
import { secondsLeft } from '../request.js';
import { initialPromptState, stepPrompt, type PromptState } from './prompt-keys.js';
import { PromptView } from './PromptView.js';
import { theme } from './theme.js';
import { visible } from '../../visible.js';
import { useKeys } from './use-keys.js';

/** Props of PendingList. */
export interface PendingListProps {
  /** Pending requests, newest first; the host re-renders as the queue changes. */
  requests: ApprovalRequest[];
  width: number;
  /** The terminal's height. */
  rows: number;
  now: () => number;
  /** What happened last ("allowed once: 1a2b3c4d"). */
  status?: string;
  onAnswer: (id: string, answer: Answer) => void;
  onQuit: () => void;
}

interface ListState {
  selected: number;
  /** The request opened with Enter, and its prompt's key state (one key handler serves both views). */
  open?: { id: string; prompt: PromptState };
}

/** `nomos approve`: pending requests across sessions; Enter opens one with the prompt's keys. */
export function PendingList({ requests, width, rows, now, status, onAnswer, onQuit }: PendingListProps) {
  const last = Math.max(0, requests.length - 1);
  const [state] = useKeys<ListState>(() => ({ selected: 0 }), (s, input, key) => {
    const at = Math.min(s.selected, last);
    const opened = s.open && requests.find((r) => r.id === s.open!.id);
    if (s.open && opened) {
      let next: ListState = s;
      const close = () => (next = { selected: at });
      const prompt = stepPrompt(s.open.prompt, opened, input, key, { onAnswer: (a) => { close(); onAnswer(opened.id, a); }, onBack: close }, { width, rows });
      return next !== s ? next : prompt === s.open.prompt ? s : { selected: at, open: { id: opened.id, prompt } };
    }
    if (key.upArrow || input === 'k') return { selected: Math.max(0, at - 1) };
    if (key.downArrow || input === 'j') return { selected: Math.min(last, at + 1) };
    if (key.return && requests[at]) return { selected: at, open: { id: requests[at]!.id, prompt: initialPromptState(requests[at]!) } };
    if (input === 'q' || key.escape || (key.ctrl && input === 'c')) onQuit();
    return s.open ? { selected: at } : s;
  });
  const index = Math.min(state.selected, last);
  const open = state.open && requests.find((r) => r.id === state.open!.id);
  if (state.open && open) return <PromptView request={open} state={state.open.prompt} width={width} rows={rows} now={now} canGoBack />;
  // A list taller than the terminal would scroll its top (and the selected request) out of sight: a window around the selection.
  const room = Math.max(3, rows - 8);
  const first = Math.max(0, Math.min(index - Math.floor(room / 2), requests.length - room));
  const shown = requests.slice(first, first + room);
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.border} paddingX={1}>
      <Text color={theme.title} bold>nomos approve · {requests.length} pending</Text>
      {requests.length === 0 ? <Text color={theme.muted}>Nothing is waiting. New requests appear here as agents ask.</Text> : null}
      {shown.map((r, j) => [r, first + j] as const).map(([r, i]) => (
        <Text key={r.id} wrap="truncate-end" inverse={i === index}>
          {i === index ? '>' : ' '} {visible(r.id)}  {String(secondsLeft(r, now())).padStart(3)}s  {visible(r.session.slice(0, 16)).padEnd(16)}  {visible(r.command)}
        </Text>
      ))}
      {requests.length > shown.length ? <Text color={theme.muted}>{first} more above, {requests.length - first - shown.length} more below</Text> : null}
      {status ? <Text color={theme.ok} wrap="truncate-end">{visible(status)}</Text> : null}
      <Text color={theme.muted}>
        <Text color={theme.key}>[Up/Down]</Text> select  <Text color={theme.key}>[Enter]</Text> open  <Text color={theme.key}>[q]</Text> quit
      </Text>
    </Box>
  );
}
