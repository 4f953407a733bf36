// How many terminal columns text takes, as nomos counts them wherever it fits text to a width
// (the approval prompt, `audit tail`). Widths err high: a line counted too narrow would be
// wrapped by the terminal, and a frame would outgrow the screen.

/** East Asian wide and fullwidth characters and emoji: two columns. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** The columns one character (a code point) takes: two for a wide one, else one. */
export function charWidth(c: string): number {
  return c.charCodeAt(0) < 0x1100 ? 1 : WIDE.test(c) ? 2 : 1;
}

/** What ends escaped text that was cut: bracketed as an escape is, so no text an agent typed reads as it. */
export const CUT = '⟦…⟧';

/**
 * Escaped text (visible()'s or asciiOnly's) in at most `columns` columns, ending in `⟦…⟧` when
 * cut. An escape is kept whole or left out whole: half of one (`⟦U+04`) would read as text.
 */
export function cutEscaped(text: string, columns: number): string {
  if (textWidth(text) <= columns) return text;
  let kept = '';
  let used = 0;
  // In escaped text ⟦ only ever opens an escape.
  for (const unit of text.match(/⟦[^⟧]*⟧|[\s\S]/gu) ?? []) {
    const w = unit.startsWith('⟦') ? textWidth(unit) : charWidth(unit);
    if (used + w > columns - textWidth(CUT)) break;
    kept += unit;
    used += w;
  }
  return `${kept}${CUT}`;
}

/** The columns a line of text takes. */
export function textWidth(text: string): number {
  let used = 0;
  for (const c of text) used += charWidth(c);
  return used;
}
