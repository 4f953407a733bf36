import { describe, expect, it } from 'vitest';
import { analyseCase, loadBothParsers } from './harness.js';

const parsers = await loadBothParsers();

// For bash `#` inside a word is a letter; the native grammar reads `ｒ#ｍ` as one word, the wasm
// grammar as a word and a comment. The two cannot agree, so both must fail closed.
describe('a # inside a word with non-ASCII letters (found by the property test)', () => {
  for (const cmd of ['ｒ#ｍ -rf /', 'é#x y', 'ls; ｒ#ｍ -rf /']) {
    it(`${JSON.stringify(cmd)} is opaque on both back ends`, () => {
      for (const parser of parsers) expect(analyseCase(cmd, parser!).opaque.length).toBeGreaterThan(0);
    });
  }
  it('an ASCII word with # stays a plain argument where both agree', () => {
    for (const parser of parsers) {
      const out = analyseCase('echo a#b', parser!);
      expect(out.opaque).toEqual([]);
      expect(out.actions[0]).toMatchObject({ program: 'echo', argv: ['echo', 'a#b'] });
    }
  });
});

describe('other words the back ends parse differently (found by the property test)', () => {
  for (const cmd of ['ｒ%ｍ -rf /', 'é=1 x', 'ｒ@ｍ x', "bash -c 'ｒ%ｍ -rf /'"]) {
    it(`${JSON.stringify(cmd)}: identical and opaque on both back ends`, () => {
      const [a, b] = parsers.map((p) => analyseCase(cmd, p!));
      expect(b).toEqual(a);
      expect(a!.opaque.length).toBeGreaterThan(0);
    });
  }
  it('non-ASCII words without punctuation still analyse normally', () => {
    for (const parser of parsers) expect(analyseCase('echo héllo wörld', parser!).opaque).toEqual([]);
  });
});
