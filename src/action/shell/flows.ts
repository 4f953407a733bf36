import { parseArgs } from '../flags.js';
import { OPTION_SPECS } from '../programs/specs.js';
import type { ExecAction } from '../types.js';
import { IDENTIFIER, noteCarries, UNKNOWN, variable } from './carries.js';
import { forgetLoop, readIntoLoop } from './loops.js';
import { addOpaque, type Scope, type WalkState } from './state.js';
import { quotedHeredoc, type SyntaxNode } from './syntax.js';
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
    if (quotedHeredoc(input)) continue;
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
export function noteSetters(action: ExecAction, from: readonly string[], scope: Scope): void {
  const targets = setTargetWords(action).map((t) => t.value);
  const carried = action.program === 'printf' ? action.expands : from;
  for (const target of targets) {
    const name = variable(target);
    // A name built at run time (`read "$n"`, `printf -v "$n"`) may be any variable (nameRisk asks too).
    if (!IDENTIFIER.test(name)) {
      if (/[$`]/.test(target)) {
        scope.assigned.add('*');
        forgetLoop(scope, '*');
      }
      continue;
    }
    setVariable(scope, name, '', true);
    if (action.program === 'read') readIntoLoop(scope, name);
    if (carried && carried.length > 0) noteCarries(scope, target, [...carried]);
  }
}

/** Sets a variable for what runs after; a value not known here marks it dynamic (only ever added: see carries.ts). */
function setVariable(scope: Scope, name: string, value: string, dynamic: boolean): void {
  scope.vars[name] = value;
  scope.assigned.add(name);
  forgetLoop(scope, name);
  if (dynamic && !scope.dynamicVars.includes(name)) scope.dynamicVars = [...scope.dynamicVars, name];
}

/** The variables a setter builtin assigns, with the argv index each came from (none for a default: `read` sets REPLY, `mapfile` MAPFILE). */
function setTargetWords(action: ExecAction): { value: string; index?: number }[] {
  const { program, argv } = action;
  // bash 5.1's `wait -p NAME` sets NAME too (and evaluates its subscript).
  if (program === 'wait') return parseArgs(argv.slice(1), { shortValues: 'p' }).options.filter((o) => o.name === '-p').map((o) => ({ value: o.value ?? '', ...(o.valueIndex !== undefined ? { index: o.valueIndex + 1 } : {}) }));
  // `getopts OPTSTRING NAME [ARGS]` sets NAME to each option letter it reads.
  if (program === 'getopts') return argv[2] !== undefined ? [{ value: argv[2], index: 2 }] : [];
  if (program !== 'read' && program !== 'mapfile' && program !== 'readarray' && program !== 'printf') return [];
  const parsed = parseArgs(argv.slice(1), OPTION_SPECS[program]);
  const named = (option: string) => parsed.options.filter((o) => o.name === option).map((o) => ({ value: o.value ?? '', ...(o.valueIndex !== undefined ? { index: o.valueIndex + 1 } : {}) }));
  if (program === 'printf') return named('-v');
  const positionals = parsed.positionals.map((p) => ({ value: p.value, index: p.index + 1 }));
  if (program !== 'read') return [positionals.at(-1) ?? { value: 'MAPFILE' }];
  const names = [...positionals, ...named('-a')];
  return names.length > 0 ? names : [{ value: 'REPLY' }];
}

/**
 * Why a builtin that takes variable names runs code nomos cannot see, if it does: a command
 * substitution in a name's subscript (`printf -v 'a[$(rm -rf ~)]'`, `test -v`, `unset`), or a
 * setter's name built at run time (`printf -v "$n" …`: it may set any variable, LD_PRELOAD included).
 */
export function nameRisk(action: ExecAction): string | undefined {
  const { program, argv, dynamic } = action;
  const targets = setTargetWords(action);
  const names = program === 'test' || program === '[' ? argv.filter((_, i) => argv[i - 1] === '-v') : program === 'unset' ? argv.slice(1) : targets.map((t) => t.value);
  if (names.some((name) => subscriptRunsCode(name))) return `a subscript of a variable name ${program} sets or tests runs command text`;
  if (dynamic && targets.some((t) => t.index !== undefined && dynamic.includes(t.index))) return `${program} sets a variable whose name is not known statically`;
  return undefined;
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
  for (const target of targets) setVariable(scope, target, word.value, word.dynamic);
}

/**
 * `set -x`, `set -euxo pipefail`, `set -o xtrace`: tracing on from here (a later `set +x` may not run: it stays on).
 * `set -P`, `set -o physical`: every later `cd` resolves symlinks (stays on, as tracing).
 */
export function noteTrace(action: ExecAction, scope: Scope): void {
  if (action.program !== 'set') return;
  const args = action.argv.slice(1);
  if (args.some((w, i) => /^-[A-Za-z]*x/.test(w) || (w === '-o' && args[i + 1] === 'xtrace'))) scope.xtrace = true;
  if (args.some((w, i) => /^-[A-Za-z]*P/.test(w) || (w === '-o' && args[i + 1] === 'physical'))) scope.physical = true;
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
