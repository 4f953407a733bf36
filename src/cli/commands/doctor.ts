import chalk, { Chalk } from 'chalk';
import { ExitCode } from '../../errors.js';
import { visible } from '../../visible.js';
import type { CliEnv } from '../context.js';
import type { CheckResult, DoctorContext } from '../setup/check.js';
import { checkAgentHook, checkConfig } from '../setup/check-config.js';
import { checkAuditLog, checkStateDir } from '../setup/check-files.js';
import { checkCodeCache, checkDaemon, checkNode, checkParser } from '../setup/check-runtime.js';

export interface DoctorOptions {
  json?: boolean;
}

/** Runs every check, in the order a user would fix things. */
export async function runChecks(ctx: DoctorContext): Promise<CheckResult[]> {
  const [parser, cache, daemon, audit, config] = await Promise.all([checkParser(ctx), checkCodeCache(ctx), checkDaemon(ctx), checkAuditLog(ctx), checkConfig(ctx)]);
  return [checkNode(), parser, cache, daemon, checkStateDir(ctx.env), audit, ...config, checkAgentHook(ctx)];
}

/** `nomos doctor`: checks the installation and prints what to fix; exit 1 when something is broken. */
export async function runDoctor(options: DoctorOptions, ctx: DoctorContext, cli: CliEnv): Promise<number> {
  const results = await runChecks(ctx);
  const failed = results.filter((r) => r.status === 'fail').length;
  if (options.json) cli.stdout(`${JSON.stringify(results, null, 2)}\n`);
  else cli.stdout(formatResults(results, colours(cli.env)));
  return failed ? ExitCode.findings : ExitCode.ok;
}

function colours(env: NodeJS.ProcessEnv): InstanceType<typeof Chalk> {
  return new Chalk({ level: env.NO_COLOR ? 0 : chalk.level });
}

/** One line per check (details may add lines), then what to fix. */
export function formatResults(results: CheckResult[], c: InstanceType<typeof Chalk>): string {
  const mark = { ok: c.green('✓'), warn: c.yellow('!'), fail: c.red('✗') };
  const width = Math.max(...results.map((r) => r.name.length));
  const lines = results.flatMap((r) => {
    // Details quote paths and settings files an agent can write: escaped, their line breaks kept.
    const [first, ...rest] = visible(r.detail, { keepNewlines: true }).split('\n');
    const pad = ' '.repeat(width + 4);
    return [
      `${mark[r.status]} ${r.name.padEnd(width)}  ${first}`,
      ...rest.map((line) => `${pad}${line}`),
      ...(r.fix && r.status !== 'ok' ? [`${pad}${c.bold('fix:')} ${visible(r.fix)}`] : []),
    ];
  });
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  const summary = failed
    ? c.red(`${failed} problem${failed === 1 ? '' : 's'} to fix${warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''}.`)
    : warned ? c.yellow(`No problems; ${warned} warning${warned === 1 ? '' : 's'}.`) : c.green('Everything looks right.');
  return `${lines.join('\n')}\n\n${summary}\n`;
}
