import type { Action } from '../../action/types.js';
import { charWidth } from '../../text-width.js';
import { quotedWord, visible } from '../../visible.js';
import type { ApprovalRequest } from '../request.js';

/** How a line of the request is drawn (a colour from the theme; the text reads without it). */
export type Tone = 'command' | 'danger' | 'rule' | 'plain';

/** One screen line of what was asked: a label on a row's first line, its text cut to the width. */
export interface DetailLine {
  label: string;
  text: string;
  tone: Tone;
}

/** Columns the label takes; the box's border and padding take 4 more. */
export const LABEL_WIDTH = 10;

function describeAction(action: Action): string {
  const via = action.via.length ? `  (via ${action.via.join(' > ')})` : '';
  if (action.kind === 'exec') return `${action.argv.map(quotedWord).join(' ')}${via}`;
  if (action.kind === 'file') return `${action.op} ${action.path}${action.target ? ` -> ${action.target}` : ''}${via}`;
  if (action.kind === 'mcp') return `tool ${action.server}/${action.tool}${via}`;
  return `${action.method} ${action.url}${via}`;
}

/**
 * Everything a human approves, as lines no wider than `width`: the command, what runs, the
 * files, requests and tools, the opaque parts, who asked, the session and directory. Every text
 * is escaped (an agent writes it: a terminal would obey its control characters) and cut at the
 * width rather than word-wrapped, so no character is dropped or trimmed at a line end. A request
 * longer than the screen is paged (page.ts), never truncated.
 */
export function detailLines(request: ApprovalRequest, width: number): DetailLine[] {
  const { evaluation } = request;
  const rows: [string, string[], Tone][] = [['Command', [request.command], 'command']];
  const groups: [string, Action['kind']][] = [['Runs', 'exec'], ['Files', 'file'], ['HTTP', 'http'], ['Tools', 'mcp']];
  for (const [label, kind] of groups) {
    const actions = evaluation.actions.filter((a) => a.kind === kind);
    if (actions.length) rows.push([label, actions.map(describeAction), 'plain']);
  }
  if (evaluation.opaque.length) rows.push(['Opaque !', evaluation.opaque.map((o) => `! ${o.text} - ${o.reason}`), 'danger']);
  const asked = evaluation.rules.filter((r) => r.decision === 'ask');
  rows.push(['Asked by', asked.length ? asked.map((r) => `${r.id}${r.message ? `: ${r.message}` : ''} (${r.source})`) : [evaluation.reason], 'rule']);
  rows.push(['Session', [`${request.session} · actor ${request.actor}`], 'plain'], ['In', [request.cwd], 'plain']);
  const lines: DetailLine[] = [];
  for (const [label, texts, tone] of rows) {
    // The command's line breaks are bash's (each line is read as commands): kept. Elsewhere (a path, a word) escaped.
    const keepNewlines = tone === 'command';
    texts
      .flatMap((text) => visible(text, { keepNewlines }).split('\n').flatMap((line) => cutLines(line, width)))
      .forEach((text, i) => lines.push({ label: i === 0 ? label : '', text, tone }));
  }
  return lines;
}

/**
 * The text in pieces no wider than `width` columns. Widths err high (a wide character counts two,
 * any other one): a piece too wide would be wrapped by the terminal, the frame would outgrow the
 * screen, and its top would scroll out of sight.
 */
export function cutLines(text: string, width: number): string[] {
  const size = Math.max(2, width);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const c of text) {
    const w = charWidth(c);
    if (used + w > size) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += c;
    used += w;
  }
  lines.push(line);
  return lines;
}
