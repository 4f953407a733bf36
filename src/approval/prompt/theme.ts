/**
 * The prompt's colours, in one place. With NO_COLOR set every colour is undefined and the
 * UI still reads: keys are in [brackets], opaque parts are marked with `!`.
 */
const plain = 'NO_COLOR' in process.env;
const pick = (colour: string): string | undefined => (plain ? undefined : colour);

/** Semantic colours used by every approval component. */
export const theme = {
  title: pick('yellow'),
  command: pick('cyan'),
  label: pick('gray'),
  rule: pick('yellow'),
  danger: pick('red'),
  ok: pick('green'),
  key: pick('magenta'),
  muted: pick('gray'),
  border: pick('yellow'),
} as const;
