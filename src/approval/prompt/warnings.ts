import { lookAlikeHost, lookAlikesIn } from '../../look-alike.js';
import { cutEscaped } from '../../text-width.js';
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
 * obey or hide (shown escaped), a program, host or path word that only looks like a familiar one,
 * a long run of spaces. Shown above the request, always on screen.
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
    warnings.push(`! Program name${names.length > 1 ? 's' : ''} ${names.slice(0, 2).map((n) => cutEscaped(asciiOnly(n), 24)).join(', ')}${more} not plain ASCII: may only look familiar.`);
  }
  warnings.push(...lookAlikeWarnings(request, names));
  // A loop, not Math.max(...runs): a command of 300,000 runs would overflow the stack and take the prompt down.
  let spaces = 0;
  for (const run of request.command.matchAll(/ {2,}/g)) spaces = Math.max(spaces, run[0].length);
  if (spaces >= LONG_SPACES) warnings.push(`! The command holds a run of ${spaces} spaces: read on past it.`);
  return warnings;
}

/** Names shown in a warning: the first two, each as code points and cut, then how many more. */
function someNames(names: string[]): string {
  const more = names.length > 2 ? ` and ${names.length - 2} more` : '';
  return `${names.slice(0, 2).join(', ')}${more}`;
}

/**
 * Hosts and path words spelt in letters of mixed scripts or in look-alikes (`gіthub.com`,
 * `~/.ssh/іd_rsa` with a Cyrillic і): a host with the punycode it goes on the wire as. The words
 * the agent wrote are searched (the command, the words programs get, the paths, the hosts),
 * program names aside: they have their own warning.
 */
function lookAlikeWarnings(request: ApprovalRequest, programs: string[]): string[] {
  const { actions, opaque } = request.evaluation;
  const words = [request.command, ...opaque.map((o) => o.text)];
  const hosts = new Map<string, string>();
  for (const a of actions) {
    if (a.kind === 'exec') words.push(...a.argv.slice(1));
    else if (a.kind === 'file') words.push(a.path, a.target ?? '');
    else if (a.kind === 'http') {
      const host = lookAlikeHost(a.host);
      if (host) hosts.set(host.ascii, host.unicode);
    }
  }
  const paths = new Set<string>();
  for (const word of words) {
    const found = lookAlikesIn(word);
    for (const h of found.hosts) hosts.set(h.ascii, h.unicode);
    for (const p of found.paths) if (!programs.includes(p)) paths.add(p);
  }
  for (const unicode of hosts.values()) paths.delete(unicode);
  const warnings: string[] = [];
  const shownHosts = [...hosts].map(([ascii, unicode]) => `${cutEscaped(asciiOnly(unicode), 40)} (${cutEscaped(ascii, 40)})`);
  if (shownHosts.length) warnings.push(`! Host${shownHosts.length > 1 ? 's' : ''} ${someNames(shownHosts)} in mixed scripts or look-alike letters: may only look familiar.`);
  const shownPaths = [...paths].map((p) => cutEscaped(asciiOnly(p), 32));
  if (shownPaths.length) warnings.push(`! Path word${shownPaths.length > 1 ? 's' : ''} ${someNames(shownPaths)} in mixed scripts or look-alike letters: may only look familiar.`);
  return warnings;
}
