import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, makeSandbox, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
let client: Client;

async function connect(args: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath, args: [BIN, 'mcp', '--no-prompt', ...args], cwd: sb.cwd,
    env: Object.fromEntries(Object.entries(sb.env).filter(([, v]) => v !== undefined)) as Record<string, string>, stderr: 'pipe',
  });
  const c = new Client({ name: 'nomos-test', version: '1.0.0' });
  await c.connect(transport);
  return c;
}

const text = (r: Awaited<ReturnType<Client['callTool']>>) => (r.content as { type: string; text: string }[]).map((c) => c.text).join('');
const auditEvents = () => readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

beforeEach(async () => {
  sb = makeSandbox();
  client = await connect(['--rules', sb.write('extra.yaml', 'version: 1\nrules:\n  - id: test.tmp-read\n    match: { file: { op: read, path: ["**/notes.txt"] } }\n    decision: allow\n  - id: test.no-secret\n    message: secret.txt is off limits.\n    match: { file: { op: [read, write], path: ["**/secret.txt"] } }\n    decision: deny\n')]);
});
afterEach(async () => {
  await client.close();
});

describe('nomos mcp (the SDK client over stdio)', () => {
  it('lists the five tools with input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['http_request', 'list_dir', 'read_file', 'shell', 'write_file']);
    const shell = tools.find((t) => t.name === 'shell')!;
    expect(shell.inputSchema.required).toEqual(['command']);
  });

  it('returns a denied call as a tool error with the rule id and message, and runs nothing', async () => {
    const r = await client.callTool({ name: 'shell', arguments: { command: 'touch marker && rm -rf /' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^nomos: denied by fs\.rm-recursive-root: Deleting \/, your home directory/);
    expect(() => readFileSync(`${sb.cwd}/marker`)).toThrow();
    const decision = auditEvents().find((e) => e.type === 'decision');
    expect(decision.decision).toBe('deny');
    expect(decision.rules[0].id).toBe('fs.rm-recursive-root');
  });

  it('runs an allowed command for real and returns its output', async () => {
    writeFileSync(`${sb.cwd}/a.txt`, 'hello');
    const r = await client.callTool({ name: 'shell', arguments: { command: 'cat a.txt && echo && ls' } });
    expect(r.isError).toBe(false);
    expect(text(r)).toBe('hello\na.txt\n');
    const types = auditEvents().map((e) => e.type);
    expect(types).toEqual(['decision', 'outcome']);
    expect(auditEvents()[1].exit_code).toBe(0);
  });

  it('reads an allowed file and denies a file a rule forbids, with its message', async () => {
    writeFileSync(`${sb.cwd}/notes.txt`, 'note body');
    writeFileSync(`${sb.cwd}/secret.txt`, 'hunter2');
    const ok = await client.callTool({ name: 'read_file', arguments: { path: 'notes.txt' } });
    expect(ok.isError).toBe(false);
    expect(text(ok)).toContain('note body');
    const denied = await client.callTool({ name: 'read_file', arguments: { path: `${sb.cwd}/secret.txt` } });
    expect(denied.isError).toBe(true);
    expect(text(denied)).toBe('nomos: denied by test.no-secret: secret.txt is off limits.');
    expect(text(denied)).not.toContain('hunter2');
  });

  it('denies what needs approval when prompting is off (ask fails closed)', async () => {
    const r = await client.callTool({ name: 'write_file', arguments: { path: 'out.txt', content: 'x' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^nomos: denied: approval needed .* prompting is off/);
    expect(() => readFileSync(`${sb.cwd}/out.txt`)).toThrow();
  });

  it('reports a failing command as an error with its exit code', async () => {
    const r = await client.callTool({ name: 'shell', arguments: { command: 'ls no-such-file' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/No such file[\s\S]*\[exit code 2\]/);
  });
});
