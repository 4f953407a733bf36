import type { Key } from 'ink';
import type { Answer, ApprovalRequest } from '../request.js';
import { pageOf, scrollBy, type Screen, type ScrollState } from './page.js';

/** Where the prompt is: the answer keys, a text field (deny reason, edited command), or the "always" preview; and how far the request is read. */
export interface PromptState extends ScrollState {
  mode: 'keys' | 'deny' | 'edit' | 'always';
  draft: string;
  target: 'user' | 'project';
  note: string;
}

/** What a key does to the prompt; `answer` and `back` are for the host. */
export interface PromptEffects {
  onAnswer: (answer: Answer) => void;
  onBack?: (() => void) | undefined;
}

/** The prompt's state before any key. */
export function initialPromptState(request: ApprovalRequest): PromptState {
  return { mode: 'keys', draft: '', target: request.always?.project ? 'project' : 'user', note: '', scroll: 0, seenEnd: false };
}

/**
 * One key: y once, s session, a always (preview first), n/d deny (reason), e edit, Ctrl+C deny,
 * Esc back; Up/Down, PgUp/PgDn and Space scroll a request longer than the screen, and until its
 * last line has been on screen y, s and a only say so: nothing approved was out of sight.
 */
export function stepPrompt(state: PromptState, request: ApprovalRequest, input: string, key: Key, fx: PromptEffects, screen: Screen): PromptState {
  if (key.ctrl && input === 'c') return done(fx, { choice: 'deny', text: 'interrupted at the prompt' }, state);
  if (state.mode === 'deny' || state.mode === 'edit') return stepField(state, input, key, fx);
  if (state.mode === 'always') return stepAlways(state, request, input, key, fx);
  const page = pageOf(request, state, screen);
  const scrolled = scrollBy(page, state, input, key);
  if (scrolled) return { ...state, ...scrolled, note: '' };
  if ((input === 'y' || input === 's' || input === 'a') && !page.readAll) {
    const below = page.lines.length - page.scroll - page.height;
    return { ...state, note: `Read the whole request first: ${below} more line${below === 1 ? '' : 's'} below ([Down], [PgDn] or [Space]).` };
  }
  if (input === 'y') return done(fx, { choice: 'once' }, state);
  if (input === 'n' || input === 'd') return { ...state, mode: 'deny', draft: '' };
  if (input === 'e') return { ...state, mode: 'edit', draft: request.command };
  if (input === 's') return request.unavailable.session ? { ...state, note: `"this session" is not offered: ${request.unavailable.session}` } : done(fx, { choice: 'session' }, state);
  if (input === 'a' && request.always && !pageOf(request, { ...state, mode: 'always' }, screen).fits) return { ...state, note: '"always" is not offered here: its rule is taller than this screen.' };
  if (input === 'a') return request.always ? { ...state, mode: 'always' } : { ...state, note: `"always" is not offered: ${request.unavailable.always ?? 'no rule proposed'}` };
  if (key.escape && fx.onBack) fx.onBack();
  return state;
}

function stepField(state: PromptState, input: string, key: Key, fx: PromptEffects): PromptState {
  if (key.escape) return { ...state, mode: 'keys', draft: '' };
  if (key.return) {
    const text = state.draft.trim();
    if (state.mode === 'deny') return done(fx, { choice: 'deny', ...(text ? { text } : {}) }, state);
    return text ? done(fx, { choice: 'edit', text }, state) : { ...state, mode: 'keys' };
  }
  if (key.backspace || key.delete) return { ...state, draft: state.draft.slice(0, -1) };
  if (key.ctrl && input === 'u') return { ...state, draft: '' };
  if (key.ctrl || key.meta) return state;
  return typed(state, input, fx);
}

/**
 * Text for a field. Keys typed faster than the prompt reads them, or pasted, come as one input
 * with their control characters in it (Ctrl+U and `echo x` as `\x15echo x`, which was dropped
 * whole): each character is applied in turn. A line break in it ends the input without
 * submitting: a pasted line is read before Enter sends it.
 */
function typed(state: PromptState, input: string, fx: PromptEffects): PromptState {
  let draft = state.draft;
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') break;
    if (ch === '\x03') return done(fx, { choice: 'deny', text: 'interrupted at the prompt' }, state);
    if (ch === '\x7f' || ch === '\b') draft = draft.slice(0, -1);
    else if (ch === '\x15') draft = '';
    else if (!/[\x00-\x1f\x7f]/.test(ch)) draft += ch;
  }
  return draft === state.draft ? state : { ...state, draft };
}

function stepAlways(state: PromptState, request: ApprovalRequest, input: string, key: Key, fx: PromptEffects): PromptState {
  if (key.escape) return { ...state, mode: 'keys' };
  if (key.return) return done(fx, { choice: 'always', target: state.target }, state);
  if (input === 'u') return { ...state, target: 'user' };
  if (input === 'p' && request.always?.project) return { ...state, target: 'project' };
  return state;
}

function done(fx: PromptEffects, answer: Answer, state: PromptState): PromptState {
  fx.onAnswer(answer);
  return state;
}
