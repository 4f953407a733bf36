import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

// A real server on 127.0.0.1; no traffic leaves the machine.
let server: Server;
let base: string;
let port: number;
const hits: string[] = [];
const BIG = 32 << 20;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url!);
    const chain = /^\/chain\/(\d+)$/.exec(req.url!);
    if (chain) {
      const n = Number(chain[1]);
      res.writeHead(302, { location: n > 0 ? `/chain/${n - 1}` : `http://127.0.0.2:${port}/secret` });
      return void res.end();
    }
    if (req.url === '/to-hello') return void res.writeHead(301, { location: '/hello' }).end();
    if (req.url === '/hello') return void res.end('hello');
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 5000);
    if (req.url === '/big') return void writeBig(res);
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => res.end(JSON.stringify({ method: req.method, body, type: req.headers['content-type'] ?? null })));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

function writeBig(res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-length': String(BIG) });
  const chunk = Buffer.alloc(1 << 20, 'x');
  let sent = 0;
  const pump = () => {
    while (sent < BIG) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

let sb: Sandbox;
let rules: string;
beforeEach(() => {
  sb = makeSandbox();
  hits.length = 0;
  rules = sb.write('http.yaml', [
    'version: 1', 'default: allow', 'rules:',
    '  - id: test.no-internal', '    match: { http: { host: "127.0.0.2" } }', '    decision: deny', '    message: internal host.', '',
  ].join('\n'));
});

const http = (...args: string[]) => runCli(['http', '--rules', rules, ...args], sb);
const auditEvents = () => readFileSync(sb.audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('nomos http', () => {
  it('sends an allowed GET, prints the body and records status, bytes and duration', async () => {
    const r = await http(`${base}/hello`);
    expect(r.stdout).toBe('hello');
    expect(r.code).toBe(0);
    const [decision, outcome] = auditEvents();
    expect(decision).toMatchObject({ decision: 'allow', request: `nomos http GET ${base}/hello`, actions: [{ kind: 'http', host: '127.0.0.1', port }] });
    expect(outcome).toMatchObject({ type: 'outcome', decision_id: decision.id, exit_code: 0, status: 200, bytes: 5, redirects: 0 });
    expect(outcome.duration_ms).toBeTypeOf('number');
  });

  it('decides every redirect hop and stops at the one a rule denies, before sending it', async () => {
    const r = await http(`${base}/chain/3`);
    expect(r.code).toBe(77);
    expect(r.stderr).toMatch(/^nomos: denied by test\.no-internal: internal host\. \(a 302 redirect to http:\/\/127\.0\.0\.2:\d+\/secret; not followed\)/);
    expect(hits).toEqual(['/chain/3', '/chain/2', '/chain/1', '/chain/0']);
    const decisions = auditEvents().filter((e) => e.type === 'decision');
    expect(decisions.map((d) => d.decision)).toEqual(['allow', 'allow', 'allow', 'allow', 'deny']);
  });

  it('follows an allowed redirect and shows the final status with -i', async () => {
    const r = await http('-i', `${base}/to-hello`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^HTTP 200 OK\r\n[\s\S]*\r\n\r\nhello$/);
  });

  it.each(['0x7f000002', '2130706434', '127.2', '0177.0.0.2', '[::ffff:127.0.0.2]', '127.0.0.2.'])('a rule on 127.0.0.2 also holds for %s', async (spelling) => {
    const r = await http(`http://${spelling}:${port}/hello`);
    expect(r.code).toBe(77);
    expect(r.stderr).toMatch(/denied by test\.no-internal/);
    expect(hits).toEqual([]);
  });

  it('streams a large body through, and --max-bytes stops it', async () => {
    const r = await http(`${base}/big`);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(BIG);
    const capped = await http('--max-bytes', '1000', `${base}/big`);
    expect(capped.code).toBe(1);
    expect(capped.stdout.length).toBe(1000);
    expect(capped.stderr).toContain('larger than --max-bytes 1000');
  });

  it('gives up on a slow response at --timeout with exit 124', async () => {
    const started = Date.now();
    const r = await http('--timeout', '300ms', `${base}/slow`);
    expect(r.code).toBe(124);
    expect(r.stderr).toContain('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('--block-private refuses a name that resolves to loopback', async () => {
    const r = await http('--block-private', `http://localhost:${port}/hello`);
    expect(r.code).toBe(77);
    expect(r.stderr).toMatch(/localhost resolves to .*private or local address/);
    expect(hits).toEqual([]);
  });

  it('sends a JSON body, prints a JSON result, and never writes the body to the audit log', async () => {
    const r = await http('POST', `${base}/echo`, '--json-body', '{"card":"4111-SECRET"}', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ status: 200, bytes: expect.any(Number) });
    expect(JSON.parse(result.body)).toEqual({ method: 'POST', body: '{"card":"4111-SECRET"}', type: 'application/json' });
    expect(readFileSync(sb.audit, 'utf8')).not.toContain('4111-SECRET');
    expect(auditEvents()[0].actions[0]).toMatchObject({ body_omitted: true });
  });

  it('fails with a usage error on a non-http scheme', async () => {
    const r = await http('file:///etc/passwd');
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('unsupported scheme "file"');
  });
});
