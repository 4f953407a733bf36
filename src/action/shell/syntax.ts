/**
 * A plain copy of a tree-sitter syntax tree. Both parser back ends (native and wasm)
 * are converted to this one shape, so the analysis cannot differ between them.
 */
export interface SyntaxNode {
  type: string;
  /** Named node (`command`) or anonymous token (`&&`, `>`). */
  named: boolean;
  /** Field name in the parent (`name`, `argument`, `redirect` …). */
  field?: string;
  /** Inserted by error recovery: the source does not contain it. */
  missing: boolean;
  /** [start, end) in UTF-16 code units of the source string. */
  start: number;
  end: number;
  text: string;
  children: SyntaxNode[];
}

/** The cursor API both tree-sitter back ends share. */
export interface TreeCursorLike {
  nodeType: string;
  nodeIsNamed: boolean;
  nodeIsMissing: boolean;
  startIndex: number;
  endIndex: number;
  currentFieldName: string | null;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

/** Copies the tree under the cursor into plain objects (iteratively: deep input cannot overflow the stack). */
export function copyTree(cursor: TreeCursorLike, source: string): SyntaxNode {
  const make = (): SyntaxNode => ({
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    field: cursor.currentFieldName ?? undefined,
    missing: cursor.nodeIsMissing,
    start: cursor.startIndex,
    end: cursor.endIndex,
    text: source.slice(cursor.startIndex, cursor.endIndex),
    children: [],
  });
  const root = make();
  const stack: SyntaxNode[] = [root];
  for (;;) {
    if (cursor.gotoFirstChild()) {
      const node = make();
      stack[stack.length - 1]!.children.push(node);
      stack.push(node);
      continue;
    }
    for (;;) {
      if (stack.length === 1) return root;
      if (cursor.gotoNextSibling()) {
        stack.pop();
        const node = make();
        stack[stack.length - 1]!.children.push(node);
        stack.push(node);
        break;
      }
      cursor.gotoParent();
      stack.pop();
    }
  }
}

/** Named children only. */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.named);
}

/** Children with the given field name. */
export function fieldChildren(node: SyntaxNode, field: string): SyntaxNode[] {
  return node.children.filter((c) => c.field === field);
}

/** Renders a tree as an s-expression (named nodes only), for tests and debugging. */
export function toSexp(node: SyntaxNode): string {
  const kids = namedChildren(node).map(toSexp);
  const head = node.missing ? `MISSING ${node.type}` : node.type;
  return kids.length ? `(${head} ${kids.join(' ')})` : `(${head})`;
}
