// `nomos doctor`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import { homedir } from 'node:os';
import type { DoctorOptions } from '../commands/doctor.js';
import type { DoctorContext } from '../setup/check.js';
import { runNode, runSelf } from '../setup/self.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/doctor.js');

export function makeDoctorCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return new Command('doctor')
    .description('Check the installation (node, parser, state dir, audit log, config, agent hook) and say what to fix')
    .option('--json', 'print the checks as JSON')
    .action(async (options: DoctorOptions, command: Command) => {
      const ctx: DoctorContext = {
        env: cli.env,
        cwd: cli.cwd,
        home: cli.env.HOME || homedir(),
        program: command.parent ?? command,
        runSelf: (args) => runSelf(args, cli.env),
        runNode: (args, env) => runNode(args, env),
      };
      setExit(await (await run()).runDoctor(options, ctx, cli));
    });
}
