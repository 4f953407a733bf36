// The daemon's process (built to dist/daemon.cjs; `nomos daemon start` runs it detached, or
// in the foreground with --foreground): `node dist/daemon.cjs [--idle-timeout SECONDS]`.
// It serves the socket of NOMOS_STATE_DIR (or the default state directory) until it is
// stopped, signalled, or idle that long. Its log is stderr.
import { ExitCode } from '../errors.js';
import { daemonLogLine, serveDaemon } from './serve.js';

const log = (line: string) => process.stderr.write(daemonLogLine(line));

async function run(argv: string[]): Promise<number | undefined> {
  const at = argv.indexOf('--idle-timeout');
  const idleTimeoutS = at >= 0 ? Number(argv[at + 1]) : 1800;
  if (!Number.isInteger(idleTimeoutS) || idleTimeoutS < 1) {
    log(`--idle-timeout must be a whole number of seconds, not ${argv[at + 1]}`);
    return ExitCode.usage;
  }
  return serveDaemon(__dirname, idleTimeoutS, process.env, log);
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code ?? ExitCode.ok),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = (error as { exitCode?: number }).exitCode ?? ExitCode.internal;
  },
);
