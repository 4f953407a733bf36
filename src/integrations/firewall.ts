import type { Request } from '../action/request.js';
import type { AnalysisContext } from '../action/types.js';
import type { Escalator } from '../approval/escalate.js';
import { describeAsk } from '../approval/request.js';
import { decideInSession, loadDecideDeps, parserFor } from '../cli/decide-deps.js';
import { analysisContext } from '../config/context.js';
import { loadAuditSettings } from '../audit/settings.js';
import { auditLogPath, stateDir } from '../config/paths.js';
import { execute, settle, type DecideDeps, type RunDeps, type Verdict } from '../pipeline.js';
import type { Evaluation } from '../policy/evaluate.js';
import { resolveSessionId } from '../session/identity.js';
import { withSession } from '../session/store.js';
import { perform, type Performed } from './perform.js';
import { pipelineRequest, type ToolRequest } from './wire.js';

/** How a firewall is set up; every field has a default taken from the process. */
export interface FirewallOptions {
  /** Where the project config is searched, and the default cwd of calls. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra rule files, loaded after the config. */
  rules?: string[];
  /** Leave out the shipped rule packs. */
  builtin?: boolean;
  /** Default session of calls that name none. */
  session?: string;
  /** Who answers `ask`; default: nobody, so ask becomes deny (fail closed). */
  escalator?: Escalator;
  /** Name of the front end, recorded as provenance (`via`) of derived actions. */
  via?: string;
  /** Kill a performed request after this long (default 120 s). */
  timeoutMs?: number;
  /** Cap on captured output and files read (default 10 MiB). */
  maxBytes?: number;
}

/** Per-call settings: the agent's session and working directory. */
export interface CallOptions {
  session?: string;
  cwd?: string;
}

/** The outcome of `run`: the verdict, and how the request ended if it was allowed. */
export interface RunResult {
  verdict: Verdict;
  outcome?: Performed;
}

/** nomos in-process: decide, settle (decide + record) and run requests against one loaded policy. */
export interface Firewall {
  check(request: ToolRequest, call?: CallOptions): Promise<Evaluation>;
  settle(request: ToolRequest, call?: CallOptions): Promise<Verdict>;
  run(request: ToolRequest, call?: CallOptions): Promise<RunResult>;
}

/** The escalator when none is given: nobody to ask, so ask becomes deny (fail closed). */
const NO_APPROVER: Escalator = {
  ask: async (evaluation) => ({ approved: false, by: 'no-prompt', reason: `approval needed (${describeAsk(evaluation)}) and prompting is off (no approver configured)` }),
};

/** Builds the pipeline request once the call's analysis context is known. */
export type RequestBuilder = (ctx: AnalysisContext) => Request;

/** The firewall on pipeline requests: what hooks (which map agent tools themselves) call. */
export interface Engine {
  check(build: RequestBuilder, call?: CallOptions): Promise<Evaluation>;
  settle(build: RequestBuilder, call?: CallOptions): Promise<Verdict>;
  run(build: RequestBuilder, performed: ToolRequest, call?: CallOptions): Promise<RunResult>;
}

/** Creates a firewall; the policy and parser load once, on first use, and are shared by every call. */
export function createFirewall(options: FirewallOptions = {}): Firewall {
  const engine = createEngine(options);
  const via = options.via ? [options.via] : [];
  const builder = (request: ToolRequest): RequestBuilder => (ctx) => pipelineRequest(request, ctx, via);
  return {
    check: (request, call) => engine.check(builder(request), call),
    settle: (request, call) => engine.settle(builder(request), call),
    run: (request, call) => engine.run(builder(request), request, call),
  };
}

/** Creates the engine behind a firewall: deps loaded once, per-call session and cwd. */
export function createEngine(options: FirewallOptions = {}): Engine {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const root = stateDir(env);
  const quiet = () => undefined;
  let loaded: Promise<DecideDeps> | undefined;
  const deps = (first: Request) => (loaded ??= loadDecideDeps({ rules: options.rules, builtin: options.builtin }, { cwd, env, stdout: quiet, stderr: quiet }, first));
  const prepare = async (build: RequestBuilder, call: CallOptions) => {
    const ctx = analysisContext(call.cwd ?? cwd, env);
    const request = build(ctx);
    // The grammar loads the first time a request needs it (plain commands never do). The
    // first call's deps were loaded for this very request, parser included: no second probe.
    const reuse = loaded === undefined && (call.cwd === undefined || call.cwd === cwd);
    const pending = deps(request);
    const [base, probed] = await Promise.all([pending, reuse ? pending : parserFor(request, ctx)]);
    // The analysis the probe made of this request, in this ctx, if it made one (base's is the first call's).
    const decideDeps: DecideDeps = { ...base, ctx, parser: probed.parser, analyzed: probed.analyzed };
    return { deps: decideDeps, request, session: call.session ?? options.session ?? resolveSessionId(undefined, env) };
  };
  const limitsOf = (d: DecideDeps, session: string) => ({
    cwd: d.ctx.cwd, home: d.ctx.home, env: { ...env, NOMOS_SESSION: session, NOMOS_ACTIVE: '1' },
    timeoutMs: options.timeoutMs ?? 120_000, maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
  });
  const runDeps = (d: DecideDeps, session: string): RunDeps => ({
    ...d, session, auditLog: auditLogPath(env), audit: loadAuditSettings(env),
    sessionStore: (fn) => withSession({ root }, session, fn),
    escalator: options.escalator ?? NO_APPROVER,
    // Runs a command a human edited the request into; captured, as every front end here needs.
    run: (target) => perform(target, limitsOf(d, session)),
  });
  return {
    async check(build, call = {}) {
      const p = await prepare(build, call);
      return decideInSession(p.request, p.deps, root, p.session);
    },
    async settle(build, call = {}) {
      const p = await prepare(build, call);
      return settle(p.request, runDeps(p.deps, p.session));
    },
    async run(build, performed, call = {}) {
      const p = await prepare(build, call);
      // Files that have other names (hard links) before the decision, which asks about them: any other
      // file found with other names when it is opened was swapped in since, and is not written.
      const linked = p.request.kind === 'actions'
        ? p.request.actions.flatMap((a) => (a.kind === 'file' && p.deps.ctx.hardLinked?.(a.path) ? [a.path] : []))
        : [];
      return execute(p.request, runDeps(p.deps, p.session), (decided) => perform(performed, { ...limitsOf(p.deps, p.session), linked }, decided));
    },
  };
}
