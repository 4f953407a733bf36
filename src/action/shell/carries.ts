import { record } from '../table.js';
import type { Scope } from './state.js';

/**
 * `t=$GITHUB_TOKEN; echo $t` prints the token: a variable assigned from others carries
 * their names, and a word expanding it names them too (an exec action's `expands`, which
 * rules match). Names are only ever added: a later `t=x` may sit in a branch that did not run.
 */
export function noteCarries(scope: Scope, target: string, from: string[] | undefined): void {
  if (from && from.length > 0) addCarry(scope, variable(target), withCarried(scope, from));
}

/** `a[0]`: the array `a` (`${a[@]}`, `${a[0]}` name `a`). */
export const variable = (target: string) => target.replace(/\[[^]*$/, '');

/** A shell variable's name. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Adds names to a carry (never removes: see noteCarries). */
function addCarry(scope: Scope, key: string, names: string[]): void {
  scope.carries ??= record();
  scope.carries[key] = [...new Set([...(scope.carries[key] ?? []), ...names])];
}

/**
 * The names, and every name they carry (kept closed when noted, so one step is enough). An
 * indirect `!n` (`${!n}`) is the variable n's value names, when that value is known here.
 */
export function withCarried(scope: Scope, names: string[]): string[] {
  const { carries, references } = scope;
  if (!carries && !names.some((n) => n.startsWith('!'))) return names;
  // A name reference (`declare -n r=t`) is `${!r}` whenever it expands: t's value then, carries included.
  const named = (n: string) => [n, ...(carries?.[n] ?? []), ...(references?.includes(n) ? indirect(scope, n) : [])];
  return [...new Set(names.flatMap((n) => (n.startsWith('!') ? indirect(scope, n.slice(1)) : named(n))))];
}

/**
 * `${!n}`: every variable n was set to name (noted by noteNamed), and what they carry now; a
 * name reference among them is followed in turn. `?` (UNKNOWN) when n may name a variable
 * nomos cannot tell: set at run time, or never set here (from the environment, `$1`).
 */
function indirect(scope: Scope, name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const targets = scope.carries?.[`!${name}`];
  if (!targets) return [UNKNOWN];
  return targets.flatMap((target) => [target, ...(scope.carries?.[target] ?? []), ...(scope.references?.includes(target) ? indirect(scope, target, seen) : [])]);
}

/** The name `${!n}` or a name reference stands for when nomos cannot tell which variable it is. */
export const UNKNOWN = '?';

/**
 * `n=GITHUB_TOKEN` (or `for n in GITHUB_TOKEN …`): n may name that variable for `${!n}` (an
 * element, `n='a[0]'`, names the array). Kept as the carry `!n`, only ever added to, as other
 * carries: a later `n=HOME` may not have run. A value built at run time (`n=$(…)`, `n+=EN`)
 * may name any variable: UNKNOWN.
 */
export function noteNamed(scope: Scope, name: string, value: { value: string; dynamic: boolean }): void {
  const target = variable(value.value);
  addCarry(scope, `!${variable(name)}`, [!value.dynamic && IDENTIFIER.test(target) ? target : UNKNOWN]);
}
