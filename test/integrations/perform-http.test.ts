import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirewall } from '../../src/index.js';
import { makeSandbox } from '../helpers/cli.js';

// HTTP tool calls nomos performs itself (MCP, serve, the library), against a real local server.
let server: Server;
let base: string;
const seen: { method: string; url: string; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body });
      if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (req.url === '/big') res.end('x'.repeat(100_000));
      else res.end(`hello ${req.method} ${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const firewall = (extraEnv: Record<string, string> = {}, maxBytes?: number) => {
  const sb = makeSandbox();
  const rules = sb.write('http.yaml', 'version: 1\nrules:\n  - id: test.local\n    match: { http: { host: 127.0.0.1 } }\n    decision: allow\n');
  return createFirewall({ cwd: sb.cwd, env: { ...sb.env, ...extraEnv }, session: 'http', rules: [rules], ...(maxBytes ? { maxBytes } : {}) });
};

describe('HTTP tool calls performed by nomos', () => {
  it('sends the decided request with its body and captures the response', async () => {
    const { verdict, outcome } = await firewall().run({ kind: 'http', method: 'POST', url: `${base}/echo`, body: 'payload' });
    expect(verdict.decision).toBe('allow');
    expect(outcome).toMatchObject({ exitCode: 0, status: 200, stdout: 'hello POST payload' });
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/echo', body: 'payload' });
  });

  it('returns a redirect without following it (no hop was decided)', async () => {
    const before = seen.length;
    const { outcome } = await firewall().run({ kind: 'http', url: `${base}/moved` });
    expect(outcome).toMatchObject({ exitCode: 1, status: 302, stderr: 'HTTP 302' });
    expect(seen.slice(before).map((s) => s.url)).toEqual(['/moved']);
  });

  it('caps the captured body', async () => {
    const { outcome } = await firewall({}, 1000).run({ kind: 'http', url: `${base}/big` });
    expect(outcome?.stdout).toBe('x'.repeat(1000));
  });

  it('refuses a private address when NOMOS_HTTP_BLOCK_PRIVATE=1, as nomos http does', async () => {
    const before = seen.length;
    const { verdict, outcome } = await firewall({ NOMOS_HTTP_BLOCK_PRIVATE: '1' }).run({ kind: 'http', url: `${base}/echo` });
    expect(verdict.decision).toBe('allow');
    expect(outcome?.exitCode).toBe(1);
    expect(outcome?.stderr).toMatch(/private or local address/);
    expect(seen.length).toBe(before);
  });
});
