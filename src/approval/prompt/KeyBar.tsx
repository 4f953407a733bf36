import { Box, Text } from 'ink';
import type { ApprovalRequest } from '../request.js';
import { theme } from './theme.js';
import { visible } from '../../visible.js';

/** Props of KeyBar. */
export interface KeyBarProps {
  unavailable: ApprovalRequest['unavailable'];
  /** Extra keys a host view adds (the list's "back"). */
  extra?: [string, string][];
}

function Key({ k, label, off }: { k: string; label: string; off?: boolean }) {
  return (
    <Text color={off ? theme.muted : undefined} strikethrough={off}>
      <Text color={off ? theme.muted : theme.key}>[{k}]</Text> {label}{off ? ' (n/a)' : ''}
    </Text>
  );
}

/** The answer keys; a scope that cannot be offered is struck through and says why below. */
export function KeyBar({ unavailable, extra = [] }: KeyBarProps) {
  return (
    <Box flexDirection="column">
      <Box columnGap={2} flexWrap="wrap">
        <Key k="y" label="allow once" />
        <Key k="s" label="this session" off={Boolean(unavailable.session)} />
        <Key k="a" label="always" off={Boolean(unavailable.always)} />
        <Key k="n" label="deny" />
        <Key k="e" label="edit" />
        {extra.map(([k, label]) => <Key key={k} k={k} label={label} />)}
      </Box>
      {unavailable.session ? <Text color={theme.muted}>No session grant: {visible(unavailable.session)}.</Text> : null}
      {unavailable.always ? <Text color={theme.muted}>No "always": {visible(unavailable.always)}.</Text> : null}
    </Box>
  );
}
