import { describe, expect, it } from 'vitest';
import { hasLookAlike, isLookAlikeWord, lookAlikeHost, lookAlikesIn } from '../src/look-alike.js';

describe('look-alike words', () => {
  it('flags a word mixing scripts or spelt only in letters that pass for ASCII', () => {
    expect(isLookAlikeWord('g\u0456thub')).toBe(true); // Cyrillic і among Latin letters
    expect(isLookAlikeWord('\u0440\u0430\u0443\u0440\u0430l')).toBe(true); // раура + Latin l
    expect(isLookAlikeWord('\u0441\u043e\u0440')).toBe(true); // сор: all Cyrillic, every letter a Latin look-alike
    expect(isLookAlikeWord('\uff52\uff4d')).toBe(true); // fullwidth ｒｍ
    expect(isLookAlikeWord('\u{1d42b}\u{1d426}')).toBe(true); // mathematical bold rm
  });

  it('leaves ASCII, words in one script of their own and accented Latin alone', () => {
    for (const word of ['github', 'id_rsa', '\u0414\u043e\u043a\u0443\u043c\u0435\u043d\u0442\u044b', 'caf\u00e9', 'm\u00fcnchen', '\u65e5\u672c\u8a9e\u306e\u30d5\u30a1\u30a4\u30eb', '\u03ba\u03cc\u03c3\u03bc\u03bf\u03c2']) {
      expect(isLookAlikeWord(word)).toBe(false);
    }
    expect(hasLookAlike('~/Documents/\u0414\u043e\u043a\u0443\u043c\u0435\u043d\u0442\u044b/a.txt')).toBe(false);
    expect(hasLookAlike('~/.ssh/\u0456d_rsa')).toBe(true);
  });

  it('gives a look-alike host with its punycode, from either spelling', () => {
    expect(lookAlikeHost('g\u0456thub.com')).toEqual({ unicode: 'g\u0456thub.com', ascii: 'xn--gthub-n2e.com' });
    expect(lookAlikeHost('xn--gthub-n2e.com')).toEqual({ unicode: 'g\u0456thub.com', ascii: 'xn--gthub-n2e.com' });
    expect(lookAlikeHost('github.com')).toBeUndefined();
    expect(lookAlikeHost('xn--mnchen-3ya.de')).toBeUndefined(); // münchen.de: Latin with an umlaut
  });

  it('finds hosts in URLs and path words in the rest of a word', () => {
    expect(lookAlikesIn('https://user@g\u0456thub.com:443/\u0456d_rsa?x')).toEqual({ hosts: [{ unicode: 'g\u0456thub.com', ascii: 'xn--gthub-n2e.com' }], paths: ['\u0456d_rsa'] });
    expect(lookAlikesIn('cat ~/.ssh/\u0456d_rsa')).toEqual({ hosts: [], paths: ['\u0456d_rsa'] });
    expect(lookAlikesIn('curl https://github.com/x')).toEqual({ hosts: [], paths: [] });
    expect(lookAlikesIn('git@g\u0456thub.com:o/\u0456d')).toEqual({ hosts: [{ unicode: 'g\u0456thub.com', ascii: 'xn--gthub-n2e.com' }], paths: ['\u0456d'] });
  });
});
