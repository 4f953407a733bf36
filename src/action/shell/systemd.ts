// systemd-run: besides its command, a unit property can name commands (ExecStartPre=, ExecStopPost= …),
// a root or bind mounts that change what paths mean, or an environment that loads code, and --shell
// starts an interactive shell. The command itself is found by the wrapper table.
import { parseArgs } from '../flags.js';
import { CODE_VARIABLE } from '../programs/launch.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/** Unit properties that run commands or change the files and code the command sees. */
const RISKY_PROPERTY = /^\s*(?:Exec\w*|Environment\w*|BindPaths|BindReadOnlyPaths|TemporaryFileSystem|RootDirectory|RootImage|ExtensionImages|ExtensionDirectories|MountImages|LoadCredential\w*|SetCredential\w*|WorkingDirectory|PAMName|User|Group)\s*=/i;

/** Why a systemd-run's options run or load what nomos does not see. */
export function systemdRunRuns(words: WordValue[]): InnerRun[] {
  const parsed = parseArgs(words.slice(1).map((w) => w.value), { shortValues: 'pEMHu', longValues: ['--property', '--setenv', '--machine', '--host', '--unit', '--description', '--slice', '--uid', '--gid', '--nice', '--working-directory', '--service-type', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar', '--on-timezone-change', '--on-clock-change', '--timer-property', '--path-property', '--socket-property', '--background'], stopAtPositional: true });
  const runs: InnerRun[] = [];
  for (const { name, value = '', valueIndex, index } of parsed.options) {
    const dynamic = words[(valueIndex ?? index) + 1]?.dynamic ?? false;
    if (name === '-S' || name === '--shell') runs.push({ via: 'systemd-run --shell', opaque: 'systemd-run --shell starts a shell that reads commands from its input' });
    else if (/^(?:-p|--property|--timer-property|--path-property|--socket-property)$/.test(name) && (dynamic || RISKY_PROPERTY.test(value))) runs.push({ via: `systemd-run ${name}`, opaque: `systemd-run ${name} ${value.split('=')[0]} runs commands or changes what the command sees` });
    else if ((name === '-E' || name === '--setenv') && (dynamic || CODE_VARIABLE.test(value))) runs.push({ via: `systemd-run ${name}`, opaque: `systemd-run ${name} gives the command a variable that loads code or configuration` });
  }
  return runs;
}
