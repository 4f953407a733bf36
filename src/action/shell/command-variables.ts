// Variables whose value a program runs as a command (`GIT_PAGER`, `EDITOR`, `LESSOPEN`) or as
// the shell it runs command strings with (`SHELL`, npm's `script-shell`): by the program known to
// read them (ownVariableRuns), and by any program a command with them starts (passedCommands).
import { listed, table } from '../table.js';
import type { ExecAction } from '../types.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/** Environment variables whose value a program runs as a command. */
const COMMAND_ENV = table<string, string[]>({
  git: ['GIT_PAGER', 'GIT_EDITOR', 'GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_PROXY_COMMAND', 'GIT_EXTERNAL_DIFF', 'GIT_SEQUENCE_EDITOR', 'PAGER', 'EDITOR', 'VISUAL'],
  man: ['MANPAGER', 'PAGER'],
  less: ['LESSOPEN', 'LESSCLOSE'],
  rsync: ['RSYNC_RSH', 'RSYNC_CONNECT_PROG'],
  // GNU parallel runs PARALLEL_SSH instead of ssh for -S hosts.
  parallel: ['PARALLEL_SSH'],
  // Editors run as shell commands (`SUDO_EDITOR='rm -rf ~' sudo -e f`, `EDITOR=… crontab -e`).
  sudo: ['SUDO_EDITOR', 'VISUAL', 'EDITOR', 'SUDO_ASKPASS'],
  sudoedit: ['SUDO_EDITOR', 'VISUAL', 'EDITOR'],
  visudo: ['SUDO_EDITOR', 'VISUAL', 'EDITOR'],
  crontab: ['VISUAL', 'EDITOR'],
  'sensible-editor': ['VISUAL', 'EDITOR', 'SELECTED_EDITOR'],
  vipw: ['VISUAL', 'EDITOR'],
  vigr: ['VISUAL', 'EDITOR'],
  edquota: ['VISUAL', 'EDITOR'],
});

/**
 * Variables whose value some program runs as a shell command: those above, and those of other
 * tools a command may start (`gh`, `systemctl`, `kubectl edit`, npm's `editor`). A program started
 * by another (`nice git diff`, `npm test`, `go mod download` running git, a function) gets the
 * variable too, so wherever one is set its value is decided as a command.
 */
const COMMAND_VARIABLES = () => (commandVariables ??= new Set([...Object.values(COMMAND_ENV).flat(), 'BROWSER', 'GH_EDITOR', 'GH_PAGER', 'GH_BROWSER',
  'SYSTEMD_PAGER', 'SYSTEMD_EDITOR', 'KUBE_EDITOR', 'PSQL_PAGER', 'PSQL_EDITOR', 'AWS_PAGER', 'HGEDITOR', 'SVN_EDITOR', 'CVSEDITOR', 'P4EDITOR', 'P4DIFF',
  'P4MERGE', 'FCEDIT', 'npm_config_editor', 'npm_config_browser']));
/** Made on first use: only a command with variables asks, and a plain call has room for little at start-up (young heap). */
let commandVariables: Set<string> | undefined;

/** Variables naming the shell a program runs command strings with (`SHELL=x flock l -c ls` runs `x -c ls`; npm's `script-shell`; parallel's). */
// GNU parallel runs its commands with PARALLEL_SHELL (`PARALLEL_SHELL=./x parallel echo ::: a` ran `./x -c 'echo a'`), and PARALLEL_TMUX for --tmux.
const SHELL_VARIABLES = ' SHELL npm_config_script_shell npm_config_shell PARALLEL_SHELL PARALLEL_TMUX ';

/** Known shells: a variable naming one of them runs no other program. */
const KNOWN_SHELLS = /^(?:bash|sh|zsh|dash|ksh|mksh|ash|fish|tcsh|csh|yash|posh)$/;

/**
 * What setting variable `name` to `value` makes a later program run: its value as a shell command
 * (`GIT_EXTERNAL_DIFF='rm -rf ~'`), or as the shell programs run their strings with (`SHELL=./x`).
 * npm reads its `npm_config_*` variables case-blind.
 */
export function variableCommand(name: string, value: WordValue, via: string): InnerRun | undefined {
  const key = /^npm_config_/i.test(name) ? name.toLowerCase() : name;
  if (COMMAND_VARIABLES().has(key)) return { via, shell: { value: commandText(key, value.value), dynamic: value.dynamic } };
  if (!listed(SHELL_VARIABLES, key) || value.value === '' && !value.dynamic) return undefined;
  const base = value.value.slice(value.value.lastIndexOf('/') + 1);
  return !value.dynamic && KNOWN_SHELLS.test(base) ? undefined : { via, words: [value] };
}

/** less's input preprocessor is a pipe (`|cmd`, `||cmd`), `-` after it also for stdin (`|-cmd %s`): the command is what follows. */
function commandText(name: string, value: string): string {
  return name === 'LESSOPEN' ? value.replace(/^\|{0,2}-?/, '') : value.replace(/^\|/, '');
}

/**
 * The commands the variables a command gets (`X=v cmd`, `env X=v cmd`, `export X=v; cmd`) make the
 * programs it starts run, when the program is not the one known to read them (ownVariableRuns has those).
 */
export function passedCommands(action: ExecAction): readonly { name: string; run: InnerRun }[] {
  let runs: { name: string; run: InnerRun }[] | undefined;
  for (const name in action.env) {
    if (COMMAND_ENV[action.program]?.includes(name)) continue;
    const run = variableCommand(name, { value: action.env[name]!, dynamic: action.dynamicEnv?.includes(name) ?? false }, `${action.program} ${name}`);
    if (run) (runs ??= []).push({ name, run });
  }
  return runs ?? NO_RUNS;
}

/** What a command without such variables passes on (one array for all of them). */
const NO_RUNS: readonly { name: string; run: InnerRun }[] = [];

/** The commands a program runs from the variables it is known to read (`GIT_PAGER=x git log`). */
export function ownVariableRuns(action: ExecAction): InnerRun[] {
  return (COMMAND_ENV[action.program] ?? []).filter((name) => Object.hasOwn(action.env, name))
    .map((name) => ({ via: `${action.program} ${name}`, shell: { value: commandText(name, action.env[name]!), dynamic: action.dynamicEnv?.includes(name) ?? false } }));
}
