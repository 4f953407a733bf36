import { parseArgs } from '../flags.js';
import { OPTION_SPECS } from '../programs/specs.js';
import type { ExecAction } from '../types.js';
import { noteCarries } from './carries.js';
import type { Scope, WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import { evaluateWord } from './words.js';

// Where a variable's value flows besides `x=$y` (carries.ts): into a command's stdin
// (`cat <<< "$GITHUB_TOKEN"` prints it), out of stdin into variables (`read x <<< "$T"`),
// into `printf -v x`, and through a name reference (`declare -n r=GITHUB_TOKEN; echo $r`).

/** The variables a command's here-strings and unquoted here-docs expand: its stdin holds their values. */
export function inputVars(inputs: SyntaxNode[], state: WalkState): string[] {
  const names: string[] = [];
  for (const input of inputs) {
    if (input.type === 'herestring_redirect') {
      const word = input.children.find((c) => c.named);
      if (word) names.push(...(evaluateWord(word, state.ctx).vars ?? []));
      continue;
    }
    // A quoted delimiter (`<<'EOF'`) keeps the body literal.
    const start = input.children.find((c) => c.type === 'heredoc_start');
    if (start && /['"\\]/.test(start.text)) continue;
    for (const body of input.children.filter((c) => c.type === 'heredoc_body')) {
      for (const part of body.children) if (part.type === 'simple_expansion' || part.type === 'expansion') names.push(...(evaluateWord(part, state.ctx).vars ?? []));
    }
  }
  return names;
}

/**
 * The variables `read`, `mapfile`/`readarray` and `printf -v` set in this shell, which then
 * carry what the command read or printed: the names its stdin (`from`) or its words expand.
 */
export function noteSetters(action: ExecAction, from: string[], scope: Scope): void {
  const { program, argv } = action;
  if (program !== 'read' && program !== 'mapfile' && program !== 'readarray' && program !== 'printf') return;
  const parsed = parseArgs(argv.slice(1), OPTION_SPECS[program]);
  if (program === 'printf') {
    const target = parsed.options.findLast((o) => o.name === '-v')?.value;
    if (target !== undefined) noteCarries(scope, target, action.expands);
    return;
  }
  if (from.length === 0) return;
  const targets = program === 'read'
    ? [...parsed.positionals.map((p) => p.value), ...parsed.options.filter((o) => o.name === '-a').map((o) => o.value ?? '')]
    : [parsed.positionals.at(-1)?.value ?? 'MAPFILE'];
  for (const target of targets) if (target) noteCarries(scope, target, from);
}

/** `mapfile -C callback` runs the callback through eval with each line read: input becomes code. */
export function mapfileCallback(action: ExecAction): boolean {
  return (action.program === 'mapfile' || action.program === 'readarray') && parseArgs(action.argv.slice(1), OPTION_SPECS[action.program]).options.some((o) => o.name === '-C');
}

/**
 * `declare -n r=GITHUB_TOKEN` (also typeset, local): `$r` is GITHUB_TOKEN's value. r becomes a
 * name reference here: its assignments name what it stands for, as for `${!r}` (noteNamed), and
 * withCarried follows that whenever `$r` expands.
 */
export function recordReferences(node: SyntaxNode, state: WalkState): void {
  if (!node.children.some((c) => c.type === 'word' && /^-[A-Za-z]*n[A-Za-z]*$/.test(c.text))) return;
  const names = node.children.flatMap((c) => (c.type === 'variable_name' ? [c.text] : c.type === 'variable_assignment' && c.children[0] ? [c.children[0].text] : []));
  state.scope.references = [...new Set([...(state.scope.references ?? []), ...names])];
}
