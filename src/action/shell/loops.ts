// `for f in src/*.ts; do wc -l "$f"; done`: bash expands the loop's words once, before it runs,
// so in the body `$f` is one of them. Where those words are plain or globs and nothing in the
// script can set f otherwise, a file action on `$f` is decided as the files they name (the front
// end lists the globs), instead of "any file", as for `find … | xargs` (piped.ts).
import { record } from '../table.js';
import type { Scope, WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import type { WordValue } from './words.js';

/** What a loop variable holds in its body: the loop's words, where the body's cwd is the loop's. */
export interface LoopValues {
  found: string[];
  cwd: string | undefined;
  /** A word may expand to a name starting with `-`, which the program would read as an option. */
  bare: boolean;
}

/** A function (which may set the variable when called) anywhere in the script text. */
const FUNCTION = /\(\s*\)\s*[{(]|(?:^|[\s;&|(])function\s/;

/**
 * Notes the words `for name in …` runs over, where they are known: plain words without glob
 * characters, or globs; no other word of the loop's text names the variable (an assignment,
 * `read name`, `((name = 1))`, `declare`, a name reference …: see shadow.ts writtenBare), and
 * the script defines no function. Otherwise the variable is any value, as before.
 */
export function noteLoopValues(node: SyntaxNode, name: string, values: WordValue[], state: WalkState): void {
  forgetLoop(state.scope, name);
  const body = node.children.find((c) => c.field === 'body');
  if (!body || values.length === 0 || state.scope.cwd === undefined || FUNCTION.test(state.source ?? '')) return;
  // A word bash would split or expand again where `$name` is unquoted (a blank, a glob character) is not one path.
  if (!values.every((v) => (v.dynamic ? v.glob === true : !/[*?[\\\s]/.test(v.value)) && !v.value.startsWith('-'))) return;
  if (namedBare(body.text, name)) return;
  const bare = values.some((v) => v.glob && /^[*?[]/.test(v.value));
  state.scope.loops = { ...record(state.scope.loops ?? {}), [name]: { found: values.map((v) => v.value), cwd: state.scope.cwd, bare } };
}

/** The variable is set (or may be) otherwise: its loop values no longer hold (`*`: every variable). */
export function forgetLoop(scope: Scope, name: string): void {
  if (!scope.loops) return;
  if (name === '*') scope.loops = undefined;
  else if (Object.hasOwn(scope.loops, name)) {
    const rest = record(scope.loops);
    delete rest[name];
    scope.loops = rest;
  }
}

/** The words of a command that are a whole `$name` / `${name}` of a loop variable, with the loop's words. */
export function loopPaths(words: WordValue[], state: WalkState): { word: string; found: string[]; bare: boolean }[] {
  const loops = state.scope.loops;
  if (!loops) return [];
  const out: { word: string; found: string[]; bare: boolean }[] = [];
  for (const w of words) {
    const name = w.dynamic ? /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/.exec(w.value) : null;
    const loop = name ? loops[name[1] ?? name[2]!] : undefined;
    if (loop && loop.cwd === state.scope.cwd) out.push({ word: w.value, found: loop.found, bare: loop.bare });
  }
  return out;
}

/** The name as a word of its own in the text, not as `$name` or `${name}`. */
function namedBare(text: string, name: string): boolean {
  for (const m of text.matchAll(new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`, 'g'))) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    const after = text[m.index + name.length];
    if (!(before.endsWith('$') || (before === '${' && after === '}'))) return true;
  }
  return false;
}
