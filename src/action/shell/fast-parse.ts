import { MAY_APPEND } from './appends.js';
import { syntaxNode, type SyntaxNode } from './syntax.js';

/**
 * Unquoted characters the fast path accepts: no expansions, braces, brackets, comments or
 * escapes. `*` and `?` are in: the grammar keeps them in the word (`src/*.ts` is one word);
 * a pattern with `[…]` or an extglob's `(…)`, or in a command's name (`a?b` is not a word
 * there to the grammar), is left to it.
 */
const PLAIN = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+,=~^-*?') PLAIN[ch.charCodeAt(0)] = 1;

/** Command words that are keywords or declarations in bash's grammar: the full parser decides. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', 'coproc', 'declare', 'typeset', 'export', 'readonly', 'local', 'unset', 'unsetenv', 'let']);

type Token = { op: string; start: number; end: number } | { word: SyntaxNode } | { redirect: SyntaxNode };
type Parsed = { node: SyntaxNode; next: number } | undefined;

/**
 * A parser-free fast path for plain commands (words, '…' and "…" without expansions,
 * `&&`, `||`, `|`, `;`, and redirects to a file or a descriptor at a command's end): builds
 * exactly the tree tree-sitter-bash would (a differential test holds it to that), so most
 * agent commands need no grammar at all. Anything else: undefined.
 */
export function parseFast(source: string): SyntaxNode | undefined {
  // `x+=a rm`: the grammar misreads it, and the parse repairs that (appends.ts).
  if (MAY_APPEND.test(source)) return undefined;
  const tokens = tokenize(source);
  if (!tokens || tokens.length === 0) return undefined;
  const children: SyntaxNode[] = [];
  let i = 0;
  while (i < tokens.length) {
    const statement = parseStatement(tokens, i, source);
    if (!statement) return undefined;
    children.push(statement.node);
    i = statement.next;
    const semi = tokens[i];
    if (!semi) break;
    if (!('op' in semi) || semi.op !== ';') return undefined;
    children.push(leaf(';', false, semi.start, semi.end, source));
    i++;
  }
  // tree-sitter's program node runs to the end of the input, trailing blanks included.
  return node('program', children[0]!.start, source.length, source, children);
}

/**
 * One statement (up to `;`). The grammar binds a command's trailing redirects to everything
 * before them in the statement (`a && b >o || c` is `redirected(a && b >o) || c`; bash binds
 * them to b, which the walk knows), and what follows takes that as its left operand.
 */
function parseStatement(tokens: Token[], at: number, source: string): Parsed {
  let left: SyntaxNode | undefined;
  let i = at;
  for (;;) {
    const expression = parseAndOr(tokens, i, source, left);
    if (!expression) return undefined;
    i = expression.next;
    const redirects: SyntaxNode[] = [];
    for (let t = tokens[i]; t && 'redirect' in t; t = tokens[++i]) redirects.push(t.redirect);
    if (redirects.length === 0) return expression;
    const body = expression.node;
    // After `a | b | c` the grammar's nesting of a redirect and what follows differs again (repairPipelines does not undo it).
    if (longPipeline(body)) return undefined;
    body.field = 'body';
    for (const r of redirects) r.field = 'redirect';
    left = node('redirected_statement', body.start, redirects[redirects.length - 1]!.end, source, [body, ...redirects]);
    const next = tokens[i];
    if (!next || ('op' in next && next.op === ';')) return { node: left, next: i };
    if (!('op' in next)) return undefined; // a word after a redirect: the grammar makes it the redirect's
  }
}

/** A pipeline of three or more commands among the lists and pipelines of `node`. */
function longPipeline(node: SyntaxNode): boolean {
  if (node.type === 'pipeline' && node.children.length > 3) return true;
  return (node.type === 'pipeline' || node.type === 'list' || node.type === 'redirected_statement') && node.children.some(longPipeline);
}

function parseAndOr(tokens: Token[], at: number, source: string, first?: SyntaxNode): Parsed {
  let left = parsePipeline(tokens, at, source, first);
  while (left) {
    const op = tokens[left.next];
    if (!op || !('op' in op) || (op.op !== '&&' && op.op !== '||')) return left;
    const right = parsePipeline(tokens, left.next + 1, source);
    if (!right) return undefined;
    const children = [left.node, leaf(op.op, false, op.start, op.end, source), right.node];
    left = { node: node('list', left.node.start, right.node.end, source, children), next: right.next };
  }
  return undefined;
}

/** Commands joined by `|`; `first`, when given, is the left operand already parsed (a redirected statement). */
function parsePipeline(tokens: Token[], at: number, source: string, first?: SyntaxNode): Parsed {
  const parts: SyntaxNode[] = [];
  let i = at;
  if (first) parts.push(first);
  else {
    const command = parseCommand(tokens, i, source);
    if (!command) return undefined;
    parts.push(command.node);
    i = command.next;
  }
  for (;;) {
    const op = tokens[i];
    if (!op || !('op' in op) || op.op !== '|') break;
    parts.push(leaf('|', false, op.start, op.end, source));
    const command = parseCommand(tokens, i + 1, source);
    if (!command) return undefined;
    parts.push(command.node);
    i = command.next;
  }
  if (parts.length === 1) return { node: parts[0]!, next: i };
  return { node: node('pipeline', parts[0]!.start, parts[parts.length - 1]!.end, source, parts), next: i };
}

