import { Box, Text } from 'ink';
import { theme } from './theme.js';

/** Props of LineInput. */
export interface LineInputProps {
  label: string;
  text: string;
}

/** A one-line text field as drawn; the keys are handled by the prompt (prompt-keys.ts). */
export function LineInput({ label, text }: LineInputProps) {
  return (
    <Box flexDirection="column">
      <Text color={theme.label}>{label}</Text>
      <Text>
        <Text color={theme.key}>&gt; </Text>
        {text}
        <Text inverse> </Text>
      </Text>
    </Box>
  );
}
