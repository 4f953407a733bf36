import { parseArgs } from '../flags.js';
import { OPTION_SPECS } from '../programs/specs.js';
import type { ExecAction } from '../types.js';
import { noteCarries, UNKNOWN } from './carries.js';
import { addOpaque, type Scope, type WalkState } from './state.js';
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
      // The grammar leaves some lines' expansions as text (a line that starts with blanks): read the text too.
      for (const m of body.text.matchAll(BODY_VARIABLE)) if (m[1]) names.push(m[1]);
    }
  }
  return names;
}

/** `$NAME`, `${NAME…}` and `${!NAME…}` in a here-doc body, not escaped. */
const BODY_VARIABLE = /(?<!\\)\$\{?!?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The variables `read`, `mapfile`/`readarray` and `printf -v` set in this shell: their values
 * are not known here (a program that reads one, `printf -v LD_PRELOAD …; ls`, sees it as set
 * earlier in the script), and they carry what the command read or printed: the names its
 * stdin (`from`) or its words expand.
 */
export function noteSetters(action: ExecAction, from: string[], scope: Scope): void {
  const targets = setTargets(action);
  const carried = action.program === 'printf' ? action.expands : from;
  for (const target of targets) {
    const name = target.replace(/\[[^]*$/, '');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    scope.vars[name] = '';
    if (!scope.dynamicVars.includes(name)) scope.dynamicVars = [...scope.dynamicVars, name];
    if (carried && carried.length > 0) noteCarries(scope, target, carried);
  }
}

/** The variables a setter builtin assigns (`read` with no name sets REPLY, `mapfile` MAPFILE). */
function setTargets(action: ExecAction): string[] {
  return setTargetWords(action).map((t) => t.value);
}

/** setTargets with the argv index each name came from (undefined for a default name). */
function setTargetWords(action: ExecAction): { value: string; index?: number }[] {
  const { program, argv } = action;
  if (program !== 'read' && program !== 'mapfile' && program !== 'readarray' && program !== 'printf') return [];
  const parsed = parseArgs(argv.slice(1), OPTION_SPECS[program]);
  const named = (option: string) => parsed.options.filter((o) => o.name === option).map((o) => ({ value: o.value ?? '', ...(o.valueIndex !== undefined ? { index: o.valueIndex + 1 } : {}) }));
  if (program === 'printf') return named('-v');
  const positionals = parsed.positionals.map((p) => ({ value: p.value, index: p.index + 1 }));
  if (program !== 'read') return [positionals.at(-1) ?? { value: 'MAPFILE' }];
  const names = [...positionals, ...named('-a')];
  return names.length > 0 ? names : [{ value: 'REPLY' }];
}

/** A setter whose variable's name is built at run time (`printf -v "$n" …`): it may set any variable, LD_PRELOAD included. */
export function setsUnknownVariable(action: ExecAction): boolean {
  const dynamic = action.dynamic;
  return dynamic !== undefined && setTargetWords(action).some((t) => t.index !== undefined && dynamic.includes(t.index));
}

/** The words a builtin takes as variable names: setters' targets, `test -v`'s operand, `unset`'s names. */
export function nameArguments(action: ExecAction): string[] {
  const { program, argv } = action;
  if (program === 'test' || program === '[') return argv.flatMap((w, i) => (argv[i - 1] === '-v' ? [w] : []));
  if (program === 'unset') return argv.slice(1);
  return setTargets(action);
}

/** A subscript that runs command text when bash evaluates it (`a[$(rm -rf ~)]`): in a name, or after `-v` in a `[[ ]]`. */
export function subscriptRunsCode(text: string, afterTest = false): boolean {
  return (afterTest ? /-v\s+\S*\[[^]*(\$\(|`)/ : /\[[^]*(\$\(|`)/).test(text);
}

/**
 * `r=value` for a name reference r. Its first assignment (`declare -n r=LD_PRELOAD`) names its
 * variable (noteNamed keeps that as the carry `!r`; one built at run time is UNKNOWN);
 * a later one sets that variable (`r=/tmp/x.so` sets LD_PRELOAD); through an unknown one it
 * could set any variable, and nomos cannot say what runs after.
 */
export function noteReferenceAssignment(state: WalkState, name: string, word: { value: string; dynamic: boolean }, node: SyntaxNode): void {
  const scope = state.scope;
  const targets = scope.carries?.[`!${name}`];
  if (!targets) return; // its first assignment: recordVariable notes the name (noteNamed)
  if (targets.includes(UNKNOWN)) return addOpaque(state, `an assignment through the name reference ${name}, whose variable is not known here`, node);
  for (const target of targets) {
    scope.vars[target] = word.value;
    if (word.dynamic && !scope.dynamicVars.includes(target)) scope.dynamicVars = [...scope.dynamicVars, target];
  }
}


/** `set -x`, `set -euxo pipefail`, `set -o xtrace`: tracing on from here (a later `set +x` may not run: it stays on). */
export function noteTrace(action: ExecAction, scope: Scope): void {
  if (action.program !== 'set') return;
  const args = action.argv.slice(1);
  if (args.some((w, i) => /^-[A-Za-z]*x/.test(w) || (w === '-o' && args[i + 1] === 'xtrace'))) scope.xtrace = true;
}

/**
 * With tracing on, bash prints a command with its words expanded before it runs it: what the
 * command expands is printed too, as `echo` would (the action, program `set`, that rules see).
 */
export function traceAction(action: ExecAction, scope: Scope): ExecAction | undefined {
  if (!scope.xtrace || !action.expands || action.program === 'set') return undefined;
  return { kind: 'exec', program: 'set', argv: ['set', '-x'], flags: ['-x'], args: [], env: {}, via: action.via, expands: action.expands };
}

/** `mapfile -C callback` runs the callback through eval with each line read: input becomes code. */
export function mapfileCallback(action: ExecAction): boolean {
  return (action.program === 'mapfile' || action.program === 'readarray') && parseArgs(action.argv.slice(1), OPTION_SPECS[action.program]).options.some((o) => o.name === '-C');
}

/**
 * `declare -n r=GITHUB_TOKEN` (also typeset, local): `$r` is GITHUB_TOKEN's value. r becomes a
 * name reference here: its first assignment names what it stands for, as for `${!r}` (noteNamed,
 * noteReferenceAssignment), and withCarried follows that whenever `$r` expands.
 */
export function recordReferences(node: SyntaxNode, state: WalkState): void {
  if (!node.children.some((c) => c.type === 'word' && /^-[A-Za-z]*n[A-Za-z]*$/.test(c.text))) return;
  const names = node.children.flatMap((c) => (c.type === 'variable_name' ? [c.text] : c.type === 'variable_assignment' && c.children[0] ? [c.children[0].text] : []));
  state.scope.references = [...new Set([...(state.scope.references ?? []), ...names])];
}
