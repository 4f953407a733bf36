// `nomos rules`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { RulesOptions } from '../commands/rules.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/rules.js');

export function makeRulesCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  const load = async (o: RulesOptions) => (await (await import('../decide-deps.js')).loadDecideDeps(o, cli)).policy;
  const rules = new Command('rules').description('Show the effective rule set: which layer each rule came from, and what is disabled');
  rules.addCommand(addPolicyOptions(new Command('list')).option('--json', 'one JSON document')
    .action(async (o: RulesOptions) => {
      cli.stdout((await run()).listRules(await load(o), o.json === true));
      setExit(0);
    }).exitOverride());
  rules.addCommand(addPolicyOptions(new Command('show')).argument('<id>', 'rule id').option('--json', 'one JSON document')
    .action(async (id: string, o: RulesOptions) => {
      cli.stdout((await run()).showRule(await load(o), id, o.json === true));
      setExit(0);
    }).exitOverride());
  return rules;
}
