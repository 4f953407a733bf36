import { arithmeticParts, checkArithmetic, keepSureIntegers, noteAssignment, recordAssociative, recordLoopVariable } from './arithmetic.js';
import { noteCarries, noteNamed } from './carries.js';
import { inputVars, noteReferenceAssignment, recordReferences, subscriptRunsCode } from './flows.js';
import { analyzeSimpleCommand, analyzeWords } from './command.js';
import { applyRedirects } from './redirects.js';
import type { PipeStage } from './piped.js';
import { changesDirectory } from './directory.js';
import { MISREAD_NAMES } from './keywords.js';
import { splitsExpansion, SPLIT_REASON } from './continuations.js';
import { checkHeredocBody, checkHeredocEnd } from './heredoc-end.js';
import { forgetLoop, noteReadLoop } from './loops.js';
import { noteNamesSet } from './shadow.js';
import { addOpaque, copyScope, LIMITS, type WalkState } from './state.js';
import { record } from '../table.js';
import { evaluateWord, isWordNode } from './words.js';
import { quotedHeredoc, type SyntaxNode } from './syntax.js';

/** Nodes that run in a subshell: a `cd` inside changes nothing outside. */
const SUBSHELLS = new Set(['subshell', 'command_substitution', 'process_substitution']);

/** Nodes whose parts may or may not run: a `cd` inside leaves the cwd unknown afterwards. */
const LOOPS = new Set(['while_statement', 'for_statement', 'c_style_for_statement']);
const CONDITIONAL = new Set(['if_statement', 'elif_clause', 'else_clause', 'case_statement', 'while_statement', 'for_statement', 'c_style_for_statement', 'function_definition']);

/**
 * Visits every node of a shell tree. Every `command` node at any depth (lists, pipelines,
 * bodies, substitutions, function definitions) becomes an action; anything the grammar
 * could not parse becomes opaque. Visiting everything, rather than only the places we
 * expect commands, is what keeps new syntax from hiding a program.
 */