function parseCommand(tokens: Token[], at: number, source: string): Parsed {
  const words: SyntaxNode[] = [];
  let i = at;
  for (; i < tokens.length && 'word' in tokens[i]!; i++) words.push((tokens[i] as { word: SyntaxNode }).word);
  const [first, ...rest] = words;
  if (!first || first.type === 'number' || RESERVED.has(first.text) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.text) || /^["']?[[{!-]/.test(first.text) || /[*?]/.test(first.text)) return undefined;
  const name = node('command_name', first.start, first.end, source, [first]);
  name.field = 'name';
  for (const w of rest) w.field = 'argument'; // each word token is its own node, used once
  const last = words[words.length - 1]!;
  return { node: node('command', first.start, last.end, source, [name, ...rest]), next: i };
}

/** Splits into words (with their quote structure) and operators; undefined on anything else. */
function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t') i++;
    else if (source.startsWith('&&', i) || source.startsWith('||', i)) {
      tokens.push({ op: source.slice(i, i + 2), start: i, end: i + 2 });
      i += 2;
    } else if ((ch === '|' && source[i + 1] !== '&') || ch === ';') {
      if (ch === ';' && source[i + 1] === ';') return undefined;
      tokens.push({ op: ch, start: i, end: i + 1 });
      i++;
    } else {
      const redirect = readRedirect(source, i);
      if (redirect === undefined) return undefined;
      if (redirect) {
        tokens.push({ redirect });
        i = redirect.end;
        continue;
      }
      const word = readWord(source, i);
      if (!word) return undefined;
      tokens.push({ word });
      i = word.end;
    }
  }
  return tokens;
}

/** A redirect's operators the fast path builds: `N>`, `N>>`, `N<`, `N>&M`, `&>`, `&>>` (others: the grammar). */
const REDIRECT = /^(\d*)(>>|>&|>|<)|^()(&>>|&>)/;

/**
 * A redirect starting at `start` (`2>&1`, `> out`, `2>/dev/null`, `< in`): its node, null
 * when there is none there (a word), undefined when there is one the fast path leaves alone.
 */
function readRedirect(source: string, start: number): SyntaxNode | null | undefined {
  const m = REDIRECT.exec(source.slice(start, start + 24));
  if (!m) return null;
  const fd = m[1] ?? m[3] ?? '';
  const op = m[2] ?? m[4]!;
  const opStart = start + fd.length;
  let at = opStart + op.length;
  // `<<`, `<>`, `>|`, `>>>`, `<(…)`, `>&-`, `&>&`: not built here; nor `0<` (the grammar makes the 0 an argument).
  if (/[<>|&(]/.test(source[at] ?? '') || fd.startsWith('0')) return undefined;
  while (source[at] === ' ' || source[at] === '\t') at++;
  let destination: SyntaxNode | undefined;
  if (op === '>&') {
    let end = at;
    while (end < source.length && source.charCodeAt(end) >= 48 && source.charCodeAt(end) <= 57) end++;
    if (end === at || (end < source.length && !/[ \t;|&]/.test(source[end]!))) return undefined;
    destination = leaf('number', true, at, end, source);
  } else destination = readWord(source, at);
  if (!destination) return undefined;
  destination.field = 'destination';
  const children: SyntaxNode[] = [];
  if (fd) {
    const descriptor = leaf('file_descriptor', true, start, opStart, source);
    descriptor.field = 'descriptor';
    children.push(descriptor);
  }
  children.push(leaf(op, false, opStart, opStart + op.length, source), destination);
  return node('file_redirect', start, destination.end, source, children);
}

function readWord(source: string, start: number): SyntaxNode | undefined {
  const pieces: SyntaxNode[] = [];
  let i = start;
  while (i < source.length) {
    const ch = source[i]!;
    let end = i;
    if (ch === "'") end = source.indexOf("'", i + 1) + 1;
    else if (ch === '"') end = source.indexOf('"', i + 1) + 1;
    else while (end < source.length && PLAIN[source.charCodeAt(end)] === 1) end++;
    if (end === i) break;
    if (end === 0) return undefined;
    const piece = makePiece(source, i, end);
    if (!piece) return undefined;
    pieces.push(piece);
    i = end;
  }
  if (pieces.length === 0) return undefined;
  if (i < source.length && !/[ \t;|&]/.test(source[i]!)) return undefined;
  if (pieces.length === 1) return pieces[0];
  if (pieces.some((p) => p.type === 'number')) return undefined;
  return node('concatenation', start, i, source, pieces);
}

function makePiece(source: string, start: number, end: number): SyntaxNode | undefined {
  const text = source.slice(start, end);
  if (text.startsWith("'")) return text.includes('\n') ? undefined : leaf('raw_string', true, start, end, source);
  if (text.startsWith('"')) {
    if (/[$`\\\n]/.test(text)) return undefined;
    const quote = (at: number) => leaf('"', false, at, at + 1, source);
    const inner = end - start > 2 ? [leaf('string_content', true, start + 1, end - 1, source)] : [];
    return node('string', start, end, source, [quote(start), ...inner, quote(end - 1)]);
  }
  if (/^-?\d/.test(text)) return /^-?\d+$/.test(text) ? leaf('number', true, start, end, source) : undefined;
  return leaf('word', true, start, end, source);
}

function node(type: string, start: number, end: number, source: string, children: SyntaxNode[]): SyntaxNode {
  return syntaxNode(type, true, undefined, start, end, source.slice(start, end), children);
}

function leaf(type: string, named: boolean, start: number, end: number, source: string): SyntaxNode {
  return syntaxNode(type, named, undefined, start, end, source.slice(start, end), []);
}
