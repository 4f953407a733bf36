import type { AnalysisContext } from '../types.js';
import type { SyntaxNode } from './syntax.js';

/** A word after bash's quote removal and the expansions nomos can do exactly. */
export interface WordValue {
  value: string;
  /** Part of the word comes from an expansion nomos cannot resolve statically. */
  dynamic: boolean;
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
      return evaluateUnquoted(node.text, ctx, true);
    case 'number':
      return { value: node.text, dynamic: false };
    case 'raw_string':
      return { value: node.text.slice(1, -1), dynamic: false };
    case 'ansi_c_string':
      return { value: decodeAnsiC(node.text.slice(2, -1)), dynamic: false };
    case 'string':
    case 'translated_string':
      return evaluateDoubleQuoted(node, ctx);
    case 'concatenation':
      return joinParts(node.children.map((part, i) => evaluatePart(part, ctx, i === 0)));
    case 'simple_expansion':
    case 'expansion':
      return resolveVariable(node, ctx);
    default:
      return { value: node.text, dynamic: true };
  }
}

function evaluatePart(node: SyntaxNode, ctx: AnalysisContext, first: boolean): WordValue {
  return node.type === 'word' ? evaluateUnquoted(node.text, ctx, first) : evaluateWord(node, ctx);
}

function joinParts(parts: WordValue[]): WordValue {
  return { value: parts.map((p) => p.value).join(''), dynamic: parts.some((p) => p.dynamic) };
}

/**
 * An unquoted word: backslash escapes removed, a leading `~` expanded. Globs and brace
 * expansion can turn one word into many, so they make the word dynamic.
 */
function evaluateUnquoted(text: string, ctx: AnalysisContext, atStart: boolean): WordValue {
  let value = '';
  let dynamic = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      if (text[i + 1] === '\n') i++;
      else if (i + 1 < text.length) value += text[++i];
      continue;
    }
    if (ch === '*' || ch === '?' || ch === '[' || ch === '{' || ch === '$' || ch === '`') dynamic = true;
    value += ch;
  }
  if (atStart && (text === '~' || text.startsWith('~/'))) value = ctx.home + text.slice(1);
  else if (atStart && text.startsWith('~')) dynamic = true;
  return { value, dynamic };
}

/** Inside double quotes only `\$ \` \" \\` and `\newline` are escapes. */
function evaluateDoubleQuoted(node: SyntaxNode, ctx: AnalysisContext): WordValue {
  const parts: WordValue[] = [];
  for (const child of node.children) {
    if (!child.named) continue;
    if (child.type === 'string_content') parts.push({ value: unescapeDoubleQuoted(child.text), dynamic: false });
    else parts.push(evaluateWord(child, ctx));
  }
  return joinParts(parts);
}

function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

/** `$HOME` and `${HOME}` resolve when the variable is in the safe set; anything fancier is dynamic. */
function resolveVariable(node: SyntaxNode, ctx: AnalysisContext): WordValue {
  const match = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/.exec(node.text);
  const name = match?.[1] ?? match?.[2];
  if (name !== undefined && Object.hasOwn(ctx.env, name)) return { value: ctx.env[name]!, dynamic: false };
  return { value: node.text, dynamic: true };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** Decodes the body of `$'…'` as bash does. */
export function decodeAnsiC(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs,
    (whole, esc: string) => {
      const kind = esc[0]!;
      if (kind === 'x' || kind === 'u' || kind === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
      if (/[0-7]/.test(kind)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
      if (kind === 'c') return String.fromCharCode(esc.charCodeAt(1) & 0x1f);
      return SIMPLE_ESCAPES[kind] ?? whole;
    },
  );
}
