import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { allowWorkspaceReads, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';
import { auditEvents } from '../integrations/fixtures.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
  mkdirSync(join(sb.home, '.ssh'));
  writeFileSync(join(sb.home, '.ssh/id_rsa'), 'KEY\n');
  allowWorkspaceReads(sb);
});

const claude = (toolInput: unknown) => JSON.stringify({ session_id: 's', transcript_path: '/t', cwd: sb.cwd, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Glob', tool_input: toolInput, tool_use_id: 'toolu_1' });
const gemini = (toolName: string, toolInput: unknown) => JSON.stringify({ session_id: 'g', transcript_path: '/t', cwd: sb.cwd, hook_event_name: 'BeforeTool', timestamp: '2026-12-07T08:00:00Z', tool_name: toolName, tool_input: toolInput });
const lastActions = () => auditEvents(sb).filter((e) => e.type === 'decision').at(-1)!.actions.map((a: any) => [a.op, a.path, !!a.recursive, !!a.dynamic]);

async function decide(agent: 'claude-code' | 'gemini-cli', input: string): Promise<string> {
  const r = await runCli(['hook', agent], sb, { input });
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  return agent === 'claude-code' ? out.hookSpecificOutput.permissionDecision : out.decision;
}

describe("glob tools: the pattern may lead out of the directory searched (the glob package lists /abs/* and ../x/* from any cwd)", () => {
  it('Claude Code Glob: an absolute or climbing pattern is a listing where it leads, not of the cwd', async () => {
    expect(await decide('claude-code', claude({ pattern: 'src/**/*.ts' }))).toBe('allow');
    expect(lastActions()).toEqual([['list', `${sb.cwd}/src`, true, false]]);
    for (const pattern of [`${sb.home}/.ssh/*`, '../home/.ssh/*', `{src,${sb.home}/.ssh}/*`, `${sb.home}/.SSH/*`]) {
      expect([pattern, await decide('claude-code', claude({ pattern }))]).toEqual([pattern, 'ask']);
      expect(lastActions()).toContainEqual(['list', `${sb.home}/.ssh`, false, false]);
    }
    // A wildcard part that climbs may reach any directory.
    expect(await decide('claude-code', claude({ pattern: '*/../../home/.ssh/*' }))).toBe('ask');
    expect(lastActions()).toContainEqual(['list', sb.cwd, true, true]);
  });

  it('Gemini CLI glob (any letter case unless case_sensitive) and grep_search include_pattern', async () => {
    expect(await decide('gemini-cli', gemini('glob', { pattern: '**/*.md' }))).toBe('allow');
    expect(await decide('gemini-cli', gemini('glob', { pattern: '../HOME/.SSH/*' }))).toBe('deny');
    expect(lastActions()).toContainEqual(['list', `${sb.home}/.ssh`, false, false]);
    expect(await decide('gemini-cli', gemini('grep_search', { pattern: 'KEY', include_pattern: '*.ts' }))).toBe('allow');
    expect(await decide('gemini-cli', gemini('grep_search', { pattern: 'KEY', include_pattern: `${sb.home}/.ssh/*` }))).toBe('deny');
    expect(lastActions()).toContainEqual(['read', `${sb.home}/.ssh`, true, false]);
  });
});
