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
    expect(visible('touch pwned #\r\x1b[2Kls')).toBe('touch pwned #⟦CR⟧⟦ESC⟧[2Kls');
    expect(visible('\x1b]8;;https://evil\x07ok\x1b]8;;\x07')).toBe('⟦ESC⟧]8;;https://evil⟦BEL⟧ok⟦ESC⟧]8;;⟦BEL⟧');
    expect(visible('rm x\b\b\b\bls\x7f')).toBe('rm x⟦BS⟧⟦BS⟧⟦BS⟧⟦BS⟧ls⟦DEL⟧');
    expect(visible('a\x9b2Kb\x85c\x00')).toBe('a⟦U+009B⟧2Kb⟦U+0085⟧c⟦NUL⟧');
    expect(visible('a\tb\nc')).toBe('a⟦TAB⟧b⟦LF⟧c');
  });

  it('keeps line breaks only when asked, and still escapes the rest', () => {
    expect(visible('a\nb\r\n', { keepNewlines: true })).toBe('a\nb⟦CR⟧\n');
    expect(hasHidden('a\nb', { keepNewlines: true })).toBe(false);
    expect(hasHidden('a\nb')).toBe(true);
  });

  it('escapes bidi controls (Trojan Source), zero-width, BOM, word joiner and invisible operators', () => {
    expect(visible('rm -rf \u202e/ fl\u202c')).toBe('rm -rf ⟦U+202E⟧/ fl⟦U+202C⟧');
    expect(visible('\u2066\u2067\u2068\u2069\u200e\u200f\u061c')).toBe('⟦U+2066⟧⟦U+2067⟧⟦U+2068⟧⟦U+2069⟧⟦U+200E⟧⟦U+200F⟧⟦U+061C⟧');
    expect(visible('c\u200bu\u200cr\u200dl\u2060\ufeff\u2062')).toBe('c⟦U+200B⟧u⟦U+200C⟧r⟦U+200D⟧l⟦U+2060⟧⟦U+FEFF⟧⟦U+2062⟧');
  });

  it('escapes separators and look-alike spaces (bash does not split words on them)', () => {
    expect(visible('a\u2028b\u2029c')).toBe('a⟦U+2028⟧b⟦U+2029⟧c');
    expect(visible('rm safe\u00a0dir\u2003x\u3000y\u202fz')).toBe('rm safe⟦U+00A0⟧dir⟦U+2003⟧x⟦U+3000⟧y⟦U+202F⟧z');
    expect(visible('soft\u00adhyphen')).toBe('soft⟦U+00AD⟧hyphen');
  });

  it('escapes tag characters, variation selectors and fillers, whole code points', () => {
    expect(visible('ls\u{e0072}\u{e006d}')).toBe('ls⟦U+E0072⟧⟦U+E006D⟧');
    expect(visible('a\ufe0fb\u{e0100}\u3164\u115f')).toBe('a⟦U+FE0F⟧b⟦U+E0100⟧⟦U+3164⟧⟦U+115F⟧');
    expect(visible('rm\u2800-rf\ufff0')).toBe('rm⟦U+2800⟧-rf⟦U+FFF0⟧');
  });

  it('escapes lone surrogates but keeps pairs', () => {
    expect(visible('a\ud800b\udc00')).toBe('a⟦U+D800⟧b⟦U+DC00⟧');
    expect(visible('\u{1f642}')).toBe('\u{1f642}');
  });

  it('escapes combining marks on ASCII and stacked marks, not marks in other scripts', () => {
    expect(visible('r\u0338m -rf')).toBe('r⟦U+0338⟧m -rf');
    expect(visible("echo '\u0301")).toBe("echo '⟦U+0301⟧");
    expect(visible('हिन्दी')).toBe('हिन्दी');
    expect(visible('\u0430\u0301\u0301\u0301')).toBe('\u0430\u0301\u0301⟦U+0301⟧');
  });

  it('shows an escape unlike anything typed: a literal \\n, \\x1b or \\u202e stays as typed, a real one is bracketed', () => {
    // `echo a\nrm -rf ~` runs `echo anrm -rf ~`; with a real line break it runs rm -rf ~.
    expect(visible('echo a\\nrm -rf ~')).toBe('echo a\\nrm -rf ~');
    expect(visible('echo a\nrm -rf ~')).toBe('echo a⟦LF⟧rm -rf ~');
    expect(visible('echo \\x1b \\u202e \u202e')).toBe('echo \\x1b \\u202e ⟦U+202E⟧');
    expect(hasHidden("printf 'a\\n\\x1b' | grep '\\.'")).toBe(false);
  });

  it('escapes the brackets and ⏎ wherever they are typed, so they are only ever an escape or a line break', () => {
    expect(visible('echo ⟦LF⟧rm -rf ~')).toBe('echo ⟦U+27E6⟧LF⟦U+27E7⟧rm -rf ~');
    expect(visible('echo a ⏎ rm -rf ~')).toBe('echo a ⟦U+23CE⟧ rm -rf ~');
    expect(visible('a\u200b\u0301')).toBe('a⟦U+200B⟧⟦U+0301⟧');
    const escaped = visible('x\x1b[31m\u202e\u200b\u{e0041}\r\n\u0338');
    expect(escaped).toBe('x⟦ESC⟧[31m⟦U+202E⟧⟦U+200B⟧⟦U+E0041⟧⟦CR⟧⟦LF⟧⟦U+0338⟧');
    expect(escaped).not.toMatch(/[^\x20-\x7e⟦⟧]/);
  });

  it('asciiOnly shows every non-ASCII character of a name as its code point', () => {
    expect(asciiOnly('\u0441url')).toBe('⟦U+0441⟧url');
    expect(asciiOnly('c\u200burl\u{1d68c}')).toBe('c⟦U+200B⟧url⟦U+1D68C⟧');
    expect(asciiOnly('curl')).toBe('curl');
  });
});
