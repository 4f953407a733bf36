import { Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import { makeApproveCommand } from './program/approve.js';
import { makeAuditCommand } from './program/audit.js';
import { makeCheckCommand } from './program/check.js';
import { makeCompletionCommand } from './program/completion.js';
import { makeDaemonCommand } from './program/daemon.js';
import { makeDoctorCommand } from './program/doctor.js';
import { makeExecCommand } from './program/exec.js';
import { makeFsCommand } from './program/fs.js';
import { makeHttpCommand } from './program/http.js';
import { makeHookCommand } from './program/hook.js';
import { makeLintCommand } from './program/lint.js';
import { makeRulesCommand } from './program/rules.js';
import { makeMcpCommand } from './program/mcp.js';
import { makeServeCommand } from './program/serve.js';
import { makeInitCommand } from './program/init.js';
import { makeSessionCommand } from './program/session.js';
import { makeTestCommand } from './program/test.js';
import { makeExplainCommand } from './program/explain.js';
import { makeTrustCommand } from './program/trust.js';
import { processEnv, type CliEnv } from './context.js';
import { reportError } from './report-error.js';
import { visible } from '../visible.js';

declare const NOMOS_VERSION: string;

/** The commander program with every subcommand. */
export function makeProgram(cli: CliEnv, setExit: (code: number) => void): Command {
  const program = new Command('nomos')
    .description('An execution firewall for AI agents: every command parsed, decided by local rules, audited, then run.')
    .version(typeof NOMOS_VERSION === 'string' ? NOMOS_VERSION : '0.0.0-dev')
    .enablePositionalOptions()
    .showHelpAfterError('(run nomos --help for usage)')
    .exitOverride();
  const commands = [
    makeExecCommand,
    makeCheckCommand,
    makeSessionCommand,
    makeApproveCommand,
    makeFsCommand,
    makeHttpCommand,
    makeHookCommand,
    makeMcpCommand,
    makeServeCommand,
    makeAuditCommand,
    makeCompletionCommand,
    makeInitCommand,
    makeDoctorCommand,
    makeLintCommand,
    makeTestCommand,
    makeRulesCommand,
    makeExplainCommand,
    makeTrustCommand,
    makeDaemonCommand,
  ];
  for (const make of commands) program.addCommand(make(cli, setExit).exitOverride());
  escapeErrors(program);
  return program;
}

/**
 * Commander's errors quote the words it was given (`unknown option '--x…'`, `unknown command`,
 * an invalid argument), which an agent writes: escaped as every other message is (visible()).
 * Set on every command: addCommand does not pass output settings down.
 */
function escapeErrors(command: Command): void {
  command.configureOutput({ outputError: (text, write) => write(visible(text, { keepNewlines: true })) });
  for (const sub of command.commands) escapeErrors(sub);
}

/** "Block" to both agents (src/cli/commands/hook.ts HOOK_BLOCK, not imported: it loads the integrations). */
const HOOK_BLOCK = 2;

/** Runs the CLI: the one place errors are caught and turned into an exit code. */
export async function main(argv: string[], cli: CliEnv = processEnv()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  try {
    await makeProgram(cli, (code) => (exitCode = code)).parseAsync(argv, { from: 'user' });
  } catch (error) {
    exitCode = reportCliError(error, cli);
    // An agent runs its tool on any hook exit but 2 ("block"): a hook command line that
    // decided nothing (a typo in the agent's settings, --help) must block, not let every call through.
    // `hook`, or a typo of it (`hooks`, `Hook`): exit 64 there would be "go ahead" too.
    if (argv[0]?.toLowerCase().startsWith('hook')) {
      if (exitCode === ExitCode.ok) cli.stderr('nomos: blocked: this hook call decided nothing (it only printed help)\n');
      exitCode = HOOK_BLOCK;
    }
  }
  return exitCode;
}

function reportCliError(error: unknown, cli: CliEnv): number {
  // Help and version are not errors; commander already printed what went wrong otherwise.
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  return reportError(error, cli);
}
