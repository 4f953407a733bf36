import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Action } from '../../action/types.js';
import type { ApprovalRequest } from '../request.js';
import { theme } from './theme.js';

/** Props of RequestDetail. */
export interface RequestDetailProps {
  request: ApprovalRequest;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Box width={10} flexShrink={0}>
        <Text color={theme.label}>{label}</Text>
      </Box>
      <Box flexDirection="column" flexGrow={1}>{children}</Box>
    </Box>
  );
}

function describeAction(action: Action): string {
  const via = action.via.length ? `  (via ${action.via.join(' > ')})` : '';
  if (action.kind === 'exec') return `${action.argv.join(' ')}${via}`;
  if (action.kind === 'file') return `${action.op} ${action.path}${action.target ? ` -> ${action.target}` : ''}${via}`;
  if (action.kind === 'mcp') return `tool ${action.server}/${action.tool}${via}`;
  return `${action.method} ${action.url}${via}`;
}

/** What was asked and why: the command, what nomos found in it, the rules that asked, the session. */
export function RequestDetail({ request }: RequestDetailProps) {
  const { evaluation } = request;
  const asked = evaluation.rules.filter((r) => r.decision === 'ask');
  const groups: [string, Action['kind']][] = [['Runs', 'exec'], ['Files', 'file'], ['HTTP', 'http']];
  return (
    <Box flexDirection="column">
      <Row label="Command"><Text color={theme.command} bold>{request.command}</Text></Row>
      {groups.map(([label, kind]) => {
        const actions = evaluation.actions.filter((a) => a.kind === kind);
        return actions.length ? <Row key={kind} label={label}>{actions.map((a, i) => <Text key={i}>{describeAction(a)}</Text>)}</Row> : null;
      })}
      {evaluation.opaque.length ? (
        <Row label="Opaque !">
          {evaluation.opaque.map((o, i) => (
            <Text key={i} color={theme.danger}>! {o.text} - {o.reason}</Text>
          ))}
        </Row>
      ) : null}
      <Row label="Asked by">
        {asked.length
          ? asked.map((r, i) => <Text key={i}><Text color={theme.rule}>{r.id}</Text>{r.message ? `: ${r.message}` : ''} <Text color={theme.muted}>({r.source})</Text></Text>)
          : <Text>{evaluation.reason}</Text>}
      </Row>
      <Row label="Session"><Text>{request.session} · actor {request.actor}</Text></Row>
      <Row label="In"><Text>{request.cwd}</Text></Row>
    </Box>
  );
}
