// `for f in src/*.ts; do wc -l "$f"; done`: bash expands the loop's words once, before it runs,
// so in the body `$f` is one of them; likewise `find … | while read -r f` (a line find printed)
// and `f=README.md; cat "$f"` (a variable set once, to a plain word). Where nothing in the script
// can set f otherwise, a file action on `$f` is decided as the files those words name (the front
// end lists the globs), instead of "any file", as for `find … | xargs` (piped.ts).
import { record } from '../table.js';
import type { Scope, WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import type { PrintedPaths } from '../programs/find.js';
import { substitutionPrinted } from './command.js';
import type { WordValue } from './words.js';

/** What a loop variable holds in its body: the loop's words, where the body's cwd is the loop's. */
export interface LoopValues {
  found: string[];
  cwd: string | undefined;
  /** A word may expand to a name starting with `-`, which the program would read as an option. */
  bare: boolean;
  /** The names are what git prints: anything below `found` (PrintedPaths.tree, .index). */
  tree?: boolean;
  index?: boolean;
  /** `read` without -r gave them: it unescapes backslashes, then bash splits `$f` as fields. */
  split?: 'read';
  /** Globs whose names these are (ls's entries: PrintedPaths.names). */
  names?: string[];
}

/** A printer's tree and index marks (PrintedPaths), where one of the printers has them. */
const printedMarks = (printed: (PrintedPaths | undefined)[]): { tree?: boolean; index?: boolean; names?: string[] } => {
  const names = printed.flatMap((p) => p?.names ?? []);
  return { ...(printed.some((p) => p?.tree) ? { tree: true } : {}), ...(printed.some((p) => p?.index) ? { index: true } : {}), ...(names.length > 0 ? { names } : {}) };
};

/** Variables bash sets itself (cd sets PWD, each command `_`, read REPLY …): what the script gave them does not last. */
const BASH_SETS = /^(?:PWD|OLDPWD|_|RANDOM|SRANDOM|SECONDS|LINENO|BASHPID|EPOCHSECONDS|EPOCHREALTIME|BASH\w*|FUNCNAME|HISTCMD|PPID|UID|EUID|GROUPS|SHLVL|COLUMNS|LINES|REPLY|OPTARG|OPTIND|OPTERR|MAPFILE|COMP_\w+|PIPESTATUS|DIRSTACK|IFS|HOSTNAME|HOSTTYPE|MACHTYPE|OSTYPE|SHELLOPTS|BASHOPTS|HOME|CDPATH|PATH)$/;

/** IFS as a word anywhere in the script text (or ending an option word: `printf -vIFS`): bash may split a value at other characters. */
const IFS = /(?:(?<![A-Za-z0-9_])|(?<=(?:^|[^A-Za-z0-9_-])-[A-Za-z]+))IFS(?![A-Za-z0-9_])/;

/**
 * A name reference may be declared (`declare -n r=$x`, `declare $opt r=f`, `de''clare …`): then
 * `read r`, `printf -v r`, `mapfile r`, `getopts o r`, `((r=1))` set the variable it names, which
 * nomos does not follow. Read with quotes and backslashes removed; `$'…'` may spell any name.
 */
function mayReference(state: WalkState): boolean {
  const source = state.source ?? '';
  return (state.scope.references?.length ?? 0) > 0 || state.scope.assigned.has('*') || source.includes("$'") || REFERENCE.test(unquoted(source));
}
const REFERENCE = /(?<![A-Za-z0-9_])(?:declare|typeset|local)(?![A-Za-z0-9_])/;

/** A function (which may set the variable when called) anywhere in the script text: its body may be any compound command (`g() if …; fi`, `g() for …`, `g() ((…))`). */
const FUNCTION = /(?<![=$])\(\s*\)|(?:^|[\s;&|(])function\s/;

/**
 * Notes the words `for name in …` runs over, where they are known: plain words without glob
 * characters, or globs; no other word of the loop's text names the variable (an assignment,
 * `read name`, `((name = 1))`, `declare`, a name reference …: see shadow.ts writtenBare), and
 * the script defines no function. Otherwise the variable is any value, as before.
 */
export function noteLoopValues(node: SyntaxNode, name: string, values: WordValue[], state: WalkState): void {
  forgetLoop(state.scope, name);
  const body = node.children.find((c) => c.field === 'body');
  // `for f in $(find src -name '*.ts')`: the paths find prints (split and expanded as bash does: globs.ts checks the names).
  const printed = node.children.filter((c) => c.field === 'value').map((c) => substitutionPrinted(c, state)?.[0]?.printed);
  // IFS set anywhere splits an unquoted `$name` at other characters (IFS=.; `a.b` is two words).
  if (!body || values.length === 0 || state.scope.cwd === undefined || FUNCTION.test(state.source ?? '') || IFS.test(unquoted(state.source ?? ''))) return;
  // A word bash would split or expand again where `$name` is unquoted (a blank, a glob character) is not one path.
  // `..` is applied where a link before it leads (real-paths.ts), which a placed path does not carry: left out.
  const plain = (v: WordValue) => (v.dynamic ? v.glob === true : !/[*?[\\\s]/.test(v.value)) && !v.value.startsWith('-') && !v.value.split('/').includes('..');
  if (values.length !== printed.length || !values.every((v, i) => plain(v) || (printed[i] !== undefined && !printed[i]!.nul && !printed[i]!.found.some((p) => /\s/.test(p))))) return;
  if (namedBare(body.text, name)) return;
  const bare = values.some((v, i) => (printed[i] ? printed[i]!.bare === true : v.glob && /^[*?[]/.test(v.value)));
  const found = values.flatMap((v, i) => printed[i]?.found ?? [v.value]);
  state.scope.loops = { ...record(state.scope.loops ?? {}), [name]: { found, cwd: state.scope.cwd, bare, ...printedMarks(printed) } };
}

/**
 * `find … | while read -r f; do …; done`: each `$f` in the body is a line find printed. Noted on
 * the loop's scope as pending (the condition's `read` makes it the variable's values: flows.ts),
 * where the condition is that one `read` of one name (`IFS=` before it at most), the body names
 * the variable no other way, and the lines are read whole (split 'xargs' checks the listed names:
 * no blank, quote or backslash, which read would strip or unescape).
 */
export function noteReadLoop(loop: SyntaxNode, printed: PrintedPaths, scope: Scope, source: string): void {
  const condition = loop.children.find((c) => c.field === 'condition');
  const body = loop.children.find((c) => c.field === 'body');
  // A redirect on the read (`read -r f <&3`) reads another input; so does the loop's own (`done < list`, `done <<< x`).
  if (loop.children.some((c) => c.field === 'redirect' || /redirect/.test(c.type))) return;
  // `exec < list` in the body gives the next round's read another input.
  if (/(?<![\w-])exec(?![\w-])/.test(body?.text.replace(/['"\\]/g, '') ?? '') || body?.text.includes("$'")) return;
  if (!condition || !body || condition.type !== 'command' || condition.children.some((c) => c.field === 'redirect') || scope.cwd === undefined || printed.nul || FUNCTION.test(source)) return;
  const prefix = condition.children.filter((c) => c.type === 'variable_assignment');
  if (prefix.some((p) => p.text !== 'IFS=' && p.text !== "IFS=''" && p.text !== 'IFS=""')) return;
  const words = condition.children.filter((c) => c.field === 'argument' || c.field === 'name').map((c) => c.text);
  if (words[0] !== 'read' || !words.slice(1, -1).every((w) => w === '-r')) return;
  const name = words.at(-1)!;
  if (words.length < 2 || !/^[A-Za-z_]\w*$/.test(name) || BASH_SETS.test(name) || namedBare(body.text, name) || printed.found.some((p) => /\s/.test(p))) return;
  // Without -r read unescapes backslashes (`a\b` is read as `ab`): a name holding one makes the values any file (split 'read').
  const raw = words.includes('-r') ? {} : { split: 'read' as const };
  scope.readLoop = { name, values: { found: printed.found, cwd: scope.cwd, bare: printed.bare === true, ...printedMarks([printed]), ...raw } };
}

/** The condition's `read NAME` ran: the variable holds a line of what the loop reads (noteReadLoop). */
export function readIntoLoop(scope: Scope, name: string): void {
  if (scope.readLoop?.name !== name) return;
  scope.loops = { ...record(scope.loops ?? {}), [name]: scope.readLoop.values };
  scope.readLoop = undefined;
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

/** A word placed as the words a variable holds (inner.ts placeFound). */
export interface Placement {
  word: string;
  found: string[];
  bare: boolean;
  tree?: boolean;
  index?: boolean;
  split?: 'read';
  names?: string[];
}

/** The variable a word is exactly (`$name`, `${name}`), where bash does not set it itself. */
function wholeVariable(w: WordValue): string | undefined {
  const m = w.dynamic ? /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/.exec(w.value) : null;
  const name = m ? (m[1] ?? m[2]!) : undefined;
  return name !== undefined && !BASH_SETS.test(name) ? name : undefined;
}

/** The words of a command that are a whole `$name` / `${name}` of a loop variable, with the loop's words. */
export function loopPaths(words: WordValue[], state: WalkState): Placement[] {
  const loops = state.scope.loops;
  if (!loops) return [];
  const out: Placement[] = [];
  for (const w of words) {
    const name = wholeVariable(w);
    const loop = name !== undefined ? loops[name] : undefined;
    if (loop && loop.cwd === state.scope.cwd) out.push({ word: w.value, found: loop.found, bare: loop.bare, tree: loop.tree, index: loop.index, split: loop.split, names: loop.names });
  }
  // The script's text is read only for a command that names one (this runs for every command).
  return out.length > 0 && !mayReference(state) ? out : [];
}

/**
 * `f=README.md; cat "$f"`: the words of a command that are a whole `$name` / `${name}` of a variable
 * the script set once to a plain word (its only bare mention in the whole script, so no `read`,
 * arithmetic, loop or second assignment sets it too; no function defined; not a word bash would
 * split, expand or read as an option or a `~` it leaves as written), with that word.
 */
export function assignedPaths(words: WordValue[], state: WalkState): Placement[] {
  const { vars, dynamicVars, sure } = state.scope;
  const source = state.source ?? '';
  const out: Placement[] = [];
  for (const w of words) {
    const name = wholeVariable(w);
    // Surely set here: not only where a part that may not run set it (the caller's environment may hold another value).
    if (name === undefined || !sure?.includes(name) || !Object.hasOwn(vars, name) || dynamicVars.includes(name)) continue;
    const value = vars[name]!;
    if (value === '' || /[*?[\\\s~]/.test(value) || value.startsWith('-') || value.split('/').includes('..') || bareCount(source, name) !== 1) continue;
    out.push({ word: w.value, found: [value], bare: false });
  }
  // The script's text is read only for a command that names one (this runs for every command);
  // a name set that nomos could not read (`declare "$n=…"`) may be any of them.
  return out.length > 0 && !mayReference(state) && !FUNCTION.test(source) && !IFS.test(unquoted(source)) ? out : [];
}

/** The text with quotes and backslashes removed (`$'…'` is left to mayReference). */
function unquoted(text: string): string {
  return text.replace(/['"\\]/g, '');
}

/** The name as a word of its own in the text, not as `$name` or `${name}`. */
function namedBare(text: string, name: string): boolean {
  return bareCount(text, name, 1) > 0;
}

/** How many times the name is a word of its own in the text (or an option's attached value), not `$name` or `${name}` (counting stops at `limit`). */
function bareCount(source: string, name: string, limit = 2): number {
  // Read as bash reads a word, quotes and backslashes removed: `read -r FI''LE`, `export I\\FS=.` name FILE and IFS.
  const text = unquoted(source);
  let n = 0;
  // Also where it ends an option word (`printf -vF`, `read -raF`, `wait -pF`): bash takes it as the variable to set.
  for (const m of text.matchAll(new RegExp(`(?:(?<![A-Za-z0-9_])|(?<=(?:^|[^A-Za-z0-9_-])-[A-Za-z]+))${name}(?![A-Za-z0-9_])`, 'g'))) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    const after = text[m.index + name.length];
    if (!(before.endsWith('$') || (before === '${' && after === '}')) && ++n >= limit) return n;
  }
  return n;
}
