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
  /** Numeric ids, when the back end has them: reading names through a cache avoids a string per node. */
  nodeTypeId?: number;
  currentFieldId?: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

/**
 * The one way a SyntaxNode is made: every node has the same properties in the same order
 * (`field` too, when undefined), so the analysis reads one object shape, never many.
 */
export function syntaxNode(type: string, named: boolean, field: string | undefined, start: number, end: number, text: string, children: SyntaxNode[], missing = false): SyntaxNode {
  return { type, named, field, missing, start, end, text, children };
}

/** Copies the tree under the cursor into plain objects (iteratively: deep input cannot overflow the stack). */
export function copyTree(cursor: TreeCursorLike, source: string, names: NameCache = newNameCache()): SyntaxNode {
  const make = (): SyntaxNode => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    return syntaxNode(typeName(cursor, names), cursor.nodeIsNamed, fieldName(cursor, names), start, end, source.slice(start, end), [], cursor.nodeIsMissing);
  };
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

/**
 * Mends a grammar bug: tree-sitter-bash parses `a | b | c && d` as a pipeline whose last
 * element is the list `b | c && d`, but bash runs `(a | b | c) && d`. Walking the grammar's
 * tree, a `cd` after the `&&` would stay inside a pipeline's subshell and paths after it
 * would resolve in the wrong directory. A bare list is never a pipeline's element in bash,
 * so each such pipeline is rebuilt as the list it is, with the pipeline as its left operand.
 */
export function repairPipelines(root: SyntaxNode, source: string): SyntaxNode {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kids = node.children;
    for (let i = 0; i < kids.length; i++) {
      let kid = kids[i]!;
      if (kid.type === 'pipeline' && kid.children[kid.children.length - 1]?.type === 'list') kids[i] = kid = hoistList(kid, source);
      stack.push(kid);
    }
  }
  return root;
}

/** `pipeline(a | list(list(pipeline(b | c) && d) || e))` → `list(list(pipeline(a | b | c) && d) || e)`. */
function hoistList(pipe: SyntaxNode, source: string): SyntaxNode {
  const before = pipe.children.slice(0, -1);
  const rebuild = (list: SyntaxNode): SyntaxNode => {
    const [left, ...rest] = list.children;
    const merged = left!.type === 'list'
      ? rebuild(left!)
      : syntaxNode('pipeline', true, left!.field, pipe.start, left!.end, source.slice(pipe.start, left!.end), [...before, ...(left!.type === 'pipeline' ? left!.children : [left!])]);
    return syntaxNode('list', true, list.field, pipe.start, list.end, source.slice(pipe.start, list.end), [merged, ...rest]);
  };
  const list = rebuild(pipe.children[pipe.children.length - 1]!);
  list.field = pipe.field;
  return list;
}

/** Node type and field names by id, filled as they are first seen (one per parser). */
export interface NameCache {
  types: string[];
  fields: (string | undefined)[];
}

/** An empty name cache. */
export function newNameCache(): NameCache {
  return { types: [], fields: [] };
}

function typeName(cursor: TreeCursorLike, names: NameCache): string {
  const id = cursor.nodeTypeId;
  if (id === undefined) return cursor.nodeType;
  // Error and missing nodes share ids with real ones in some runtimes: never cache those.
  return (names.types[id] ??= cursor.nodeType);
}

function fieldName(cursor: TreeCursorLike, names: NameCache): string | undefined {
  const id = cursor.currentFieldId;
  if (id === undefined) return cursor.currentFieldName ?? undefined;
  if (id === 0) return undefined;
  if (!(id in names.fields)) names.fields[id] = cursor.currentFieldName ?? undefined;
  return names.fields[id];
}

/** Named children only. */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.named);
}

/** `<<'EOF'`, `<<"EOF"`, `<<\EOF`: the body is not expanded. */
export function quotedHeredoc(redirect: SyntaxNode): boolean {
  const start = redirect.children.find((c) => c.type === 'heredoc_start');
  return !!start && /['"\\]/.test(start.text);
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
