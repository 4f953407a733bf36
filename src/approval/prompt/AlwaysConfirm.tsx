import { Box, Text } from 'ink';
import { theme } from './theme.js';

/** Props of AlwaysConfirm. */
export interface AlwaysConfirmProps {
  yaml: string;
  file: string;
  target: 'user' | 'project';
  hasProject: boolean;
}

/** Shows the rule "always" would write and where; nothing is written until Enter. */
export function AlwaysConfirm({ yaml, file, target, hasProject }: AlwaysConfirmProps) {
  return (
    <Box flexDirection="column">
      <Text color={theme.title}>This rule will be added to the {target} rule file, {file}:</Text>
      <Box borderStyle="single" borderColor={theme.muted} paddingX={1}>
        <Text>{yaml.trimEnd()}</Text>
      </Box>
      <Box columnGap={2}>
        <Text><Text color={theme.key}>[Enter]</Text> write it and allow</Text>
        <Text><Text color={theme.key}>[u]</Text> user file</Text>
        {hasProject ? <Text><Text color={theme.key}>[p]</Text> project file</Text> : null}
        <Text><Text color={theme.key}>[Esc]</Text> back</Text>
      </Box>
    </Box>
  );
}
