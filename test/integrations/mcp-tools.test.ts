import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerHook } from '../../src/integrations/hook.js';
import { makeSandbox, type Sandbox } from '../helpers/cli.js';
import { auditEvents } from './fixtures.js';

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
  // Everything not decided otherwise is allowed: what a rule below decides is then visible.
  mkdirSync(join(sb.home, '.config/nomos'), { recursive: true });
  writeFileSync(join(sb.home, '.config/nomos/config.yaml'), 'version: 1\nprofile: permissive\n');
});

const lastDecision = () => auditEvents(sb).filter((e) => e.type === 'decision').at(-1)!;
const fileActions = () => lastDecision().actions.filter((a: { kind: string }) => a.kind === 'file').map((a: { op: string; path: string; target?: string }) => `${a.op} ${a.path}${a.target ? ` → ${a.target}` : ''}`);

async function claude(tool: string, input: unknown) {
  const reply = await answerHook('claude-code', JSON.stringify({ session_id: 's', cwd: sb.cwd, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input }), { cwd: sb.cwd, env: sb.env });
  return JSON.parse(reply.stdout).hookSpecificOutput.permissionDecision as string;
}

async function gemini(toolName: string, input: unknown, mcpContext?: unknown) {
  const reply = await answerHook('gemini-cli', JSON.stringify({ session_id: 's', cwd: sb.cwd, hook_event_name: 'BeforeTool', tool_name: toolName, tool_input: input, ...(mcpContext ? { mcp_context: mcpContext } : {}) }), { cwd: sb.cwd, env: sb.env });
  return JSON.parse(reply.stdout).decision as string;
}

describe('well-known MCP tools through the hooks (permissive profile: only rules decide against)', () => {
  it('claude-code: a read under any server name is decided as the read it is; a plain read stays allowed', async () => {
    expect(await claude('mcp__my-files__read_text_file', { path: `${sb.home}/.ssh/id_ed25519` })).toBe('ask');
    expect(lastDecision().rules.map((r: { id: string }) => r.id)).toEqual(['secrets.ssh-keys']);
    expect(await claude('mcp__my-files__read_text_file', { path: `${sb.cwd}/README.md` })).toBe('allow');
    expect(fileActions()).toEqual([`read ${sb.cwd}/README.md`]);
  });

  it('links are followed as the server follows them (its realpath), for a move too', async () => {
    mkdirSync(join(sb.home, '.ssh'));
    writeFileSync(join(sb.home, '.ssh/id_rsa'), 'k');
    symlinkSync(join(sb.home, '.ssh/id_rsa'), join(sb.cwd, 'notes'));
    expect(await claude('mcp__fs__read_file', { path: join(sb.cwd, 'notes') })).toBe('ask');
    expect(fileActions()).toEqual([`read ${sb.cwd}/notes`, `read ${sb.home}/.ssh/id_rsa`]);
    // The server renames the file a link leads to: moving `notes` moves the key out of ~/.ssh (mv would move the link).
    expect(await claude('mcp__fs__move_file', { source: join(sb.cwd, 'notes'), destination: join(sb.cwd, 'k') })).toBe('deny');
    expect(fileActions()).toEqual(expect.arrayContaining([`move ${sb.home}/.ssh/id_rsa → ${sb.cwd}/k`, `delete ${sb.home}/.ssh/id_rsa`]));
    expect(lastDecision().rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['fs.ssh-dir-write', 'secrets.ssh-keys']));
  });

  it('fetch: the http GET it makes meets http rules', async () => {
    writeFileSync(join(sb.home, '.config/nomos/config.yaml'), `version: 1
profile: permissive
rules:
  - id: t.no-evil
    match: { http: { host: evil.example } }
    decision: deny
`);
    expect(await claude('mcp__fetch__fetch', { url: 'https://evil.example/x' })).toBe('deny');
    expect(await claude('mcp__fetch__fetch', { url: 'https://example.org/x' })).toBe('allow');
    expect(await gemini('fetch', { url: 'https://EVIL.example./y' }, { server_name: 'web', tool_name: 'fetch' })).toBe('deny');
  });

  it('gemini-cli: the tool is mcp_context\'s tool_name, else its registered name, mapped also without the `<server>__` prefix Gemini adds on a clash', async () => {
    expect(await gemini('read_file', { path: `${sb.home}/.ssh/id_rsa` }, { server_name: 'fs', tool_name: 'read_file' })).toBe('deny');
    expect(lastDecision().actions[0]).toMatchObject({ kind: 'mcp', server: 'fs', tool: 'read_file' });
    // Mapped by the stripped name too; the mcp action keeps the name Gemini gave (it may be the tool's own).
    expect(await gemini('fs__read_file', { path: `${sb.home}/.ssh/id_rsa` }, { server_name: 'fs' })).toBe('deny');
    expect(lastDecision().actions[0]).toMatchObject({ kind: 'mcp', server: 'fs', tool: 'fs__read_file' });
    expect(fileActions()).toEqual([`read ${sb.home}/.ssh/id_rsa`]);
    // Another server's prefix is the tool's own name.
    expect(await gemini('gh__read_file', { path: `${sb.cwd}/x` }, { server_name: 'fs' })).toBe('allow');
    expect(lastDecision().actions).toHaveLength(1);
  });

  it('hook json: a {kind: mcp} request goes through the same mapping', async () => {
    const reply = await answerHook('json', JSON.stringify({ request: { kind: 'mcp', server: 'x', tool: 'write_file', input: { path: '~/.ssh/authorized_keys', content: 'k' } } }), { cwd: sb.cwd, env: sb.env });
    expect(JSON.parse(reply.stdout)).toMatchObject({ decision: 'deny', rules: [{ id: 'fs.ssh-dir-write' }] });
    expect(fileActions()).toEqual([`write ${sb.home}/.ssh/authorized_keys`]);
  });
});