export function walkNode(node: SyntaxNode, state: WalkState, level = 0): void {
  if (node.type === 'ERROR' || node.missing) {
    addOpaque(state, node.missing ? `incomplete command: missing ${node.type}` : 'syntax error', node);
  }
  if (level > LIMITS.maxNodeDepth) return addOpaque(state, 'syntax nested deeper than nomos follows', node);
  if (node.type === 'for_statement' || node.type === 'c_style_for_statement') recordLoopVariable(node, state);
  if (node.type === 'expansion' && /@P\}$/.test(node.text)) addOpaque(state, 'prompt expansion (${x@P}) runs the command substitutions in a value', node);
  if (node.type === 'test_command' && subscriptRunsCode(node.text, true)) addOpaque(state, 'a subscript of the variable name [[ -v ]] tests runs command text', node);
  // `unset 'a[$(cmd)]'` and `declare 'a[$(cmd)]=1'`: bash evaluates the subscript of the name, running cmd
  // (tree-sitter gives unset its own node, not a command's). A name built at run time may hold such a subscript.
  if (node.type === 'unset_command' || node.type === 'declaration_command') {
    const names = node.children.filter((c) => c.named && c.type !== 'comment' && c.type !== 'command_name');
    if (names.some((c) => subscriptRunsCode(c.text))) addOpaque(state, `a subscript of a variable name ${node.children[0]?.text ?? 'it'} takes runs command text`, node);
    else if (node.type === 'unset_command' && names.some((c) => /[$`]/.test(c.text) && !/^-/.test(c.text))) addOpaque(state, 'unset of a name nomos cannot know (its subscript may run command text)', node);
  }
  if (node.type === 'unset_command' || node.type === 'declaration_command') noteNamesSet(node, state);
  if (node.type === 'declaration_command') {
    recordAssociative(node, state);
    recordReferences(node, state);
    if (printsVariables(node)) analyzeWords(node.children.filter((c) => c.type !== 'comment').map((c) => (c.named ? evaluateWord(c, state.ctx) : { value: c.text, dynamic: false })), record(), state, node);
  }
  for (const part of arithmeticParts(node, state)) checkArithmetic(part, state);
  // Redirects no command holds: `$(< ~/.ssh/id_rsa)` reads the file and `$(> f)` empties it;
  // a function's own (`f() { …; } > f`) apply each time it runs.
  if (node.type === 'command_substitution' || node.type === 'function_definition') looseRedirects(node, state);
  if (node.type === 'function_definition') noteFunction(node, state);
  if (SUBSHELLS.has(node.type)) return walkChildren(node, { ...state, scope: copyScope(state.scope) }, level);
  if (node.type === 'pipeline') return walkPipeline(node, state, level);
  if (node.children.length === 0) return checkLeaf(node, state);
  if (CONDITIONAL.has(node.type)) {
    // A loop whose body changes directory starts its second round where the first left off
    // (`for i in 1 2; do cd sub; cat key; done` reads sub/key, then sub/sub/key): from there on, not known.
    if (LOOPS.has(node.type) && changesDirectory(node.text)) state.scope.cwd = undefined;
    // A function runs where it is called, which is not known where the script changes directory
    // (`f() { cat id_rsa; }; cd ~/.ssh; f` read the key): its body is walked with the cwd unknown.
    const called = node.type === 'function_definition' && changesDirectory(state.source ?? '');
    const before = state.scope.cwd;
    if (called) state.scope.cwd = undefined;
    const anyBefore = state.scope.assigned.has('*');
    walkConditional(node, state, () => walkChildren(node, state, level));
    // A loop whose body changed directory all the same (a cd the text does not show), or set a variable whose name
    // is not known (`read "$n"`): its next round starts from there (`F=a; for …; do cat "$F"; read "$n"; done`), walked again.
    if (LOOPS.has(node.type) && ((before !== undefined && state.scope.cwd !== before) || (!anyBefore && state.scope.assigned.has('*')))) {
      state.scope.cwd = undefined;
      walkConditional(node, state, () => walkChildren(node, state, level));
    }
    if (called) state.scope.cwd = changesDirectory(node.text) ? undefined : before;
    // After the loop the variable holds its last word, or what it held before where the loop ran none (nullglob): not known.
    if (node.type === 'for_statement') forgetLoop(state.scope, node.children.find((c) => c.field === 'variable')?.text ?? '*');
    return;
  }
  switch (node.type) {
    case 'command':
      return walkCommand(node, state, [], level);
    case 'redirected_statement':
      return walkRedirected(node, state, level);
    case 'list':
      return walkList(node, state, level);
    case 'variable_assignment':
      recordVariable(node, state);
      return walkChildren(node, state, level);
    case 'program':
      if (splitsExpansion(node.text)) addOpaque(state, SPLIT_REASON, node);
      return walkChildren(node, state, level);
    case 'heredoc_redirect':
      checkHeredocEnd(node, state);
      checkHeredocBody(node, state);
      // A quoted delimiter (`<<'EOF'`) keeps the body literal: nothing in it runs.
      return walkChildren({ ...node, children: node.children.filter((c) => c.type !== 'heredoc_body' || !quotedHeredoc(node)) }, state, level);
    case 'raw_string':
    case 'ansi_c_string':
    case 'comment':
      return;
    default:
      return walkChildren(node, state, level);
  }
}

/**
 * Safety net: tree-sitter-bash leaves some substitutions as plain text (backticks inside
 * `${x:-…}` or a here-doc body). Text that bash would still run is opaque, never ignored.
 */
function checkLeaf(node: SyntaxNode, state: WalkState): void {
  if (LEAF_TEXT.has(node.type) && /`|\$\(/.test(node.text)) addOpaque(state, 'a command substitution nomos cannot parse here', node);
  // Lexer bug: after a quote, tree-sitter-bash can lex `<newline>\rm` as one word, where bash
  // ends the command at the newline and runs rm. An unescaped newline in a bare word is refused.
  else if (node.type === 'word' && /(^|[^\\])\n/.test(node.text)) addOpaque(state, 'a line break inside a word (the grammar and bash disagree)', node);
}

const LEAF_TEXT = new Set(['word', 'heredoc_body', 'heredoc_content', 'string_content', 'regex', 'extglob_pattern', 'special_character']);



/**
 * `X=v` and `export X=v` are remembered (a prefix `X=v cmd` too, which errs towards seeing
 * more): `export GIT_PAGER='rm -rf /'; git log` runs rm through git's pager.
 */
function recordVariable(node: SyntaxNode, state: WalkState): void {
  const name = node.children[0]?.text;
  const value = node.children.find((c) => c.field === 'value');
  if (!name) return;
  const word = value ? evaluateWord(value, state.ctx) : { value: '', dynamic: false };
  const text = word.value;
  state.scope.vars[name] = text;
  state.scope.assigned.add(name);
  forgetLoop(state.scope, name);
  // `F=x cmd` sets F for cmd only: not an assignment of the shell's.
  if (!state.prefix && !state.scope.sure?.includes(name)) state.scope.sure = [...(state.scope.sure ?? []), name];
  if (state.scope.references?.includes(name)) noteReferenceAssignment(state, name, word, node);
  // `a=($GITHUB_TOKEN x)`: an array carries what its elements expand.
  const elements = value?.type === 'array' ? value.children.filter(isWordNode).flatMap((c) => evaluateWord(c, state.ctx).vars ?? []) : [];
  noteCarries(state.scope, name, [...(word.vars ?? []), ...elements]);
  // `n+=EN` appends: the name n now holds is not the text assigned.
  noteNamed(state.scope, name, node.children[1]?.type === '+=' ? { value: text, dynamic: true } : word);
  state.scope.dynamicVars = state.scope.dynamicVars.filter((n) => n !== name).concat(word.dynamic ? [name] : []);
  noteAssignment(state, name, word.dynamic ? undefined : text);
  // `x='a[$(rm -rf /)]'; echo $((x))`: arithmetic on a variable runs the command text inside it.
  if (!word.dynamic && /\$\(|`/.test(text)) addOpaque(state, 'a variable holds command text that arithmetic, eval or a pager could run', node);
}

/** `find() { …; }`: a later `find` runs the function (what it prints is not find's paths, see piped.ts). */
function noteFunction(node: SyntaxNode, state: WalkState): void {
  const name = node.children.find((c) => c.field === 'name');
  if (name) state.scope.functions.add(name.text);
}

function walkChildren(node: SyntaxNode, state: WalkState, level: number): void {
  for (const child of node.children) walkNode(child, state, level + 1);
}

/** `a && b || c`: everything after the first command may not run, so a `cd` or a variable set there is uncertain. */
function walkList(node: SyntaxNode, state: WalkState, level: number): void {
  node.children.forEach((child, i) => {
    if (i === 0) walkNode(child, state, level + 1);
    else walkConditional(child, state, () => walkNode(child, state, level + 1));
  });
}

/**
 * Parts that may or may not run: a `cd` there leaves the cwd unknown, a variable set
 * there may still hold its old value (`x=$(cat f); if c; then x=1; fi`), and an array
 * declared associative there may still be indexed.
 */
function walkConditional(node: SyntaxNode, state: WalkState, walk: () => void): void {
  const before = state.scope.cwd;
  const { assoc, integers, sure } = state.scope;
  const values = sure?.map((n) => state.scope.vars[n]);
  walk();
  if (state.scope.cwd !== before) state.scope.cwd = undefined;
  // Surely assigned only where it was before and still holds that value: a part that may not run assigns nothing surely.
  state.scope.sure = sure?.filter((n, i) => state.scope.vars[n] === values![i]);
  keepSureIntegers(state, integers);
  // An array declared associative there may not be: its subscripts stay arithmetic.
  state.scope.assoc = assoc;
}

/**
 * `export`, `declare -p NAME`, `typeset -x`, `readonly` with nothing to assign: bash prints
 * variables (every exported one, tokens included). Such a declaration is a command rules
 * see (`secrets.print-variables`); one that assigns or only marks names (`export PATH`) is not.
 */
function printsVariables(node: SyntaxNode): boolean {
  if (node.children.some((c) => c.type === 'variable_assignment')) return false;
  const named = node.children.some((c) => c.type === 'variable_name' || (c.type === 'word' && !c.text.startsWith('-')));
  return !named || node.children.some((c) => c.type === 'word' && /^-[A-Za-z]*p/.test(c.text));
}

/** A simple command with its own redirects and any bound to it from outside. */
function walkCommand(node: SyntaxNode, state: WalkState, outer: SyntaxNode[], level: number): void {
  const name = node.children.find((c) => c.field === 'name');
  // The grammar took one of bash's keywords for a program (keywords.ts): bash parses something else here.
  if (name && MISREAD_NAMES.has(name.text)) addOpaque(state, `bash reads ${name.text} here as a keyword, not a program: nomos's grammar parses it differently`, node);
  const own = node.children.filter((c) => c.field === 'redirect');
  const { extraArgs, inputs } = applyRedirects([...own, ...outer], state);
  analyzeSimpleCommand(node, state, extraArgs, { inputs });
  // Words can hold substitutions that run commands of their own; its assignments are prefixes.
  walkChildren(node, { ...state, prefix: true }, level);
  for (const redirect of outer) walkNode(redirect, state, level + 1);
}

/** Each stage in a subshell of its own; a stage's command sees what a `find` before it printed (`find … | xargs cmd`, piped.ts). */
function walkPipeline(node: SyntaxNode, state: WalkState, level: number): void {
  let before: PipeStage | undefined;
  let operator = '';
  for (const child of node.children) {
    if (!child.named) {
      operator = child.text;
      walkNode(child, state, level + 1);
      continue;
    }
    const stdin = operator === '|' ? before?.printed : undefined;
    const stage: PipeStage | undefined = child.type === 'command' ? { node: child, via: state.via.length, ...(stdin ? { stdin } : {}) } : undefined;
    const scope = copyScope(state.scope);
    // The last stage's redirect (`done < list`) gives the loop another input than the pipe.
    const redirected = state.redirectedPipeline && child === node.children.filter((c) => c.named).at(-1);
    if (stdin && child.type === 'while_statement' && !redirected) noteReadLoop(child, stdin, scope, state.source ?? '');
    walkNode(child, { ...state, scope, pipe: stage, redirectedPipeline: undefined }, level + 1);
    before = stage;
    operator = '';
  }
}

/**
 * `body redirect…`. tree-sitter attaches a redirect after a list or pipeline to the whole
 * statement, but bash binds it to the last simple command (`a && b > out` writes only b's
 * output), so it is handed to that command.
 */
function walkRedirected(node: SyntaxNode, state: WalkState, level: number): void {
  const body = node.children.find((c) => c.field === 'body');
  // tree-sitter-bash gives a here-string after a compound command no field: it is a redirect all the same.
  const redirects = node.children.filter((c) => c !== body && (c.field === 'redirect' || c.type === 'herestring_redirect'));
  // Anything else here (an ERROR node from a bad redirect) is still walked, so it is not lost.
  for (const other of node.children.filter((c) => c !== body && !redirects.includes(c))) walkNode(other, state, level + 1);
  const last = body && lastSimpleCommand(body);
  if (body && last) return walkAround(body, last, state, () => walkCommand(last, state, redirects, level + 1), level);
  const { extraArgs, inputs } = applyRedirects(redirects, state);
  // `{ cat; } <<< "$GITHUB_TOKEN"`, `while read -r l; do …; done <<EOF`: what it reads, the commands inside read.
  const fed = inputVars(inputs, state);
  const inner = { ...state, ...(body?.type === 'pipeline' && redirects.length > 0 ? { redirectedPipeline: true } : {}) };
  if (body) walkNode(body, fed.length > 0 ? { ...inner, stdin: [...(state.stdin ?? []), ...fed] } : inner, level + 1);
  for (const child of [...redirects, ...extraArgs]) walkNode(child, state, level + 1);
  if (extraArgs.length > 0) addOpaque(state, 'words after a redirect of a compound command', node);
}

/** Applies the redirects that are a node's own children, with no command holding them. */
function looseRedirects(node: SyntaxNode, state: WalkState): void {
  const redirects = node.children.filter((c) => c.type === 'file_redirect' || c.type === 'herestring_redirect' || c.type === 'heredoc_redirect');
  if (redirects.length > 0) applyRedirects(redirects, state);
}

/** The simple command a trailing redirect binds to, when the body is a command, list or pipeline. */
function lastSimpleCommand(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'command') return node;
  if (node.type === 'list' || node.type === 'pipeline') {
    const named = node.children.filter((c) => c.named && c.type !== 'comment');
    const last = named[named.length - 1];
    return last && lastSimpleCommand(last);
  }
  return undefined;
}

/** Walks `root` as usual, except that `target` is handed to `visit`. */
function walkAround(root: SyntaxNode, target: SyntaxNode, state: WalkState, visit: () => void, level: number): void {
  if (root === target) return visit();
  if (target.start < root.start || target.end > root.end) return walkNode(root, state, level + 1);
  if (root.type === 'ERROR' || root.missing) addOpaque(state, 'syntax error', root);
  for (const child of root.children) walkAround(child, target, state, visit, level + 1);
}
