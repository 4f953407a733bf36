import { syntaxNode, type SyntaxNode } from './syntax.js';

// tree-sitter-bash reads an appending assignment as a command's first word (`x+=a rm -rf ~`,
// `PATH+=:. make`) as the program name, with the command as its argument: bash assigns and
// runs the next word. Each such command is rebuilt as bash reads it: a variable_assignment
// with `+=`, and its first argument as the name (with no argument, the assignment alone).
// An assignment anywhere else (`y=1 x+=a rm`, `x+=$v rm`) the grammar already reads right.

/** `NAME+=` at the start of an unquoted word: bash's appending assignment. */
const APPEND = /^([A-Za-z_][A-Za-z0-9_]*)\+=/;

/** Whether a parse may hold a misread append (the fast path declines such sources). */
export const MAY_APPEND = /(^|[^A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*\+=/;

/** Rebuilds, in place, every command whose name is an appending assignment. */
export function repairAppends(root: SyntaxNode, source: string): SyntaxNode {
  if (!source.includes('+=')) return root;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kids = node.children;
    for (let i = 0; i < kids.length; i++) {
      if (kids[i]!.type === 'command') kids[i] = rebuild(kids[i]!, source);
      stack.push(kids[i]!);
    }
  }
  return root;
}

function rebuild(command: SyntaxNode, source: string): SyntaxNode {
  const at = command.children.findIndex((c) => c.field === 'name');
  const name = command.children[at];
  const word = name?.children[0];
  if (!name || !word || command.children.slice(0, at).some((c) => c.type === 'variable_assignment')) return command;
  const head = word.type === 'concatenation' ? word.children[0] : word;
  const match = head?.type === 'word' ? APPEND.exec(head.text) : null;
  if (!head || !match) return command;
  const assignment = appendAssignment(word, head, match[1]!, source);
  const rest = command.children.slice(at + 1);
  const first = rest.findIndex((c) => c.field === 'argument');
  if (first < 0) {
    if (at === 0 && rest.length === 0) return { ...assignment, field: command.field };
    // Redirects only (`x+=a >o`): a command with no name.
    return { ...command, children: [...command.children.slice(0, at), assignment, ...rest] };
  }
  const argument = rest[first]!;
  const newName = syntaxNode('command_name', true, 'name', argument.start, argument.end, argument.text, [{ ...argument, field: undefined }]);
  return { ...command, children: [...command.children.slice(0, at), assignment, ...rest.slice(0, first), newName, ...rest.slice(first + 1)] };
}

/** `x+=a` (a word, or a concatenation starting with one) as a variable_assignment node. */
function appendAssignment(word: SyntaxNode, head: SyntaxNode, variable: string, source: string): SyntaxNode {
  const opStart = head.start + variable.length;
  const valueStart = opStart + 2;
  const tail = head.end > valueStart ? [syntaxNode('word', true, undefined, valueStart, head.end, source.slice(valueStart, head.end), [])] : [];
  const parts = [...tail, ...(word === head ? [] : word.children.slice(1))];
  const value = parts.length === 0 ? [] : parts.length === 1 ? [{ ...parts[0]!, field: 'value' }]
    : [syntaxNode('concatenation', true, 'value', parts[0]!.start, word.end, source.slice(parts[0]!.start, word.end), parts.map((p) => ({ ...p, field: undefined })))];
  return syntaxNode('variable_assignment', true, undefined, word.start, word.end, source.slice(word.start, word.end), [
    syntaxNode('variable_name', true, 'name', head.start, opStart, variable, []),
    syntaxNode('+=', false, undefined, opStart, valueStart, '+=', []),
    ...value,
  ]);
}
