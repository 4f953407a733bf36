import { Box, Text } from 'ink';
import { LABEL_WIDTH, type Tone } from './detail-lines.js';
import type { Page } from './page.js';
import { theme } from './theme.js';

/** Props of RequestDetail. */
export interface RequestDetailProps {
  page: Page;
}

const COLOUR: Record<Tone, string | undefined> = { command: theme.command, danger: theme.danger, rule: theme.rule, plain: undefined };

/**
 * What was asked and why (the command, what nomos found in it, the rules that asked, the
 * session), escaped and cut to the width by detailLines; when it is longer than the screen, the
 * window on it and how much is above and below. Warnings stay on screen whatever the scroll.
 */
export function RequestDetail({ page }: RequestDetailProps) {
  const { warnings, lines, scroll, height } = page;
  const shown = lines.slice(scroll, scroll + height);
  const below = lines.length - scroll - shown.length;
  return (
    <Box flexDirection="column">
      {warnings.map((w, i) => <Text key={i} color={theme.danger}>{w}</Text>)}
      {shown.map((line, i) => (
        <Box key={i}>
          <Box width={LABEL_WIDTH} flexShrink={0}>
            <Text color={theme.label}>{line.label}</Text>
          </Box>
          <Text color={COLOUR[line.tone]} bold={line.tone === 'command'}>{line.text || ' '}</Text>
        </Box>
      ))}
      {lines.length > height ? (
        <Text color={below > 0 ? theme.danger : theme.muted}>
          {`Lines ${scroll + 1}-${scroll + shown.length} of ${lines.length}: ${scroll > 0 ? `${scroll} above ` : ''}${below > 0 ? `${below} below ` : ''}([Up]/[Down], [PgUp]/[PgDn])`}
        </Text>
      ) : null}
    </Box>
  );
}
