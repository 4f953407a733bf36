import { analyzeSimpleCommand } from './command.js';
import { applyRedirects } from './redirects.js';
import { addOpaque, type WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';

/**
 * Visits every node of a shell tree. Every `command` node at any depth (lists, pipelines,
 * bodies, substitutions, function definitions) becomes an action; anything the grammar
 * could not parse becomes opaque. Visiting everything, rather than only the places we
 * expect commands, is what keeps new syntax from hiding a program.
 */
export function walkNode(node: SyntaxNode, state: WalkState): void {
  if (node.type === 'ERROR' || node.missing) {
    addOpaque(state, node.missing ? `incomplete command: missing ${node.type}` : 'syntax error', node);
  }
  switch (node.type) {
    case 'command':
      return walkCommand(node, state, []);
    case 'redirected_statement':
      return walkRedirected(node, state);
    default:
      for (const child of node.children) walkNode(child, state);
  }
}

/** A simple command with its own redirects and any bound to it from outside. */
function walkCommand(node: SyntaxNode, state: WalkState, outer: SyntaxNode[]): void {
  const own = node.children.filter((c) => c.field === 'redirect');
  const { extraArgs, inputs } = applyRedirects([...own, ...outer], state);
  analyzeSimpleCommand(node, state, extraArgs, inputs);
  // Words can hold substitutions that run commands of their own.
  for (const child of node.children) walkNode(child, state);
  for (const redirect of outer) walkNode(redirect, state);
}

/**
 * `body redirect…`. tree-sitter attaches a redirect after a list or pipeline to the whole
 * statement, but bash binds it to the last simple command (`a && b > out` writes only b's
 * output), so it is handed to that command.
 */
function walkRedirected(node: SyntaxNode, state: WalkState): void {
  const body = node.children.find((c) => c.field === 'body');
  const redirects = node.children.filter((c) => c.field === 'redirect');
  const last = body && lastSimpleCommand(body);
  if (body && last) return walkAround(body, last, state, () => walkCommand(last, state, redirects));
  const { extraArgs } = applyRedirects(redirects, state);
  if (body) walkNode(body, state);
  for (const child of [...redirects, ...extraArgs]) walkNode(child, state);
  if (extraArgs.length > 0) addOpaque(state, 'words after a redirect of a compound command', node);
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
function walkAround(root: SyntaxNode, target: SyntaxNode, state: WalkState, visit: () => void): void {
  if (root === target) return visit();
  if (target.start < root.start || target.end > root.end) return walkNode(root, state);
  if (root.type === 'ERROR' || root.missing) addOpaque(state, 'syntax error', root);
  for (const child of root.children) walkAround(child, target, state, visit);
}
