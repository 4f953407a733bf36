import { analyzeShell } from '../action/shell/analyze.js';
import { analyzeRequest, type Request } from '../action/request.js';
import { fastPathCovers, lazyShellParser, loadedShellParser, loadShellParser, type ShellParser } from '../action/shell/parser.js';
import type { Analysis, AnalysisContext } from '../action/types.js';
import { analysisContext } from '../config/context.js';
import { loadPolicy } from '../config/load-policy.js';
import { EXAMPLE_WORLD } from '../policy/examples.js';
import { decide, type DecideDeps } from '../pipeline.js';
import type { Evaluation } from '../policy/evaluate.js';
import { listSessionView } from '../policy/session-view.js';
import { sessionDir, withSession } from '../session/store.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliEnv } from './context.js';
import type { PolicyFlags } from './options.js';

/**
 * Loads the policy and, when `request` needs it, the parser (in parallel) for a deciding
 * command. Plain commands the fast path parses load no grammar at all (6–9 ms saved).
 */
export async function loadDecideDeps(flags: PolicyFlags, cli: CliEnv, request?: Request): Promise<DecideDeps> {
  const ctx = analysisContext(cli.cwd, cli.env);
  const analyze = async () => {
    const { parse } = await loadShellParser();
    return (command: string) => analyzeShell(command, parse, EXAMPLE_WORLD);
  };
  const [policy, { parser, analyzed }] = await Promise.all([
    loadPolicy({ cwd: cli.cwd, home: ctx.home, rules: flags.rules, builtin: flags.builtin, env: cli.env, analyze }),
    parserFor(request, ctx),
  ]);
  return { policy, parser, ctx, ...(analyzed ? { analyzed } : {}), ...(cli.env.NOMOS_ACTOR ? { actor: cli.env.NOMOS_ACTOR } : {}) };
}

/**
 * The grammar-free parser when the fast path covers `request`, with the request's analysis
 * (made to find out, and kept: the decision uses it), else the full parser (loaded once).
 */
export async function parserFor(request: Request | undefined, ctx: AnalysisContext): Promise<{ parser: ShellParser; analyzed?: DecideDeps['analyzed'] }> {
  // Once loaded (a server's every later call), the full parser costs nothing more to use: no probe.
  const ready = loadedShellParser();
  if (ready) return { parser: await ready };
  // A forced wasm back end cannot load synchronously later: load it now.
  if (request && process.env.NOMOS_PARSER !== 'wasm') {
    let analysis: Analysis | undefined;
    if (fastPathCovers((parse) => (analysis = analyzeRequest(request, parse, ctx)))) return { parser: lazyShellParser(), analyzed: { request, analysis: analysis! } };
  }
  return { parser: await loadShellParser() };
}

/**
 * decide, for a caller that records nothing: rules with conditions (the only readers of
 * a session's history) see it, opened under its lock if the session exists; otherwise
 * only the session's id matters, and the session is left alone (no lock, no hashing).
 */
export function decideInSession(request: Request, deps: DecideDeps, root: string, session: string): Evaluation {
  const history = deps.policy.rules.some((r) => r.when) && existsSync(join(sessionDir(root, session), 'meta.json'));
  return history ? withSession({ root }, session, (s) => decide(request, deps, s.view)) : decide(request, deps, listSessionView(session, []));
}
