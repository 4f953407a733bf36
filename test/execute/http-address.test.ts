import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpAction } from '../../src/action/http.js';
import { planHttpRequest } from '../../src/action/http-request.js';
import { isPrivateAddress, type Resolver } from '../../src/execute/http/address.js';
import { performHttp, type HttpIo } from '../../src/execute/http/perform.js';

describe('host normalization: one host, one spelling', () => {
  it.each([
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '127.0.0.1'],
    ['http://[::FFFF:7F00:1]/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://API.Example.COM./x', 'api.example.com'],
    ['http://bücher.example/', 'xn--bcher-kva.example'],
    ['http://[::1]:8080/', '::1'],
  ])('%s → %s', (url, host) => {
    const action = httpAction('get', url, [])!;
    expect(action.host).toBe(host);
    expect(new URL(action.url).hostname.replace(/^\[|\]$/g, '')).toBe(host);
  });

  it('decodes escaped unreserved characters in the path, so /%61dmin is /admin', () => {
    expect(httpAction('GET', 'http://h/%61dmin/%2e%2e/x/%2F', [])!.path).toBe('/x/%2F');
    expect(httpAction('GET', 'http://h/%61dmin', [])!.path).toBe('/admin');
  });

  it('moves URL credentials into a header and refuses a Host header for another host', () => {
    const plan = planHttpRequest({ words: ['http://u:p@h.example/'], headers: [] }, { cwd: '/', home: '/h' });
    expect(plan.http.url).toBe('http://h.example/');
    expect(plan.http.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(() => planHttpRequest({ words: ['http://h.example/'], headers: ['Host: internal'] }, { cwd: '/', home: '/h' })).toThrow(/Host header/);
  });

  it('decides a @file body as a read of that file, and parses form and JSON bodies for conditions', () => {
    const ctx = { cwd: '/w', home: '/h' };
    expect(planHttpRequest({ words: ['POST', 'h.example'], headers: [], dataBinary: '@~/.ssh/id_rsa' }, ctx).reads).toEqual([{ kind: 'file', op: 'read', path: '/h/.ssh/id_rsa', via: ['nomos http'] }]);
    expect(planHttpRequest({ words: ['h.example'], headers: [], data: 'amount=5&to=x' }, ctx).http).toMatchObject({ method: 'POST', body: { amount: '5', to: 'x' } });
    expect(planHttpRequest({ words: ['h.example'], headers: [], jsonBody: '{"amount":5}' }, ctx).http.body).toEqual({ amount: 5 });
  });
});

describe('private ranges', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.31.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::ffff:127.0.0.1', '::ffff:a00:1', 'fe80::1', 'fd00::1', '64:ff9b::7f00:1', '2002:7f00:1::'])('%s is private', (a) => {
    expect(isPrivateAddress(a)).toBe(true);
  });
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('%s is public', (a) => {
    expect(isPrivateAddress(a)).toBe(false);
  });
});

describe('DNS pinning: the connection goes to the address that was checked', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => res.end(`hit ${req.headers.host}`));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const io = (resolver: Resolver, blockPrivate: boolean) => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const value: HttpIo = { output: out, include: false, json: false, timeoutMs: 5000, maxRedirects: 0, blockPrivate, resolver, body: async () => undefined, checkHop: async () => ({ denial: 'no' }) };
    return { value, text: () => text };
  };

  it('asks DNS once and connects to that answer, whatever a second answer would be (rebinding)', async () => {
    const answers = ['127.0.0.1', '203.0.113.9'];
    let calls = 0;
    const rebinding: Resolver = async () => [{ address: answers[Math.min(calls++, 1)]!, family: 4 }];
    const { value, text } = io(rebinding, false);
    const outcome = await performHttp(httpAction('GET', `http://rebind.test:${port}/`, [])!, value);
    expect(calls).toBe(1);
    expect(text()).toBe(`hit rebind.test:${port}`);
    expect(outcome.detail).toMatchObject({ status: 200, address: '127.0.0.1' });
  });

  it('with --block-private, refuses a name with any private address before connecting', async () => {
    const mixed: Resolver = async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }];
    const { value } = io(mixed, true);
    await expect(performHttp(httpAction('GET', `http://mixed.test:${port}/`, [])!, value)).rejects.toThrow(/resolves to 10\.0\.0\.7/);
  });
});
