import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/cli.js';
import { call, startServe, type Served } from '../server/serve-helper.js';

let sb: Sandbox;
let srv: Served;
beforeAll(async () => {
  sb = makeSandbox();
  srv = await startServe(sb, ['--max-body', '4096']);
});
afterAll(async () => {
  await srv.stop();
});

const post = (path: string, body: unknown, token = srv.token) => call(srv.port, 'POST', path, { token, body: JSON.stringify(body) });

describe('nomos serve (built CLI on a free loopback port)', () => {
  it('GET /healthz answers without a token', async () => {
    expect(await call(srv.port, 'GET', '/healthz')).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('POST /v1/check decides without recording', async () => {
    const r = await post('/v1/check', { request: { kind: 'shell', command: 'rm -rf /' } });
    expect(r.status).toBe(200);
    expect(r.body.decision).toBe('deny');
    expect(r.body.rules[0].id).toBe('fs.rm-recursive-root');
    expect(r.body.actions[0]).toMatchObject({ kind: 'exec', program: 'rm' });
    const file = await post('/v1/check', { cwd: sb.cwd, request: { kind: 'file', op: 'read', path: '~/.ssh/id_rsa' } });
    expect(file.body).toMatchObject({ decision: 'ask', rules: [{ id: 'secrets.ssh-keys' }] });
  });

  it('POST /v1/exec runs an allowed command and returns its output; a denied one runs nothing', async () => {
    const ok = await post('/v1/exec', { session: 'lang-graph-1', cwd: sb.cwd, request: { kind: 'argv', argv: ['echo', 'from', 'serve'] } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ decision: 'allow', outcome: { exit_code: 0, stdout: 'from serve\n', stderr: '' } });
    const denied = await post('/v1/exec', { session: 'lang-graph-1', request: { kind: 'shell', command: 'rm -rf ~' } });
    expect(denied.body.decision).toBe('deny');
    expect(denied.body.reason).toMatch(/^nomos: denied by fs\.rm-recursive-root: /);
    expect(denied.body.outcome).toBeUndefined();
  });

  it('GET /v1/audit returns the newest events, linked by hash', async () => {
    await post('/v1/exec', { session: 's-audit', request: { kind: 'argv', argv: ['true'] } });
    const r = await call(srv.port, 'GET', '/v1/audit?limit=2', { token: srv.token });
    expect(r.status).toBe(200);
    expect(r.body.events.map((e: { type: string }) => e.type)).toEqual(['decision', 'outcome']);
    expect(r.body.events[0]).toMatchObject({ session: 's-audit', request: 'true' });
    expect(r.body.events[1].prev).toBe(r.body.events[0].hash);
    expect((await call(srv.port, 'GET', '/v1/audit?limit=0', { token: srv.token })).status).toBe(400);
  });

  it('GET /v1/pending and POST /v1/approve/:id say plainly that serve does not queue approvals (501)', async () => {
    const pending = await call(srv.port, 'GET', '/v1/pending', { token: srv.token });
    expect(pending.status).toBe(501);
    expect(pending.body.error).toContain('nomos serve does not queue approvals');
    expect((await post('/v1/approve/abc', { allow: true })).status).toBe(501);
  });

  it('refuses a missing or wrong bearer token on every API endpoint', async () => {
    for (const [method, path] of [['POST', '/v1/check'], ['POST', '/v1/exec'], ['GET', '/v1/audit'], ['GET', '/v1/pending'], ['POST', '/v1/approve/1']]) {
      const none = await call(srv.port, method!, path!, { body: '{}' });
      expect([path, none.status]).toEqual([path, 401]);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      const wrong = await call(srv.port, method!, path!, { body: '{}', token: `${srv.token}x` });
      expect([path, wrong.status]).toEqual([path, 401]);
    }
  });

  it('rejects oversized bodies (413), non-JSON (415, 400), bad requests (400), unknown paths (404) and methods (405)', async () => {
    const big = await post('/v1/check', { request: { kind: 'shell', command: `echo ${'x'.repeat(5000)}` } });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/over the 4096-byte limit/);
    expect((await call(srv.port, 'POST', '/v1/check', { token: srv.token, body: 'x=1', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await call(srv.port, 'POST', '/v1/check', { token: srv.token, body: '{nope' })).status).toBe(400);
    const bad = await post('/v1/check', { request: { kind: 'shell' } });
    expect(bad).toMatchObject({ status: 400, body: { error: 'request.command must be a non-empty string' } });
    expect((await call(srv.port, 'GET', '/v2/everything', { token: srv.token })).status).toBe(404);
    expect((await call(srv.port, 'GET', '/v1/check', { token: srv.token })).status).toBe(405);
  });

  it('serves 50 concurrent clients, each with its own correct answer', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post('/v1/check', { request: { kind: 'shell', command: i % 2 ? `rm -rf / # ${i}` : `echo ${i}` } })));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.map((a) => a.body.decision)).toEqual(Array.from({ length: 50 }, (_, i) => (i % 2 ? 'deny' : 'allow')));
  });

  it('a client trickling its body does not stall the others', async () => {
    const slow = connect(srv.port, '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    slow.write(`POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${srv.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"req`);
    const started = performance.now();
    const r = await post('/v1/check', { request: { kind: 'shell', command: 'ls' } });
    expect(r.body.decision).toBe('allow');
    expect(performance.now() - started).toBeLessThan(1000);
    slow.destroy();
  });
});
