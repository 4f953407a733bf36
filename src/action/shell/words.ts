import type { AnalysisContext } from '../types.js';
import { decodeAnsiC } from './ansi-c.js';
import { expandBraces, type WordChar } from './braces.js';
import type { SyntaxNode } from './syntax.js';
import type { PrintedPaths } from '../programs/find.js';

/** A word after bash's quote removal and the expansions nomos can do exactly. */
export interface WordValue {
  value: string;
  /** Part of the word comes from an expansion nomos cannot resolve statically. */
  dynamic: boolean;
  /** The shell variables expanded into it, resolved or not (`"key=$API_KEY"` → API_KEY). */
  vars?: string[];
  /**
   * Dynamic only through pathname expansion (`*.o`, `src/*.ts`): bash makes it the existing
   * names that match, or leaves it as written. A relative one never becomes an absolute path.
   */
  glob?: boolean;
  /**
   * A process substitution (`<(cmd)`, `>(cmd)`): bash makes it /dev/fd/N, a pipe from or to
   * the commands inside, which are analysed as commands. No file is read or written.
   */
  pipe?: boolean;
  /** A whole word `$(find …)` (`$(grep -rl …)`): the paths the command prints (see piped.ts). */
  printed?: PrintedPaths;
}

const WORD_TYPES = new Set([
  'word', 'string', 'raw_string', 'ansi_c_string', 'translated_string', 'concatenation', 'number',
  'simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion',
  'brace_expression',
]);

/** Is this node one shell word (an argument, a command name …)? */
export function isWordNode(node: SyntaxNode): boolean {
  return WORD_TYPES.has(node.type);
}

/** Evaluates a word as bash would, marking anything not statically known as dynamic. */
export function evaluateWord(node: SyntaxNode, ctx: AnalysisContext): WordValue {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'brace_expression':
    case 'concatenation': {
      // Where one word is expected (a redirect target, an assignment), several are unknowable.
      const words = expandWord(node, ctx);
      return words.length === 1 ? words[0]! : { value: node.text, dynamic: true };
    }
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false };
    case 'ansi_c_string':
      return { value: decodeAnsiC(node.text.slice(2, -1)), dynamic: false };
    case 'string':
    case 'translated_string':
      return evaluateDoubleQuoted(node, ctx);
    case 'simple_expansion':
    case 'expansion':
      return resolveVariable(node, ctx);
    case 'process_substitution':
      return { value: node.text, dynamic: true, pipe: true };
    default:
      return { value: node.text, dynamic: true };
  }
}

/**
 * Evaluates a word into the words bash would make of it: brace expansion can turn one word
 * into several (`{rm,-rf,/}`), which matters most when the first of them is the program.
 */
