import { describe, expect, it } from 'vitest';
import { asciiOnly, hasHidden, visible } from '../src/visible.js';

describe('visible', () => {
  it('leaves ordinary text alone, including non-Latin scripts, emoji and backslashes', () => {
    for (const text of ['ls -la', "printf 'a\\n' > out", 'cat café.txt', 'echo 日本語 हिन्दी', 'echo 🙂', 'a\tb'.replace('\t', ' ')]) {
      expect(visible(text)).toBe(text);
      expect(hasHidden(text)).toBe(false);
    }
  });

  it('escapes terminal controls: ESC, CSI, OSC, CR, backspace, BEL, DEL and C1 (CSI, NEL)', () => {
    expect(visible('touch pwned #\r\x1b[2Kls')).toBe('touch pwned #\\r\\x1b[2Kls');
    expect(visible('\x1b]8;;https://evil\x07ok\x1b]8;;\x07')).toBe('\\x1b]8;;https://evil\\x07ok\\x1b]8;;\\x07');
    expect(visible('rm x\b\b\b\bls\x7f')).toBe('rm x\\x08\\x08\\x08\\x08ls\\x7f');
    expect(visible('a\x9b2Kb\x85c\x00')).toBe('a\\x9b2Kb\\x85c\\x00');
    expect(visible('a\tb\nc')).toBe('a\\tb\\nc');
  });

  it('keeps line breaks only when asked, and still escapes the rest', () => {
    expect(visible('a\nb\r\n', { keepNewlines: true })).toBe('a\nb\\r\n');
    expect(hasHidden('a\nb', { keepNewlines: true })).toBe(false);
    expect(hasHidden('a\nb')).toBe(true);
  });

  it('escapes bidi controls (Trojan Source), zero-width, BOM, word joiner and invisible operators', () => {
    expect(visible('rm -rf \u202e/ fl\u202c')).toBe('rm -rf \\u202e/ fl\\u202c');
    expect(visible('\u2066\u2067\u2068\u2069\u200e\u200f\u061c')).toBe('\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c');
    expect(visible('c\u200bu\u200cr\u200dl\u2060\ufeff\u2062')).toBe('c\\u200bu\\u200cr\\u200dl\\u2060\\ufeff\\u2062');
  });

  it('escapes separators and look-alike spaces (bash does not split words on them)', () => {
    expect(visible('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(visible('rm safe\u00a0dir\u2003x\u3000y\u202fz')).toBe('rm safe\\xa0dir\\u2003x\\u3000y\\u202fz');
    expect(visible('soft\u00adhyphen')).toBe('soft\\xadhyphen');
  });

  it('escapes tag characters, variation selectors and fillers, whole code points', () => {
    expect(visible('ls\u{e0072}\u{e006d}')).toBe('ls\\u{e0072}\\u{e006d}');
    expect(visible('a\ufe0fb\u{e0100}\u3164\u115f')).toBe('a\\ufe0fb\\u{e0100}\\u3164\\u115f');
    expect(visible('rm\u2800-rf\ufff0')).toBe('rm\\u2800-rf\\ufff0');
  });

  it('escapes lone surrogates but keeps pairs', () => {
    expect(visible('a\ud800b\udc00')).toBe('a\\ud800b\\udc00');
    expect(visible('\u{1f642}')).toBe('\u{1f642}');
  });

  it('escapes combining marks on ASCII and stacked marks, not marks in other scripts', () => {
    expect(visible('r\u0338m -rf')).toBe('r\\u0338m -rf');
    expect(visible("echo '\u0301")).toBe("echo '\\u0301");
    expect(visible('हिन्दी')).toBe('हिन्दी');
    expect(visible('\u0430\u0301\u0301\u0301')).toBe('\u0430\u0301\u0301\\u0301');
  });

  it('is stable: the escaped text has nothing left to escape', () => {
    const text = visible('x\x1b[31m\u202e\u200b\u{e0041}\r\n\u0338');
    expect(hasHidden(text)).toBe(false);
    expect(visible(text)).toBe(text);
  });

  it('asciiOnly shows every non-ASCII character of a name as its code point', () => {
    expect(asciiOnly('\u0441url')).toBe('\\u0441url');
    expect(asciiOnly('c\u200burl\u{1d68c}')).toBe('c\\u200burl\\u{1d68c}');
    expect(asciiOnly('curl')).toBe('curl');
  });
});
