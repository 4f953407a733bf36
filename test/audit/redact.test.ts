import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactEvent } from '../../src/audit/redact.js';
import { CONTEXT_PATTERNS, isSecretFlag, isSecretName, redactText, SECRET_FLAG, SECRET_NAME, TOKEN_PATTERNS } from '../../src/audit/redact-patterns.js';

// Canaries shaped like real credentials; none of them is real.
const CANARIES: [string, string][] = [
  ['aws access key', 'AKIAZZCANARY0000TEST'],
  ['github token', 'ghp_CanaryCanaryCanaryCanaryCanary012345'],
  ['github fine-grained', 'github_pat_11CANARY0000_canarycanarycanarycanary'],
  ['gitlab token', 'glpat-CanaryCanary12345678'],
  ['slack token', 'xoxb-1234567890-canarycanary'],
  ['openai key', 'sk-proj-CanaryCanaryCanaryCanary1234'],
  ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlY2FuYXJ5'],
  ['private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACANARY\n-----END OPENSSH PRIVATE KEY-----'],
];

describe('redaction', () => {
  it.each(CANARIES)('masks a %s anywhere in a string', (_name, secret) => {
    const out = redactText(`curl -d 'x=${secret}' https://h/ # ${secret}`);
    expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED');
  });

  it.each([
    ['--password=canary-pw-1', 'canary-pw-1'],
    ['--api-key canary-key-2', 'canary-key-2'],
    ['-H "Authorization: Bearer opaque-canary-3"', 'opaque-canary-3'],
    ['-H "Cookie: sid=canary-cookie-4"', 'canary-cookie-4'],
    ['-H "X-Api-Key: canary-key-5"', 'canary-key-5'],
    ['DB_PASSWORD=canary-6 ./run', 'canary-6'],
    ['FOO=canary-7 ./run', 'canary-7'],
    ['https://user:canary-8@host/x', 'canary-8'],
    ['curl -u admin:canary-9 https://h', 'canary-9'],
    ['https://h/?access_token=canary-10&x=1', 'canary-10'],
  ])('masks the value in %s and keeps the name', (text, secret) => {
    const out = redactText(`cmd ${text}`);
    expect(out).not.toContain(secret);
    expect(out.length).toBeGreaterThan(10);
  });

  it('masks structured fields, the same values where they reappear, and lists the paths', () => {
    const event = {
      request: "TOKEN_X='s3cr3t value' tool --secret hunter2222",
      actions: [{ kind: 'exec', argv: ['tool', '--secret', 'hunter2222'], env: { TOKEN_X: 's3cr3t value', N: '1' } },
        { kind: 'http', headers: { Authorization: 'Basic abc', Accept: 'text/plain' }, body: { password: 'pw-canary' } }],
    };
    const { value, paths } = redactEvent(event);
    const text = JSON.stringify(value);
    for (const secret of ['s3cr3t value', 'hunter2222', 'Basic abc', 'pw-canary']) expect(text).not.toContain(secret);
    expect(value.actions[0]!.env).toEqual({ TOKEN_X: '[REDACTED]', N: '[REDACTED]' });
    expect((value.actions[1] as { headers: object }).headers).toEqual({ Authorization: '[REDACTED]', Accept: 'text/plain' });
    expect(paths).toEqual(expect.arrayContaining(['request', 'actions[0].argv[2]', 'actions[0].env.TOKEN_X', 'actions[1].headers.Authorization', 'actions[1].body.password']));
  });

  it('leaves ordinary commands alone and applies extra patterns', () => {
    const plain = 'git log --author alice && dd if=/dev/zero of=/tmp/x bs=1M count=1';
    expect(redactText(plain)).toBe(plain);
    expect(redactEvent({ request: plain }).paths).toEqual([]);
    expect(redactText('ticket ACME-12345 done', [/ACME-\d+/g])).toBe('ticket [REDACTED] done');
  });
});

