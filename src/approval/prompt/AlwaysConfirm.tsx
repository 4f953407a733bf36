import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { theme } from './theme.js';

/** Props of AlwaysConfirm. */
export interface AlwaysConfirmProps {
  yaml: string;
  user: string;
  project?: string | undefined;
  onConfirm: (target: 'user' | 'project') => void;
  onCancel: () => void;
}

/** Shows the rule "always" would write and where; nothing is written until Enter. */
export function AlwaysConfirm({ yaml, user, project, onConfirm, onCancel }: AlwaysConfirmProps) {
  const [target, setTarget] = useState<'user' | 'project'>(project ? 'project' : 'user');
  useInput((input, key) => {
    if (key.return) onConfirm(target);
    else if (key.escape) onCancel();
    else if (input === 'u') setTarget('user');
    else if (input === 'p' && project) setTarget('project');
  });
  const file = target === 'project' ? project : user;
  return (
    <Box flexDirection="column">
      <Text color={theme.title}>This rule will be added to the {target} rule file, {file}:</Text>
      <Box borderStyle="single" borderColor={theme.muted} paddingX={1}>
        <Text>{yaml.trimEnd()}</Text>
      </Box>
      <Box columnGap={2}>
        <Text><Text color={theme.key}>[Enter]</Text> write it and allow</Text>
        <Text><Text color={theme.key}>[u]</Text> user file</Text>
        {project ? <Text><Text color={theme.key}>[p]</Text> project file</Text> : null}
        <Text><Text color={theme.key}>[Esc]</Text> back</Text>
      </Box>
    </Box>
  );
}
