import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox, runCli } from '../helpers/cli.js';

const ALLOW_WORKSPACE_READS = 'version: 1\nrules:\n  - id: t.workspace-reads\n    match: { file: { op: read, path: "${workspace}/**" } }\n    decision: allow\n';

describe('hooks decide on where a file path really leads', () => {
  it('a Read of a workspace symlink into ~/.ssh meets the secrets rule, not only the workspace allow', async () => {
    const sb = makeSandbox();
    sb.write('home/.ssh/id_rsa', 'PRIVATE');
    sb.write('work/notes.txt', 'hi');
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'key.txt'));
    const rules = sb.write('rules.yaml', ALLOW_WORKSPACE_READS);
    const read = (file: string) => JSON.stringify({
      session_id: 's1', transcript_path: '/dev/null', cwd: sb.cwd, hook_event_name: 'PreToolUse',
      tool_name: 'Read', tool_input: { file_path: join(sb.cwd, file) },
    });
    const plain = await runCli(['hook', 'claude-code', '--rules', rules], sb, { input: read('notes.txt') });
    expect(JSON.parse(plain.stdout).hookSpecificOutput.permissionDecision).toBe('allow');
    const linked = await runCli(['hook', 'claude-code', '--rules', rules], sb, { input: read('key.txt') });
    const out = JSON.parse(linked.stdout).hookSpecificOutput;
    expect(out.permissionDecision).not.toBe('allow');
    expect(out.permissionDecisionReason).toContain('secrets.ssh-keys');
  });
});