describe('redactText skips a pattern only where it cannot match', () => {
  /** Every pattern applied, none skipped: what redactText must equal. */
  const reference = (text: string) => {
    let out = text;
    for (const [name, pattern] of TOKEN_PATTERNS()) out = out.replace(pattern, `[REDACTED:${name}]`);
    for (const [pattern, replacement] of CONTEXT_PATTERNS()) out = out.replace(pattern, replacement);
    return out;
  };
  const fragments = ['Bearer ', 'Basic ', 'Token ', 'AKIA', 'ASIAABCDEFGHIJKLMNOP', 'ghp_', 'github_pat_', 'glpat-', 'xoxb-', 'sk-proj-', 'sk_live_', 'rk_test_', 'AIza', 'eyJ', '.eyJ',
    '-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----', 'hooks.slack.com/services/', 'https://', 'user:', 'pw@', '@', ':', '=', ' ', '"', "'", '-u ', '--user ', '--proxy-user ',
    'PassWord', 'SECRET', 'api-key', 'Access_Key', 'private_key', 'Credentials', 'Auth', 'author', 'Cookie', 'Authorization: ', 'X-Api-Key:', 'Set-COOKIE:', 'x-Auth-Token:', 'X-ACCESS-TOKEN :', 'Private-Token:', 'X-Goog-Api-Key:', 'Proxy-Authorization:', 'FOO=', 'a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ',
    '0123456789ABCDEF', '\u212A', '\u0130', '\u017F', 'K', 'k', '_', '-', '/', ';', '&', '|', '(', '\n'];
  const text = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })), { maxLength: 24 }).map((parts) => parts.join(''));

  it('gives exactly what applying every pattern gives', () => {
    fc.assert(fc.property(text, (t) => {
      expect(redactText(t)).toBe(reference(t));
    }), { numRuns: 3000 });
  });

  it('still masks each shape (the gate opens for every sample)', () => {
    const samples = [`Authorization: Bearer ${'a'.repeat(20)}`, `ghp_${'a'.repeat(36)}`, 'AKIAABCDEFGHIJKLMNOP', `--password hunter2`, `https://u:p@h/x`, `curl -u bob:s3cret x`, `sk-${'a'.repeat(24)}`];
    for (const s of samples) {
      expect(redactText(s), s).not.toBe(s);
      expect(redactText(s), s).toBe(reference(s));
    }
  });
});

describe('secret names and flags are tested by their regex only where one of its words appears', () => {
  const parts = ['-', '--', 'pass', 'PASSWORD', 'Passwd', 'phrase', 'secret', 'SeCrEt', 'token', 'TOKEN', 'api', 'key', 'KEY', 'api-key', 'api_key', 'ApiKey', 'access', 'private',
    'credential', 'Credentials', 'auth', 'AUTH', 'author', 'cookie', 'Cookie', 'user', 'x', '_', '=', '\u212A', '\u0130', '\u017F', 'K', 's', 'S'];
  const word = fc.array(fc.oneof(fc.constantFrom(...parts), fc.string({ maxLength: 4 })), { maxLength: 8 }).map((p) => p.join(''));

  it('gives exactly what the regex gives', () => {
    fc.assert(fc.property(word, (w) => {
      expect(isSecretName(w)).toBe(SECRET_NAME.test(w));
      expect(isSecretFlag(w)).toBe(SECRET_FLAG.test(w));
    }), { numRuns: 5000 });
  });

  it('still finds each kind', () => {
    for (const w of ['--password', '-Token', '--API_KEY', '--private-key', '--credentials']) expect(isSecretFlag(w), w).toBe(true);
    for (const w of ['DB_PASSWORD', 'apiKey', 'Cookie', 'X-Auth', 'client_secret']) expect(isSecretName(w), w).toBe(true);
    for (const w of ['--author', 'password', '-la']) expect(isSecretFlag(w), w).toBe(false);
  });
});

describe('recording a decision', () => {
  it('masks what came with the request and the policy file names, and leaves plain names as they are', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { recordDecision } = await import('../../src/audit/record.js');
    const path = join(mkdtempSync(join(tmpdir(), 'nomos-record-')), 'audit.jsonl');
    // A project's config lies in a path the agent may choose, a token in it too.
    const token = `ghp_${'a'.repeat(36)}`;
    const files = ['/opt/nomos/rules/secrets.yaml', '/opt/nomos/rules/self-protection.yaml', `/w/${token}/.nomosrc.yaml`];
    const event = recordDecision(path, {
      id: 'd1', time: new Date(0).toISOString(), session: 's', cwd: '/w', request: 'curl -u bob:hunter22 https://x', decision: 'allow', evaluated: 'allow',
      reason: 'because', rules: [], actions: [{ kind: 'exec', argv: ['curl', '--password', 'hunter22'] }], opaque: [], policyFiles: files, policyDigest: 'abc',
    });
    expect(event.request).not.toContain('hunter22');
    expect(JSON.stringify(event.actions)).not.toContain('hunter22');
    expect(event.policy.files.slice(0, 2)).toEqual(files.slice(0, 2));
    expect(event.policy.files[2]).toBe('/w/[REDACTED:github-token]/.nomosrc.yaml');
    expect(event.redacted).toContain('policy.files[2]');
  });
});
