import { asciiOnly, hasHidden } from '../../visible.js';
import type { ApprovalRequest } from '../request.js';

/** Runs of spaces this long can push the rest of a command out of a glance. */
const LONG_SPACES = 16;

/** Every text of a request an agent wrote: the command, the actions' words, paths and URLs, the opaque parts. */
function agentTexts(request: ApprovalRequest): string[] {
  const texts = [request.command, request.cwd];
  for (const a of request.evaluation.actions) {
    if (a.kind === 'exec') texts.push(...a.argv);
    else if (a.kind === 'file') texts.push(a.path, a.target ?? '');
    else if (a.kind === 'http') texts.push(a.url);
    else texts.push(a.server, a.tool);
  }
  for (const o of request.evaluation.opaque) texts.push(o.text);
  return texts;
}

/**
 * What the human should know before reading the request: it holds characters a terminal would
 * obey or hide (shown escaped), a program whose name only looks like a familiar one, a long run
 * of spaces. Shown above the request, always on screen.
 */
export function requestWarnings(request: ApprovalRequest): string[] {
  const warnings: string[] = [];
  const [command, ...others] = agentTexts(request);
  if (hasHidden(command!, { keepNewlines: true }) || others.some((t) => hasHidden(t))) {
    warnings.push('! The request holds control or invisible characters, shown escaped (⟦ESC⟧, ⟦U+202E⟧): they are part of what runs.');
  }
  // One line however many: warnings stay on screen, and the request needs the room.
  const names = [...new Set(request.evaluation.actions.flatMap((a) => (a.kind === 'exec' && /[^\x00-\x7f]/.test(a.program) ? [a.program] : [])))];
  if (names.length) {
    const more = names.length > 2 ? ` and ${names.length - 2} more` : '';
    warnings.push(`! Program name${names.length > 1 ? 's' : ''} ${names.slice(0, 2).map((n) => asciiOnly(n).slice(0, 24)).join(', ')}${more} not plain ASCII: may only look familiar.`);
  }
  // A loop, not Math.max(...runs): a command of 300,000 runs would overflow the stack and take the prompt down.
  let spaces = 0;
  for (const run of request.command.matchAll(/ {2,}/g)) spaces = Math.max(spaces, run[0].length);
  if (spaces >= LONG_SPACES) warnings.push(`! The command holds a run of ${spaces} spaces: read on past it.`);
  return warnings;
}
