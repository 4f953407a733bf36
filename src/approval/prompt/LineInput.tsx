import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { theme } from './theme.js';

/** Props of LineInput. */
export interface LineInputProps {
  label: string;
  initial?: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}

/** A one-line text field: type, Backspace, Enter submits, Esc cancels. */
export function LineInput({ label, initial = '', onSubmit, onCancel }: LineInputProps) {
  const [text, setText] = useState(initial);
  useInput((input, key) => {
    if (key.return) onSubmit(text);
    else if (key.escape) onCancel();
    else if (key.backspace || key.delete) setText((t) => t.slice(0, -1));
    else if (key.ctrl && input === 'u') setText('');
    else if (!key.ctrl && !key.meta && input && !/[\x00-\x1f\x7f]/.test(input)) setText((t) => t + input);
  });
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
