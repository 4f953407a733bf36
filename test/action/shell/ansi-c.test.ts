import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeAnsiC } from '../../../src/action/shell/ansi-c.js';

// Each body is decoded by real bash (`printf %s $'…'`) and by nomos; they must agree.
const BODIES = ['rm\\0xyz', '\\x72m', '\\x 72m', '\\x', '\\u', '\\U', '\\u0072m', '\\U0001F600', '\\162m', '\\0', '\\cA', '\\e[0m', 'a\\tb', "\\'", '\\q', '\\xZZ'];

describe('decodeAnsiC agrees with bash (found by the property test: `\\x` without digits threw)', () => {
  for (const body of BODIES) {
    it(JSON.stringify(body), () => {
      const fromBash = execFileSync('bash', ['--norc', '--noprofile', '-c', `printf %s $'${body}'`], { env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } }).toString('utf8');
      expect(decodeAnsiC(body)).toBe(fromBash);
    });
  }
  it('never throws on code points past U+10FFFF', () => {
    expect(() => decodeAnsiC('\\UFFFFFFFF')).not.toThrow();
  });
});
