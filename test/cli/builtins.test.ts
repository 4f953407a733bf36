import { homedir, tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { homeDir, tempDir } from '../../src/builtins.js';

// nomos reads these without loading node:os on the hot path; they must say what os says.
const saved = { ...process.env };
afterEach(() => {
  for (const name of ['TMPDIR', 'TMP', 'TEMP', 'HOME']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('tempDir and homeDir agree with node:os', () => {
  const cases: Record<string, string | undefined>[] = [
    {}, { TMPDIR: '/var/tmp' }, { TMPDIR: '/var/tmp/' }, { TMPDIR: '/' }, { TMPDIR: '', TMP: '/x/' }, { TEMP: '/t' }, { TMPDIR: 'rel/dir/' },
  ];
  for (const env of cases) {
    it(`with ${JSON.stringify(env)}`, () => {
      for (const name of ['TMPDIR', 'TMP', 'TEMP']) delete process.env[name];
      Object.assign(process.env, env);
      expect(tempDir()).toBe(tmpdir());
    });
  }

  it('home: $HOME when set, else the user database', () => {
    process.env.HOME = '/somewhere/else';
    expect(homeDir()).toBe(homedir());
    delete process.env.HOME;
    expect(homeDir()).toBe(homedir());
  });
});
