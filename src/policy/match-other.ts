import { normalizeHostPattern } from '../action/host.js';
import type { Action, FileAction, HttpAction, McpAction } from '../action/types.js';
import { expand, globBase, isUnder, list, matchers, pathsMatcher, patternMatcher, type CompileContext } from './patterns.js';
import type { BaseMatchSpec } from './schema-match.js';
import { MAYBE, NO, YES, type Tri } from './tristate.js';

/** Who and where a request comes from: facts about the call rather than the action. */
export interface MatchEnv {
  /** The agent (or person) asking; `NOMOS_ACTOR`, else `agent`. */
  actor: string;
  /** The session id. */
  session: string;
  /** The working directory of the request. */
  cwd: string;
}

/** A compiled condition on any action. */
export type ActionTest = (action: Action, env: MatchEnv) => Tri;

/** The conditions of a file match. */
export function compileFileMatch(match: NonNullable<BaseMatchSpec['file']>, ctx: CompileContext): ActionTest {
  const ops = list(match.op);
  const globs = matchers(match.path, ctx);
  const place = match.paths ? pathsMatcher(match.paths, ctx) : undefined;
  // A recursive op on a directory reaches every file a glob names below it (`grep -r x ~` reads ~/.ssh/id_rsa).
  const bases = list(match.path)?.map((p) => globBase(expand(p, ctx))).filter((b): b is string => b !== undefined) ?? [];
  return (action) => {
    const f = action as FileAction;
    if (ops && !ops.includes(f.op)) return NO;
    if (!globs && !place) return YES;
    if (f.dynamic) return MAYBE;
    const test = (p: string) => (!globs || globs.some((m) => m(p))) && (!place || place(p));
    const below = f.recursive && !place && bases.some((b) => isUnder(b, f.path) && !(f.skipsHidden && hiddenBelow(f.path, b)));
    return below || test(f.path) || (f.target !== undefined && test(f.target)) ? YES : NO;
  };
}

/** Whether `path`, below `dir`, lies in (or is) a hidden file or directory below it. */
function hiddenBelow(dir: string, path: string): boolean {
  return path.slice(dir.length).split('/').some((segment) => segment.startsWith('.'));
}

/** The conditions of an HTTP match. */
export function compileHttpMatch(match: NonNullable<BaseMatchSpec['http']>): ActionTest {
  const methods = list(match.method)?.map((m) => patternMatcher(m.toUpperCase()));
  // Written as action hosts are spelled (`bücher.example` is xn--bcher-kva.example, `evil.example.` is evil.example).
  const hosts = list(match.host)?.map((written) => {
    if (written.startsWith('re:')) return { withPort: written.includes(':', 3), test: patternMatcher(written.toLowerCase()) };
    const { host, port } = normalizeHostPattern(written);
    return { withPort: port !== undefined, test: patternMatcher(port !== undefined ? `${host}:${port}` : host) };
  });
  const paths = list(match.path)?.map(patternMatcher);
  const schemes = list(match.scheme)?.map((s) => patternMatcher(s.toLowerCase()));
  return (action) => {
    const h = action as HttpAction;
    const ok = (!methods || methods.some((m) => m(h.method.toUpperCase())))
      && (!hosts || hosts.some((m) => m.test(m.withPort ? `${h.host}:${h.port}` : h.host)))
      && (!paths || paths.some((m) => m(h.path)))
      && (!schemes || schemes.some((m) => m(h.scheme)));
    return ok ? YES : NO;
  };
}

/** The conditions of an MCP match: server and tool names, case-sensitive as agents report them. */
export function compileMcpMatch(match: NonNullable<BaseMatchSpec['mcp']>): ActionTest {
  const servers = list(match.server)?.map(patternMatcher);
  const tools = list(match.tool)?.map(patternMatcher);
  return (action) => {
    const m = action as McpAction;
    return (!servers || servers.some((t) => t(m.server))) && (!tools || tools.some((t) => t(m.tool))) ? YES : NO;
  };
}

/** Conditions every action kind shares: `via`, `actor`, `session`, `cwd`. */
export function compileCommonMatch(match: BaseMatchSpec, ctx: CompileContext): ActionTest[] {
  const tests: ActionTest[] = [];
  const via = list(match.via);
  if (via) tests.push((a) => (a.via.some((v) => via.some((w) => v === w || v.startsWith(`${w} `))) ? YES : NO));
  const actors = matchers(match.actor, ctx);
  if (actors) tests.push((_, env) => (actors.some((m) => m(env.actor)) ? YES : NO));
  const sessions = matchers(match.session, ctx);
  if (sessions) tests.push((_, env) => (sessions.some((m) => m(env.session)) ? YES : NO));
  const dirs = list(match.cwd)?.map((d) => ({ dir: expand(d, ctx), glob: patternMatcher(expand(d, ctx)) }));
  if (dirs) {
    tests.push((a, env) => {
      const cwd = (a.kind === 'exec' && a.cwd) || env.cwd;
      return dirs.some((d) => isUnder(cwd, d.dir) || d.glob(cwd)) ? YES : NO;
    });
  }
  return tests;
}
