import { describe, expect, it } from 'vitest';
import { httpAction } from '../../src/action/http.js';
import { redirectHop } from '../../src/action/http-redirect.js';

describe('redirectHop', () => {
  it('drops the Host header of the first request (it named a site on the first host), and credentials on another origin', () => {
    const from = httpAction('GET', 'http://a.example/x', ['nomos http'], { host: 'a.example', authorization: 'Bearer t', accept: '*/*' })!;
    const hop = redirectHop(from, 302, 'http://b.example/y')!;
    expect(hop.action).toMatchObject({ host: 'b.example', headers: { accept: '*/*' } });
    expect(hop.action.headers).not.toHaveProperty('host');
    expect(hop.action.headers).not.toHaveProperty('authorization');
    const same = redirectHop(from, 302, '/z')!;
    expect(same.action.headers).toEqual({ authorization: 'Bearer t', accept: '*/*' });
  });
});
