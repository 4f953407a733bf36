// `nomos session`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/session.js');

export function makeSessionCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  const session = new Command('session').description('Sessions: the shared history stateful rules (budgets, counts) decide on');
  session.command('start').description('Start a session; eval the printed line: eval "$(nomos session start)"')
    .option('--name <name>', 'a label shown by session list').option('--ttl <duration>', 'remove after this long idle (default 24h)')
    .action(async (o) => setExit((await run()).runSessionStart(o, cli)));
  session.command('show').argument('[id]', 'session id (default: the current one)').description('Counters, sums and the last actions of a session')
    .option('--json', 'print as JSON').option('--last <n>', 'how many recent events to show', '10')
    .action(async (id, o) => setExit((await run()).runSessionShow(id, o, cli)));
  session.command('list').description('All sessions, most recently active first').option('--json', 'print as JSON')
    .action(async (o) => setExit((await run()).runSessionList(o, cli)));
  session.command('end').argument('<id>').description("Discard a session's state")
    .action(async (id) => setExit((await run()).runSessionEnd(id, cli)));
  return session;
}
