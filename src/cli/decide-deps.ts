import { analyzeShell } from '../action/shell/analyze.js';
import { loadShellParser } from '../action/shell/parser.js';
import { analysisContext } from '../config/context.js';
import { loadPolicy } from '../config/load-policy.js';
import { EXAMPLE_WORLD } from '../policy/examples.js';
import type { DecideDeps } from '../pipeline.js';
import type { CliEnv } from './context.js';
import type { PolicyFlags } from './options.js';

/** Loads the policy and the parser (in parallel) for a deciding command. */
export async function loadDecideDeps(flags: PolicyFlags, cli: CliEnv): Promise<DecideDeps> {
  const ctx = analysisContext(cli.cwd, cli.env);
  const parsing = loadShellParser();
  const analyze = async () => {
    const { parse } = await parsing;
    return (command: string) => analyzeShell(command, parse, EXAMPLE_WORLD);
  };
  const [policy, parser] = await Promise.all([
    loadPolicy({ cwd: cli.cwd, home: ctx.home, rules: flags.rules, builtin: flags.builtin, env: cli.env, analyze }),
    parsing,
  ]);
  return { policy, parser, ctx, ...(cli.env.NOMOS_ACTOR ? { actor: cli.env.NOMOS_ACTOR } : {}) };
}
