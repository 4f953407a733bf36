import { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeDirs } from '../../make-dirs.js';
import { ConfigError, ExitCode, UsageError } from '../../errors.js';
import { insideNomosCommand } from '../../approval/marker.js';
import { realPathOr, userConfigDir } from '../../config/paths.js';
import { findProjectConfig } from '../../config/search.js';
import { trustLayer } from '../../config/trust.js';
import { hasCommand } from '../completion/model.js';
import type { CliEnv } from '../context.js';
import { AGENT_SETUPS, mergeSettings, type Agent } from '../setup/agents.js';
import { CONFIG_FILE, PROFILES, RULES_FILE, configText, starterRulesText, type Profile } from '../setup/templates.js';

export interface InitOptions {
  profile: Profile;
  agent: Agent;
  /** Merge the agent's snippet into its settings file instead of printing it. */
  write?: boolean;
  /** Overwrite an existing config and starter rule file. */
  force?: boolean;
}

export interface InitDeps {
  cli: CliEnv;
  /** The running program, to tell whether the agent's nomos command exists in this version. */
  program: Command;
}

/** `nomos init`: writes a commented project config and starter rules, then sets up (or shows) the agent's hook. */
export async function runInit(options: InitOptions, deps: InitDeps): Promise<number> {
  const { cli } = deps;
  const files: [string, string][] = [[CONFIG_FILE, configText(options.profile)], [RULES_FILE, starterRulesText()]];
  const existing = files.map(([name]) => name).filter((name) => existsSync(join(cli.cwd, name)));
  if (existing.length && !options.force) {
    throw new UsageError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''} in ${cli.cwd}: nothing written; use --force to overwrite`);
  }
  for (const [name, text] of files) writeFileSync(join(cli.cwd, name), text);
  cli.stdout(`Wrote ${CONFIG_FILE} (profile ${options.profile}: ${PROFILES[options.profile].summary})\n`);
  cli.stdout(`Wrote ${RULES_FILE} (starter rules, included by ${CONFIG_FILE})\n`);
  cli.stdout(await trustWritten(cli, files));
  if (options.agent !== 'none') setUpAgent(options.agent, options.write === true, deps);
  cli.stdout(`\nNext:\n  nomos doctor                  # checks the installation and this config\n  nomos check -- 'rm -rf ~'     # see a denial, without running anything\n`);
  return ExitCode.ok;
}

/**
 * The files init just wrote are the human's: trusted as written (src/config/trust.ts), so
 * their allow rules count. The texts init wrote are trusted, never the files read back (another
 * process could have replaced them since). The config includes the rule file, so the layer is
 * the two in that order. Not from inside an agent's command: there init writes but trusts nothing.
 */
async function trustWritten(cli: CliEnv, files: [string, string][]): Promise<string> {
  if (insideNomosCommand(cli.env)) return `Not trusted: init ran inside a command nomos executed; a human runs  nomos trust  here to trust it\n`;
  const governing = (await findProjectConfig(cli.cwd))?.file;
  if (governing !== join(cli.cwd, CONFIG_FILE)) return `Not trusted: ${governing} governs this directory, not ${CONFIG_FILE}; remove it, then run  nomos trust\n`;
  await trustLayer(userConfigDir(cli.env), files.map(([name, text]) => ({ file: realPathOr(join(cli.cwd, name)), text })));
  return `Trusted both as written (nomos trust --list); after a change, run  nomos trust  again or they may only tighten the policy\n`;
}

function setUpAgent(agent: Exclude<Agent, 'none'>, write: boolean, { cli, program }: InitDeps): void {
  const setup = AGENT_SETUPS[agent];
  const path = join(cli.cwd, setup.file);
  if (write) {
    const settings = readSettings(path);
    const updated = setup.update?.(settings);
    const merged = updated ?? mergeSettings(settings, setup.snippet);
    makeDirs(dirname(path));
    writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
    cli.stdout(`${updated ? 'Brought up to date the nomos' : 'Merged the nomos'} ${agent} settings in ${setup.file}\n`);
  } else {
    cli.stdout(`\nFor ${agent}, merge this into ${setup.file} (or rerun with --write):\n${JSON.stringify(setup.snippet, null, 2)}\n`);
  }
  if (!hasCommand(program, setup.command)) {
    cli.stdout(`Note: \`nomos ${setup.command.join(' ')}\` is not in this version of nomos yet (it comes with the agent integrations);\n` +
      `until then the agent's call fails and it is not guarded. Have it run shell commands as  nomos exec -- '<command>'.\n`);
  }
}

function readSettings(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    throw new Error('the top level is not an object');
  } catch (cause) {
    throw new ConfigError([{ file: path, code: 'nomos.init.settings', message: `cannot merge into it: ${(cause as Error).message}; fix the file or add the snippet by hand` }], { cause });
  }
}
