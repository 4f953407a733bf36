// Variables analysis resolves from the environment (HOME, USER, PWD, TMPDIR …: AnalysisContext.env)
// hold another value once the command sets them: `TMPDIR=~/.ssh; cat $TMPDIR/id_rsa` read the key
// while nomos decided /tmp/id_rsa, and `cd ~/.ssh; cat $PWD/id_rsa` likewise. So where a command
// may set one (an assignment, export, declare, read, getopts, for, unset, a name reference, cd for
// PWD, or its name written bare anywhere in the text), it is analysed again with that variable
// unknown; HOME unknown makes `~` unknown too.
import type { AnalysisContext } from '../types.js';
import { forgetLoop } from './loops.js';
import type { Scope, WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import { evaluateWord } from './words.js';

/** `declare X=1`, `export "X=1"`, `local X`, `unset X`: the names they set (`*` where a name is not known). */
export function noteNamesSet(node: SyntaxNode, state: WalkState): void {
  for (const child of node.children) {
    if (!child.named || child.type === 'comment' || child.type === 'variable_assignment' || child.type === 'command_name') continue;
    const word = child.type === 'variable_name' ? { value: child.text, dynamic: false } : evaluateWord(child, state.ctx);
    const name = word.dynamic ? '*' : !word.value.startsWith('-') && !word.value.startsWith('+') ? /^[^=[]*/.exec(word.value)![0] : undefined;
    if (name === undefined) continue;
    state.scope.assigned.add(name);
    forgetLoop(state.scope, name);
    // Its value here is not the one an earlier assignment gave it (`declare $'\x66'=/etc`).
    if (name !== '*' && !state.scope.dynamicVars.includes(name)) state.scope.dynamicVars = [...state.scope.dynamicVars, name];
  }
}

/** The context to analyse again with, where the command may set variables `ctx.env` resolves; undefined where it sets none. */
export function shadowedContext(source: string, scope: Scope, ctx: AnalysisContext): AnalysisContext | undefined {
  const names = Object.keys(ctx.env).filter((name) => scope.assigned.has('*') || scope.assigned.has(name) || writtenBare(source, name));
  if (names.length === 0) return undefined;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.env)) if (!names.includes(name)) env[name] = value;
  return { ...ctx, env, ...(names.includes('HOME') ? { homeUnknown: true } : {}) };
}

/** The name as a word of its own somewhere in the text, not as `$NAME` or `${NAME…}`: a setter nomos does not follow may set it. */
function writtenBare(source: string, name: string): boolean {
  if (!source.includes(name)) return false;
  for (const m of source.matchAll(new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`, 'g'))) {
    const before = source.slice(Math.max(0, m.index - 3), m.index);
    if (!/(\$|\$\{|\$\{[!#])$/.test(before)) return true;
    // `${NAME:=v}`, `${NAME=v}` assign it where it is empty or unset.
    if (before.endsWith('${') && /^:?=/.test(source.slice(m.index + name.length))) return true;
  }
  return false;
}
