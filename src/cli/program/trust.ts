// `nomos trust`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { TrustOptions } from '../commands/trust.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/trust.js');

export function makeTrustCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return new Command('trust')
    .description("Trust a project's config as it is now: until then (and after any change) it may only tighten the policy, since it comes with the repository")
    .argument('[dir]', 'a directory the config governs (default: the current one)')
    .option('--list', 'print the trusted configs and whether each is unchanged')
    .option('--revoke', 'stop trusting the config that governs the directory')
    .option('--json', 'one JSON document')
    .addHelpText('after', `
An untrusted project config (.nomosrc*, .config/nomosrc*, nomos.config.*) keeps its deny and
ask rules and any stricter default:, opaque: or profile:; its allow and modify rules, its
disable: list and looser settings are left out. nomos rules list shows what was left out.
Trust is recorded in ~/.config/nomos/trusted.json with the texts of the config and its includes.
Never from inside an agent's command (self.approve denies it).`)
    .action(async (dir: string | undefined, options: TrustOptions) => setExit(await (await run()).runTrust(dir, options, cli)));
}
