import type { Key } from 'ink';
import type { ApprovalRequest } from '../request.js';
import type { PromptState } from './prompt-keys.js';
import { visible } from '../../visible.js';
import { cutLines, detailLines, LABEL_WIDTH, type DetailLine } from './detail-lines.js';
import { requestWarnings } from './warnings.js';

/** The part of the request on screen: a window of its lines, when they are more than fit. */
export interface Page {
  warnings: string[];
  lines: DetailLine[];
  /** First line shown. */
  scroll: number;
  /** Lines shown at once. */
  height: number;
  /** Whether every line has been on screen (the answer keys wait for it). */
  readAll: boolean;
  /** Whether the mode's own lines (the "always" rule, a long draft) leave room for the request: else the frame would outgrow the screen. */
  fits: boolean;
}

/** Where the human is in the request: the first line shown, and whether the last one has been seen. */
export interface ScrollState {
  scroll: number;
  seenEnd: boolean;
}

/**
 * Lines the rest of the prompt takes: border, title, scroll line, margin, key bar (two lines at
 * a narrow width), notes, countdown, and a spare: a frame taller than the terminal is redrawn
 * from the top by ink, and the top would scroll away.
 */
const RESERVED = 12;

/** The prompt's width on a terminal this wide: never wider than the terminal (a wrapped frame outgrows the screen). */
export function promptWidth(columns: number | undefined): number {
  return Math.max(30, Math.min(columns || 80, 100));
}

/** The terminal the prompt is drawn on. */
export interface Screen {
  width: number;
  rows: number;
}

/** The fewest lines a body of request lines may have. */
const MIN_HEIGHT = 4;

/**
 * Lines a text ink word-wraps takes in the box at this width, at most: a word-wrapped line
 * holds at least half the width (a longer word is cut), and escapes and wide characters count.
 */
function linesOf(text: string, width: number): number {
  const half = Math.max(2, Math.floor((width - 4) / 2));
  return text.split('\n').reduce((n, line) => n + cutLines(visible(line), half).length, 0);
}

/** Lines the current mode draws below the request: notes, a text field, the "always" preview. */
function modeLines(request: ApprovalRequest, state: PromptState, width: number): number {
  const { session, always } = request.unavailable;
  const notes = (session ? linesOf(`No session grant: ${session}.`, width) : 0) + (always ? linesOf(`No "always": ${always}.`, width) : 0) + (state.note ? linesOf(state.note, width) : 0);
  if (state.mode === 'deny' || state.mode === 'edit') return notes + 1 + linesOf(`> ${state.draft} `, width);
  if (state.mode === 'always' && request.always) return notes + 4 + linesOf(request.always.yaml.trimEnd(), width - 4);
  return notes;
}

/** The window of the request that fits the screen in the prompt's current mode. */
export function pageOf(request: ApprovalRequest, state: PromptState, screen: Screen): Page {
  const { width, rows } = screen;
  const warnings = requestWarnings(request);
  const lines = detailLines(request, width - 4 - LABEL_WIDTH);
  // Below 60 columns the key bar takes up to five lines, the title two.
  const room = rows - RESERVED - (width < 60 ? 5 : 0) - warnings.reduce((n, w) => n + linesOf(w, width), 0) - modeLines(request, state, width);
  const height = Math.max(MIN_HEIGHT, room);
  const scroll = Math.max(0, Math.min(state.scroll, lines.length - height));
  return { warnings, lines, scroll, height, fits: room >= MIN_HEIGHT, readAll: state.seenEnd || scroll + height >= lines.length };
}

/** The scroll state after a key (Up/Down a line, PgUp/PgDn or Space a page), or undefined when the key does not scroll. */
export function scrollBy(page: Page, state: ScrollState, input: string, key: Key): ScrollState | undefined {
  const step = key.downArrow ? 1 : key.upArrow ? -1 : key.pageDown || input === ' ' ? page.height - 1 : key.pageUp ? 1 - page.height : 0;
  if (step === 0) return undefined;
  const scroll = Math.max(0, Math.min(page.scroll + step, page.lines.length - page.height));
  return { scroll, seenEnd: state.seenEnd || scroll + page.height >= page.lines.length };
}
