// `nomos daemon`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/daemon.js');

export function makeDaemonCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  const daemon = new Command('daemon').description('A background process that keeps nomos loaded, so check, exec and hook calls start faster (optional; see docs/daemon.md)')
    .addHelpText('after', '\nEnvironment:\n  NOMOS_DAEMON=auto   a call that finds no daemon starts one for the calls after it\n  NOMOS_DAEMON=off    calls ignore a running daemon\n  NOMOS_DAEMON_TIMEOUT=SECONDS   give up on a daemon silent this long and decide in the call (default 30)');
  daemon.command('start').description("Start this user's daemon (for NOMOS_STATE_DIR); check, exec and hook calls use it while it runs")
    .option('--idle-timeout <duration>', 'stop after this long without a call', '30m')
    .option('--foreground', 'run in this process, logging to stderr, until stopped')
    .action(async (o) => setExit(await (await run()).runDaemonStart(o, cli)));
  daemon.command('stop').description('Stop the daemon (calls are then decided in their own process again)')
    .action(async () => setExit(await (await run()).runDaemonStop(cli)));
  daemon.command('status').description('Whether a daemon of this build answers calls (exit 0) or not (exit 1)').option('--json', 'print as JSON')
    .action(async (o) => setExit(await (await run()).runDaemonStatus(o, cli)));
  return daemon;
}
