import { describe, expect, it } from 'vitest';
import { anyCasePattern, expandBraces, hasExtglob } from '../../src/action/globs.js';

describe('globs as the glob package reads them (Gemini CLI read_many_files)', () => {
  it('expands {a,b} lists, nested and repeated; leaves a list without a comma; gives up past the cap', () => {
    expect(expandBraces('a/{b,c}/d')).toEqual(['a/b/d', 'a/c/d']);
    expect(expandBraces('{x,{y,z}}.md')).toEqual(['x.md', 'y.md', 'z.md']);
    expect(expandBraces('{a,b}{c,d}')).toEqual(['ac', 'ad', 'bc', 'bd']);
    expect(expandBraces('a{b}c')).toEqual(['a{b}c']);
    expect(expandBraces('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}')).toBeUndefined();
  });

  it('makes every segment match in either case; glob segments stay', () => {
    expect(anyCasePattern('/home/u/.SSH/ID_RSA')).toBe('/[h]ome/[u]/.[S]SH/[I]D_RSA');
    expect(anyCasePattern('/w/src/*.ts')).toBe('/[w]/[s]rc/*.ts');
    expect(anyCasePattern('/123/.é')).toBe('/123/.[é]');
  });

  it('knows an extglob', () => {
    expect(hasExtglob('a/+(b|c)')).toBe(true);
    expect(hasExtglob('a/!(x)')).toBe(true);
    expect(hasExtglob('a/(b)')).toBe(false);
  });
});
