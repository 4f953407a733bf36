import { parseArgs, type OptionSpec } from '../flags.js';
import { listed } from '../table.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/** tmux's own options that take a value: `-c` runs it with the default shell, `-f` reads tmux commands from a file. */
const GLOBAL_VALUES = 'cfLST';

/**
 * Commands that start a program from their last words (`tmux new -d 'cmd'`, `tmux splitw cmd arg`),
 * with the options that take a value (tmux 3.3 `list-commands`). One word runs through the
 * shell; more are exec'd as they are by tmux 3, joined into one shell command by tmux 2: both are read.
 */
function runnerSpec(name: string): OptionSpec | undefined {
  switch (name) {
    case 'new-session': case 'new': return { shortValues: 'cefFnstxy' };
    case 'new-window': case 'neww': return { shortValues: 'ceFnt' };
    // -p: the percentage tmux 3.3 still takes (hidden from list-commands).
    case 'split-window': case 'splitw': return { shortValues: 'ceFlpt' };
    case 'respawn-pane': case 'respawnp': case 'respawn-window': case 'respawnw': return { shortValues: 'cet' };
    case 'display-popup': case 'popup': return { shortValues: 'bcdehsStTwxy' };
    case 'pipe-pane': case 'pipep': return { shortValues: 't' };
    // -c: the start directory, since tmux 3.4.
    case 'run-shell': case 'run': return { shortValues: 'cdt' };
    default: return undefined;
  }
}

/**
 * Commands that run nothing and read or write no file: they only show or rearrange sessions.
 * Every other command is opaque: it may type into a shell (send-keys, paste-buffer), run tmux
 * commands from a file or later (source-file, bind-key, set-hook, if-shell, command-prompt),
 * set what new panes run (set-option default-command) or read and write files (load-buffer, save-buffer).
 * tmux also takes any unique prefix of a name: only the names and aliases below are read. Not
 * detach-client (-E runs a command in the client) nor display-panes (a template runs on a key).
 * Lists here are strings of names (`listed`).
 */
const QUIET = ' attach-session attach has-session has kill-server kill-session kill-window killw kill-pane killp list-sessions ls list-windows lsw list-panes lsp list-clients lsc list-buffers lsb list-keys lsk list-commands lscm capture-pane capturep select-window selectw select-pane selectp select-layout selectl next-window next previous-window prev last-window last last-pane lastp rename-session rename rename-window renamew resize-pane resizep resize-window resizew switch-client switchc show-options show show-window-options showw show-environment showenv show-messages showmsgs start-server start server-info info wait-for wait refresh-client refresh clear-history clearhist copy-mode clock-mode swap-pane swapp swap-window swapw move-window movew link-window linkw unlink-window unlinkw break-pane breakp join-pane joinp move-pane movep rotate-window rotatew display-message display delete-buffer deleteb suspend-client suspendc lock-server lock lock-session locks lock-client lockc ';

/** What `tmux …` runs: its `-c` string, each command's program, or why it cannot be known. */
export function tmuxRuns(words: WordValue[]): InnerRun[] {
  const args = words.slice(1);
  const runs: InnerRun[] = [];
  // `tmux [-2CDlNuVv] [-c shell-command] [-f file] [-L name] [-S path] [-T features] [command …]`
  let first = 0;
  while (first < args.length && /^-./.test(args[first]!.value)) {
    const word = args[first++]!;
    if (word.dynamic) return [{ via: 'tmux', opaque: 'tmux options are not known statically' }];
    if (word.value === '--') break;
    const at = [...word.value.slice(1)].findIndex((ch) => GLOBAL_VALUES.includes(ch));
    if (at < 0) continue;
    const attached = word.value.slice(at + 2);
    const value = attached ? { value: attached, dynamic: word.dynamic } : args[first++];
    if (!value) break;
    const option = word.value[at + 1];
    if (option === 'c') runs.push({ via: 'tmux -c', shell: value });
    if (option === 'f' && (value.dynamic || value.value !== '/dev/null')) runs.push({ via: 'tmux -f', opaque: 'tmux -f reads tmux commands (which may run programs) from a file' });
  }
  // Commands are separated by a `;` word (`tmux new -d \; splitw cmd`), or a word ending in one.
  let command: WordValue[] = [];
  for (const word of args.slice(first)) {
    if (word.value === ';' || word.value.endsWith(';')) {
      if (word.value !== ';') command.push({ ...word, value: word.value.slice(0, -1) });
      runs.push(...commandRuns(command));
      command = [];
    } else command.push(word);
  }
  runs.push(...commandRuns(command));
  return runs;
}

function commandRuns(command: WordValue[]): InnerRun[] {
  const name = command[0];
  if (!name) return [];
  const via = `tmux ${name.value}`;
  if (command.some((w) => w.dynamic || runsFormat(w.value))) return [{ via, opaque: `${via}: a word nomos cannot read, or a format that may run a command` }];
  if (listed(QUIET, name.value) || quietOption(command)) return [];
  const spec = /\s/.test(name.value) ? undefined : runnerSpec(name.value);
  if (!spec) return [{ via, opaque: `${via} may run commands nomos cannot see (typed into a pane, read from a file, or run later)` }];
  const parsed = parseArgs(command.slice(1).map((w) => w.value), { ...spec, stopAtPositional: true });
  // run-shell -C runs a tmux command, not a shell one.
  if ((name.value === 'run-shell' || name.value === 'run') && parsed.options.some((o) => o.name === '-C')) return [{ via, opaque: `${via} -C runs tmux commands` }];
  const start = parsed.positionals[0]?.index;
  if (start === undefined) return [];
  const program = command.slice(1 + start);
  const joined = { value: program.map((w) => w.value).join(' '), dynamic: false };
  // A start directory (`new -c DIR`, `popup -d DIR`; popup's -c is a client): tmux 3.3 ran `new -c ~ 'pwd'` in ~.
  const chdir = name.value === 'display-popup' || name.value === 'popup' ? '-d' : '-c';
  const where = parsed.options.some((o) => o.name === chdir) ? { unknownCwd: true } : {};
  return program.length === 1 ? [{ via, shell: joined, ...where }] : [{ via, words: program, ...where }, { via, shell: joined, ...where }];
}

/**
 * A format that may run a shell command: `#(…)`, or any `#{…}` but a plain variable (`#{session_name}`):
 * modifiers build text and expand it again (`#{E:…}` turns a built `#(…)` into a run).
 */
function runsFormat(word: string): boolean {
  return /#\(|#\{/.test(word.replace(/#\{[A-Za-z_@][A-Za-z0-9_]*\}/g, ''));
}

/** Options whose values are settings, not commands or formats: `tmux set -g mouse on`. */
const PLAIN_OPTIONS = ' mouse history-limit base-index pane-base-index mode-keys status-keys escape-time default-terminal renumber-windows set-clipboard focus-events aggressive-resize display-time repeat-time allow-rename automatic-rename monitor-activity visual-activity remain-on-exit synchronize-panes prefix prefix2 status status-position status-interval ';

/** `set-option` / `set` / `setw` of one plain option (anything else may set a command, a hook or a format). */
function quietOption(command: WordValue[]): boolean {
  if (!listed(' set-option set set-window-option setw ', command[0]!.value)) return false;
  const parsed = parseArgs(command.slice(1).map((w) => w.value), { shortValues: 't', stopAtPositional: true });
  const option = parsed.positionals[0]?.value;
  return option !== undefined && listed(PLAIN_OPTIONS, option);
}
