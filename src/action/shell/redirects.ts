import { resolveFrom } from '../path.js';
import { table } from '../table.js';
import type { FileAction, FileOp } from '../types.js';
import { pathContext, type WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import { evaluateWord, isWordNode } from './words.js';

const OPS = table<string, FileOp>({
  '<': 'read', '>': 'write', '>|': 'write', '&>': 'write', '>&': 'write', '<>': 'write',
  '>>': 'append', '&>>': 'append',
});

/** What redirects add to the command they bind to. */
export interface RedirectEffects {
  /**
   * Words tree-sitter put after a redirect's target, which bash treats as arguments of
   * the command (`rm 2>/dev/null -rf /` runs `rm -rf /`).
   */
  extraArgs: SyntaxNode[];
  /** Here-docs and here-strings: text fed to the command's stdin. */
  inputs: SyntaxNode[];
}

/** Turns redirects into file actions (pushed to the state) and returns their other effects. */
export function applyRedirects(redirects: SyntaxNode[], state: WalkState): RedirectEffects {
  const effects: RedirectEffects = { extraArgs: [], inputs: [] };
  for (const redirect of redirects.flatMap(flattenRedirect)) {
    if (redirect.type === 'heredoc_redirect' || redirect.type === 'herestring_redirect') {
      effects.inputs.push(redirect);
      // `sudo <<E rm`: words after a here-doc's delimiter are the command's arguments.
      effects.extraArgs.push(...redirect.children.filter((c) => c.field === 'argument'));
      continue;
    }
    if (redirect.type !== 'file_redirect') continue;
    const targets = redirect.children.filter((c) => c.field === 'destination');
    // `<&-` and `>&-` close a descriptor and take no target: the grammar still gives them the
    // next word, which bash passes to the command (`xargs 2>&- rm` runs rm).
    const closes = redirect.children.some((c) => c.type === '<&-' || c.type === '>&-');
    effects.extraArgs.push(...(closes ? targets : targets.slice(1)));
    const file = closes ? undefined : fileAction(redirect, targets[0], state);
    if (file) state.out.actions.push(file);
  }
  return effects;
}

/** A here-doc's own trailing redirects (`cat <<EOF > out`) are nested inside it. */
function flattenRedirect(node: SyntaxNode): SyntaxNode[] {
  if (node.type !== 'heredoc_redirect') return [node];
  return [node, ...node.children.filter((c) => c.type === 'file_redirect')];
}

function fileAction(redirect: SyntaxNode, target: SyntaxNode | undefined, state: WalkState): FileAction | undefined {
  // `< <(ls)`, `> >(tee log)`: a pipe from or to commands that are analysed on their own.
  if (!target || !isWordNode(target) || target.type === 'process_substitution') return undefined;
  const operator = redirect.children.find((c) => !c.named)?.type ?? '>';
  const word = evaluateWord(target, state.ctx);
  // `>&2`, `2>&1`, `<&-`: duplicating or closing a descriptor touches no file.
  const duplicates = operator === '>&' || operator === '<&' || (!redirect.children.some((c) => !c.named) && /^\d+$/.test(target.text));
  if (duplicates && (/^\d+-?$/.test(word.value) || word.value === '-')) return undefined;
  if (operator === '<&' || operator === '>&-') return undefined;
  const op = OPS[operator] ?? 'write';
  const { path, unknown, written } = resolveFrom(word.value, pathContext(state));
  return { kind: 'file', op, path, ...(written !== undefined ? { written } : {}), via: state.via, ...(word.dynamic || unknown ? { dynamic: true } : {}) };
}
