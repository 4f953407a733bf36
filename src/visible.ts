// What a human reads: text an agent controls (a command, a file name, a URL, a rule message
// from a repository) printed to a terminal. Terminals obey control sequences (ESC[2K erases a
// line, \r returns to its start, OSC 8 shows one URL for another) and Unicode can hide or
// reorder text (bidi overrides, zero-width and tag characters, look-alike spaces), so a command
// that runs `rm -rf ~` could read as `ls`. Every such character is shown as an escape instead.
// Pure: used for display only, never for what is executed, logged or printed as JSON.
//
// An escape is bracketed (`⟦ESC⟧`, `⟦LF⟧`, `⟦U+202E⟧`), not written the way a shell writes one
// (`\x1b`, `\n`): an agent can type those four characters, and `echo a\nrm -rf ~` (which runs
// `echo anrm -rf ~`) would read exactly as `echo a`, a line break, `rm -rf ~`. The brackets are not
// ASCII, so printable ASCII (backslashes too) is shown as it is and stays on the fast path; the
// brackets themselves, and `⏎` (how one-line listings show a line break), are escaped wherever they
// are typed. So the escaped text is not escaped again: visible() is applied once, as the text is printed.

/**
 * Characters that control the terminal or hide, reorder or disguise text: C0 and C1 controls,
 * DEL, spaces other than U+0020 (bash splits words on U+0020 and tab only), soft hyphen,
 * zero-width and joiner characters, bidi marks, embeddings, overrides and isolates, line and
 * paragraph separators, invisible operators, variation selectors, fillers (Hangul, the blank
 * Braille pattern), interlinear annotation and unassigned specials, tag characters, and lone surrogates (which a terminal shows as anything).
 * Also the escape brackets ⟦ ⟧ and ⏎, which only escapes may show.
 */
const hiddenPattern = () => new RegExp(
  '[\\x00-\\x1f\\x7f-\\xa0\\xad\\u034f\\u061c\\u115f\\u1160\\u1680\\u17b4\\u17b5\\u180b-\\u180f\\u2000-\\u200f' +
    '\\u2028-\\u202f\\u205f-\\u206f\\u23ce\\u27e6\\u27e7\\u2800\\u3000\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0\\ufff0-\\ufffb]' +
    '|[\\u{1d173}-\\u{1d17a}\\u{e0000}-\\u{e007f}\\u{e0100}-\\u{e01ef}]' +
    '|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]',
  'gu',
);

/**
 * Combining marks that disguise text rather than spell it: any mark on an ASCII character
 * (`r\u0338m` is not `rm`, `'\u0301` is not a quote), and any mark after two others (stacks
 * that draw over neighbouring lines). So an é written as e + U+0301 shows as `e⟦U+0301⟧`, while
 * the marks of scripts that need them (Devanagari vowel signs on their consonants) stay. A mark
 * after an escape (`⟧`, which is only ever an escape's end by then) would draw over it: escaped too.
 */
const disguisingMarkPattern = () => /(?<=[\x00-\x7f⟧]\p{M}*)\p{M}|(?<=\p{M}{2})\p{M}/gu;

/**
 * Both patterns, made on first use: built at load they cost every call of nomos ~0.2 ms (the
 * bundle turns them into `new RegExp`, which parses `\p{M}` from ICU at once), and text of
 * printable ASCII, nearly all of it, never needs them.
 */
let made: { hidden: RegExp; mark: RegExp } | undefined;
const patterns = () => (made ??= { hidden: hiddenPattern(), mark: disguisingMarkPattern() });

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The controls a reader knows by name; any other character shows as its code point (`⟦U+202E⟧`). */
const NAMED: Record<string, string> = { '\0': 'NUL', '\x07': 'BEL', '\b': 'BS', '\t': 'TAB', '\n': 'LF', '\r': 'CR', '\x1b': 'ESC', '\x7f': 'DEL' };

/** How `visible` treats line breaks. */
export interface VisibleOptions {
  /** Keep `\n` as a real line break (a multi-line message); every other character is still escaped. */
  keepNewlines?: boolean;
}

/** The text with every control, bidi, invisible, separator and disguising character shown as an escape (`⟦ESC⟧`, `⟦U+202E⟧`). */
export function visible(text: string, options: VisibleOptions = {}): string {
  if (!hasHidden(text)) return text;
  const { hidden, mark } = patterns();
  return text
    .replace(hidden, (c) => (c === '\n' && options.keepNewlines ? c : escapeChar(c)))
    .replace(mark, escapeChar);
}

/** Whether `visible` would change anything (besides line breaks, with `keepNewlines`). */
export function hasHidden(text: string, options: VisibleOptions = {}): boolean {
  // Printable ASCII (nearly every line nomos prints) holds nothing to escape; the Unicode
  // patterns below cost ~0.15 ms a call in a fresh process (`nomos check` prints through here).
  if (PRINTABLE_ASCII.test(text)) return false;
  const { hidden, mark } = patterns();
  hidden.lastIndex = 0;
  mark.lastIndex = 0;
  const tested = options.keepNewlines ? text.replaceAll('\n', '') : text;
  return hidden.test(tested) || mark.test(tested);
}

function escapeChar(c: string): string {
  return `⟦${NAMED[c] ?? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`}⟧`;
}

/** A name with every character but printable ASCII as its code point: `сurl` (a Cyrillic с) → `⟦U+0441⟧url`. */
export function asciiOnly(name: string): string {
  return Array.from(name, (c) => (/[\x20-\x7e]/.test(c) ? c : escapeChar(c))).join('');
}

/**
 * A command word as shown among others: in double quotes (a `"` or `\` in it behind a `\`) when it
 * holds anything but plain word characters, so `rm 'a b'` reads as one argument, not `rm a b`.
 * Other characters are left to visible(), which brackets them as everywhere.
 */
export function quotedWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `"${word.replace(/["\\]/g, '\\$&')}"`;
}
