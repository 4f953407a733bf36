// How many terminal columns text takes, as nomos counts them wherever it fits text to a width
// (the approval prompt, `audit tail`). Widths err high: a line counted too narrow would be
// wrapped by the terminal, and a frame would outgrow the screen.

/** East Asian wide and fullwidth characters and emoji: two columns. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** The columns one character (a code point) takes: two for a wide one, else one. */
export function charWidth(c: string): number {
  return c.charCodeAt(0) < 0x1100 ? 1 : WIDE.test(c) ? 2 : 1;
}

/** The columns a line of text takes. */
export function textWidth(text: string): number {
  let used = 0;
  for (const c of text) used += charWidth(c);
  return used;
}
