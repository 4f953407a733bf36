import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFirewall, DeniedError, guardAiSdkTool, guardLangChainTool, type Firewall } from '../../src/index.js';
import { makeSandbox, type Sandbox } from '../helpers/cli.js';

let sb: Sandbox;
let fw: Firewall;
beforeEach(() => {
  sb = makeSandbox();
  const rules = sb.write('tools.yaml', 'version: 1\nrules:\n  - id: test.fetch-ok\n    match: { http: { host: ok.example } }\n    decision: allow\n');
  fw = createFirewall({ cwd: sb.cwd, env: sb.env, session: 'lib', rules: [rules] });
});

describe('createFirewall', () => {
  it('check decides without recording; run runs an allowed command with captured output', async () => {
    expect((await fw.check({ kind: 'shell', command: 'rm -rf /' })).decision).toBe('deny');
    expect(() => readFileSync(sb.audit)).toThrow();
    const { verdict, outcome } = await fw.run({ kind: 'shell', command: 'echo lib; echo err >&2; exit 3' });
    expect(verdict.decision).toBe('allow');
    expect(outcome).toMatchObject({ exitCode: 3, stdout: 'lib\n', stderr: 'err\n' });
  });

  it('a Host header naming another host is not decided as the URL host (MCP http_request sent it: virtual hosting)', async () => {
    expect((await fw.check({ kind: 'http', url: 'https://ok.example/a', headers: { Host: 'ok.example' } })).decision).toBe('allow');
    const cases: Record<string, string>[] = [{ Host: 'evil.example' }, { host: 'evil.example' }, { HOST: 'ok.example:8443' }, { Host: 'ok.example', host: 'evil.example' }];
    for (const headers of cases) {
      const evaluation = await fw.check({ kind: 'http', url: 'https://ok.example/a', headers });
      expect([headers, evaluation.decision]).toEqual([headers, 'ask']);
      expect(evaluation.reason).toMatch(/Host header|given twice/);
    }
    const { verdict } = await fw.run({ kind: 'http', url: 'https://ok.example/a', headers: { Host: 'evil.example' } });
    expect(verdict.decision).toBe('deny');
  });

  it('run denies what needs approval when no escalator is given (fail closed)', async () => {
    const { verdict, outcome } = await fw.run({ kind: 'file', op: 'write', path: 'x.txt', content: 'x' });
    expect(verdict.decision).toBe('deny');
    expect(outcome).toBeUndefined();
    expect(() => readFileSync(`${sb.cwd}/x.txt`)).toThrow();
  });
});

describe('tool guards', () => {
  it('guards an AI SDK tool: allowed calls reach execute, others throw DeniedError and never run', async () => {
    const calls: unknown[] = [];
    const fetchTool = { description: 'fetch a URL', inputSchema: { type: 'object' }, execute: async (input: { url: string }) => (calls.push(input), `got ${input.url}`) };
    const guarded = guardAiSdkTool(fw, 'fetch', fetchTool, (input) => ({ kind: 'http', url: (input as { url: string }).url }));
    expect(guarded.description).toBe('fetch a URL');
    expect(guarded.inputSchema).toBe(fetchTool.inputSchema);
    expect(await guarded.execute({ url: 'https://ok.example/a' })).toBe('got https://ok.example/a');
    await expect(guarded.execute({ url: 'https://evil.example/' })).rejects.toThrow(DeniedError);
    expect(calls).toEqual([{ url: 'https://ok.example/a' }]);
  });

  it('guards a LangChain tool by name; a tool call envelope is unwrapped to its args', async () => {
    const seen: unknown[] = [];
    const tool = { name: 'delete_db', description: 'drops the database', invoke: async (input: unknown) => (seen.push(input), 'dropped') };
    const guarded = guardLangChainTool(fw, tool);
    expect(guarded.name).toBe('delete_db');
    await expect(guarded.invoke({ type: 'tool_call', id: '1', name: 'delete_db', args: { db: 'prod' } })).rejects.toThrow(/approval needed .* prompting is off/);
    expect(seen).toEqual([]);
    const events = readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.at(-1).actions[0]).toMatchObject({ kind: 'mcp', server: 'langchain', tool: 'delete_db', input: { db: 'prod' } });
  });
});
