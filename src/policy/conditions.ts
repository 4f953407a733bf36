import type * as Cel from '@marcbachmann/cel-js';
import type { Action } from '../action/types.js';
import type { SessionFilter, SessionView } from './session-view.js';

/** What a `when:` condition or a `record:` expression sees. */
export interface ConditionVars {
  action: Action;
  actor: string;
  now: Date;
  /** Only allow-listed variables: conditions must not depend on (or leak) the whole environment. */
  env: Record<string, string>;
  session: SessionView;
}

/** A CEL problem with its offset inside the expression (for `file:line:col`). */
export interface ConditionProblem {
  message: string;
  offset: number;
}

/** Checks and compiles CEL expressions; built from the cel-js module, which is loaded only for policies that use CEL. */
export interface ConditionEngine {
  /** Parses and type-checks; undefined when the expression is a valid bool (or any type, for `record`). */
  check(expression: string, want?: 'bool'): ConditionProblem | undefined;
  /** Compiles an expression into a function of the variables. */
  compile(expression: string): (vars: ConditionVars) => unknown;
}

/** Wraps the session view so CEL sees it as the `Session` type with methods. */
class SessionRef {
  constructor(readonly view: SessionView) {}
}

const toFilter = (m: unknown): SessionFilter => Object.fromEntries(m instanceof Map ? m : Object.entries(m ?? {}));

/** Builds the CEL environment: variables, the Session type and its functions. */
export function createConditionEngine(cel: typeof Cel): ConditionEngine {
  const fn = (name: string, returnType: string, params: { name: string; type: string }[], handler: (...a: never[]) => unknown) => ({ name, receiverType: 'Session', returnType, params, handler });
  const env = new cel.Environment({ unlistedVariablesAreDyn: false })
    .registerType('Session', { ctor: SessionRef })
    .registerVariable('action', 'map')
    .registerVariable('actor', 'string')
    .registerVariable('now', 'google.protobuf.Timestamp')
    .registerVariable('env', 'map<string, string>')
    .registerVariable('session', 'Session')
    .registerFunction(fn('count', 'int', [], (s: SessionRef) => BigInt(s.view.count())))
    .registerFunction(fn('count', 'int', [{ name: 'filter', type: 'map' }], (s: SessionRef, f: unknown) => BigInt(s.view.count(toFilter(f)))))
    .registerFunction(fn('sum', 'double', [{ name: 'key', type: 'string' }], (s: SessionRef, k: string) => s.view.sum(k)))
    .registerFunction(fn('sum', 'double', [{ name: 'key', type: 'string' }, { name: 'filter', type: 'map' }], (s: SessionRef, k: string, f: unknown) => s.view.sum(k, toFilter(f))))
    .registerFunction(fn('seen', 'bool', [{ name: 'filter', type: 'map' }], (s: SessionRef, f: unknown) => s.view.seen(toFilter(f))))
    .registerFunction(fn('last', 'dyn', [{ name: 'filter', type: 'map' }], (s: SessionRef, f: unknown) => toCel(s.view.last(toFilter(f)) ?? null)))
    .registerFunction(fn('since', 'Session', [{ name: 'window', type: 'google.protobuf.Duration' }], (s: SessionRef, d: { seconds: bigint }) => new SessionRef(s.view.since(Number(d.seconds) * 1000))));
  return {
    check(expression, want) {
      const result = env.check(expression);
      if (!result.valid) return { message: (result.error as { summary?: string }).summary ?? result.error!.message, offset: (result.error as { range?: { start: number } }).range?.start ?? 0 };
      if (want === 'bool' && result.type !== 'bool' && result.type !== 'dyn') return { message: `a condition must be a bool, this is ${result.type}`, offset: 0 };
      return undefined;
    },
    compile(expression) {
      const run = env.parse(expression);
      return (vars) => fromCel(run({ action: toCel(vars.action), actor: vars.actor, now: vars.now, env: vars.env, session: new SessionRef(vars.session) }));
    },
  };
}

/** JSON numbers that are integers become CEL ints (BigInt), so `action.port == 443` type-checks as written. */
function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  return value;
}

/** CEL ints back to JSON numbers, for recorded values. */
function fromCel(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}