export function expandWord(node: SyntaxNode, ctx: AnalysisContext): WordValue[] {
  if (!UNQUOTED_TYPES.has(node.type)) return [evaluateWord(node, ctx)];
  // Most words are plain: nothing to remove, expand or split (and no allocation per character).
  if (node.type !== 'concatenation' && !/[\\{~*?[$`]/.test(node.text)) return [{ value: node.text, dynamic: false }];
  const { chars, dynamic, vars } = wordChars(node, ctx);
  const words = expandBraces(chars);
  if (!words) return [withVars({ value: node.text, dynamic: true }, vars)];
  return words.map((w) => withVars(finishWord(w, dynamic, ctx), vars));
}

/** A word's characters after quote removal, with unquoted ones marked active. */
function wordChars(node: SyntaxNode, ctx: AnalysisContext): { chars: WordChar[]; dynamic: boolean; vars: string[] } {
  const chars: WordChar[] = [];
  let dynamic = false;
  const vars: string[] = [];
  const parts = node.type === 'concatenation' ? node.children : [node];
  let at = node.start;
  const unquoted = (text: string) => pushUnquoted(text, chars);
  for (const part of parts) {
    if (part.start > at) unquoted(node.text.slice(at - node.start, part.start - node.start));
    at = part.end;
    if (part.type === 'word' || part.type === 'brace_expression' || part.type === 'number' || !part.named) unquoted(part.text);
    else {
      const value = evaluateWord(part, ctx);
      dynamic ||= value.dynamic;
      if (value.vars) vars.push(...value.vars);
      for (const c of value.value) chars.push({ c, active: false });
    }
  }
  if (node.end > at) unquoted(node.text.slice(at - node.start));
  return { chars, dynamic, vars };
}

function pushUnquoted(text: string, chars: WordChar[]): void {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') chars.push({ c: text[i]!, active: true });
    else if (text[i + 1] === '\n') i++;
    else if (i + 1 < text.length) chars.push({ c: text[++i]!, active: false });
  }
}

/**
 * One word after brace expansion: a leading unquoted `~` expanded; unquoted glob characters
 * (and `~user`, `$` left in a word) make it dynamic, since the files decide what it becomes.
 */
function finishWord(chars: WordChar[], dynamic: boolean, ctx: AnalysisContext): WordValue {
  let unknown = dynamic || chars.some((ch) => ch.active && (ch.c === '$' || ch.c === '`'));
  const globbing = chars.some((ch) => ch.active && PATHNAME_CHARS.has(ch.c));
  let value = '';
  const after = assignmentLike(chars);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const starts = i === 0 || (after >= 0 && (i === after || (i > after && chars[i - 1]!.active && chars[i - 1]!.c === ':')));
    if (starts && ch.active && ch.c === '~') {
      // The tilde-prefix runs to an unquoted `/` (or, in an assignment's value, `:`): empty, it is
      // home; quoted in part (`~"/x"`), it stays as written; `~user`, `~+` are not known here.
      let end = i + 1;
      while (end < chars.length && !(chars[end]!.active && (chars[end]!.c === '/' || (after >= 0 && i >= after && chars[end]!.c === ':')))) end++;
      if (end === i + 1) {
        value += ctx.home;
        // The command may have set HOME before this word (shadow.ts): where `~` leads is not known.
        if (ctx.homeUnknown) unknown = true;
        continue;
      }
      if (chars.slice(i + 1, end).every((p) => p.active)) unknown = true;
    }
    value += ch.c;
  }
  if (!unknown && globbing) return { value, dynamic: true, glob: true };
  return { value, dynamic: unknown || globbing };
}

/**
 * Where the value starts in a word that looks like an assignment (`NAME=value`, unquoted), else
 * -1: bash (outside POSIX mode) expands a `~` after its `=` and after each `:` in it, in any
 * argument (`dd if=~/.ssh/id_rsa` reads /home/u/.ssh/id_rsa; `--x=~/y` stays as written).
 */
function assignmentLike(chars: WordChar[]): number {
  if (!chars.some((ch, i) => i > 0 && ch.active && ch.c === '~')) return -1;
  for (let i = 0; i < chars.length; i++) {
    const { c, active } = chars[i]!;
    if (!active) return -1;
    if (c === '=') return i > 0 ? i + 1 : -1;
    if (!(c === '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9'))) return -1;
  }
  return -1;
}

const UNQUOTED_TYPES = new Set(['word', 'number', 'concatenation', 'brace_expression']);
const PATHNAME_CHARS = new Set(['*', '?', '[']);

function joinParts(parts: WordValue[]): WordValue {
  return withVars({ value: parts.map((p) => p.value).join(''), dynamic: parts.some((p) => p.dynamic) }, parts.flatMap((p) => p.vars ?? []));
}

/** Two words bash reads as one (`a\<newline>b`): dynamic if either is, a glob if only globbing makes it so. */
export function joinWords(a: WordValue, b: WordValue | undefined): WordValue {
  if (!b) return a;
  const word = withVars({ value: a.value + b.value, dynamic: a.dynamic || b.dynamic }, [...(a.vars ?? []), ...(b.vars ?? [])]);
  if (word.dynamic && (!a.dynamic || a.glob) && (!b.dynamic || b.glob)) word.glob = true;
  return word;
}

/** The word, naming the variables expanded into it (only when there are any: most words have none). */
function withVars(word: WordValue, vars: string[]): WordValue {
  if (vars.length > 0) word.vars = [...new Set(vars)];
  return word;
}

/** Inside double quotes only `\$ \` \" \\` and `\newline` are escapes. */
function evaluateDoubleQuoted(node: SyntaxNode, ctx: AnalysisContext): WordValue {
  const parts: WordValue[] = [];
  const open = node.text.startsWith('$"') ? 2 : 1;
  let at = node.start + open;
  const literal = (end: number) => {
    if (end > at) parts.push({ value: unescapeDoubleQuoted(node.text.slice(at - node.start, end - node.start)), dynamic: false });
    at = Math.max(at, end);
  };
  // Text the grammar leaves between children (a lone `$`, as in "$'x'") is literal inside quotes.
  for (const child of node.children) {
    if (!child.named || child.start < at) continue;
    literal(child.start);
    if (child.type === 'string_content') literal(child.end);
    else parts.push(evaluateWord(child, ctx));
    at = child.end;
  }
  literal(node.end - 1);
  return joinParts(parts);
}

function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

/**
 * `$HOME` and `${HOME}` resolve when the variable is in the safe set; anything fancier is
 * dynamic. Either way the word names the variables expanded into it (see expansionNames).
 */
function resolveVariable(node: SyntaxNode, ctx: AnalysisContext): WordValue {
  const match = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/.exec(node.text);
  const name = match?.[1] ?? match?.[2];
  const vars = name !== undefined ? [name] : expansionNames(node.text);
  if (name !== undefined && Object.hasOwn(ctx.env, name)) return withVars({ value: ctx.env[name]!, dynamic: false }, vars);
  return withVars({ value: node.text, dynamic: true }, vars);
}

/**
 * The variables whose values a `${…}` expansion can put in the word: its own name and any
 * named inside it (`${X:-$TOKEN}`: X and TOKEN), but not one only measured (`${#TOKEN}`) or
 * only tested for being set (`${TOKEN:+yes}`). An indirect one (`${!n}`) also gives `!n`:
 * the variable n's value names (carries.ts resolves it where n is known).
 */
function expansionNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\$(\{[#!]?)?([A-Za-z_][A-Za-z0-9_]*)(:?\+)?/g)) {
    if (m[1] === '{#' || (m[1] !== undefined && m[3] !== undefined)) continue;
    names.push(m[2]!);
    // `${!n}`, `${!n@Q}`, `${!a[0]}` (not `${!prefix*}`, `${!prefix@}`, `${!a[@]}`: names and keys, not values).
    if (m[1] === '{!' && !/^([*@]\}|\[[@*]\])/.test(text.slice(m.index + m[0].length))) names.push(`!${m[2]!}`);
  }
  return names;
}
