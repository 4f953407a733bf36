import { parseArgs, type OptionSpec } from '../flags.js';
import { listed, table } from '../table.js';
import type { ExecAction } from '../types.js';
import type { WordValue } from './words.js';

/**
 * Package runners and JavaScript runtimes, which start another program named in their words.
 * nomos itself is followed through them (`npx nomos trust`, `npm -y exec nomos trust`,
 * `node -r …/bin/nomos.js x trust`): its commands for a human (self.approve) and its policy
 * flags (self.policy-flags) are decided on the nomos command, however it was started. Their
 * option grammars differ and grow, so no grammar is relied on: a word that names nomos, then
 * the first later word that is one of nomos's commands, is a nomos command. The command of
 * `npx` and `npm exec` is followed too (packageRun): it may be a program from npm's global bin directory.
 */
const LAUNCHERS = new Set(['npx', 'pnpx', 'bunx', 'npm', 'pnpm', 'yarn', 'bun', 'corepack', 'node', 'nodejs', 'deno']);

/** Runtimes: a bare `nomos` word is a file in cwd to them, so only a path to nomos's script counts. */
const RUNTIMES = new Set(['node', 'nodejs', 'bun', 'deno']);

/** nomos as a package word (`nomos`, `nomos@1`, a path to its package directory) or its scripts. */
const NOMOS_PACKAGE = /^(?:nomos(?:@.*)?|(?:.*\/)?node_modules\/nomos\/?|(?:file:|github:|git\+).*nomos.*)$/;
const NPM_SPECIFIER = /^npm:nomos(?:@.*)?(?:\/.*)?$/;
const NOMOS_SCRIPT = /(?:^|\/)(?:bin\/nomos(?:\.js)?|nomos\.js|nomos\/dist\/cli\.js)$/;

/** nomos's commands: the word after the launcher's that starts one. */
const COMMANDS = new Set(['exec', 'check', 'session', 'approve', 'fs', 'http', 'hook', 'mcp', 'serve', 'audit', 'completion',
  'init', 'doctor', 'lint', 'test', 'rules', 'explain', 'daemon', 'trust']);

/** Runner options whose value is a command string run by a shell (`npx -c 'cmd'`, `npm exec --call=cmd`). */
const SHELL_OPTIONS = table<string, OptionSpec & { shell: string[] }>({
  npx: { shortValues: 'cpCw', longValues: ['--call', '--package', '--prefix', '--workspace'], shell: ['-c', '--call'] },
  npm: { shortValues: 'cpCw', longValues: ['--call', '--package', '--prefix', '--workspace'], shell: ['-c', '--call'] },
});

/** npm's boolean settings: any other `--name` takes the next word as its value (`--loglevel warn`). */
const NPM_FLAGS = new Set(['--yes', '--no', '--quiet', '--silent', '--offline', '--prefer-offline', '--prefer-online', '--ignore-scripts',
  '--workspaces', '--include-workspace-root', '--global', '--verbose', '--foreground-scripts', '--no-install', '--recursive', '--shell-emulator']);

/**
 * Runners whose `exec` runs any program found on PATH (node_modules/.bin first), not a package:
 * `pnpm exec rm -rf /` runs rm. The options before and after `exec` that take a value.
 * yarn 2+ runs its words as a shell script (`yarn exec 'rm -rf /'`), yarn 1 execs them: both are read.
 */
const PATH_EXEC = table<string, { script?: true; shellMode?: string[] }>({
  // pnpm's -c (--shell-mode) is a flag: the exec words are then one shell command.
  pnpm: { shellMode: ['-c', '--shell-mode'] },
  yarn: { script: true },
});

/** What a launcher starts: nomos's own words (from `nomos` on), a shell string it runs, or a program's words (`pnpm exec`). */
export function launched(action: ExecAction, words: WordValue[]): { nomos?: WordValue[]; shell?: WordValue; run?: WordValue[]; elsewhere?: boolean } | undefined {
  if (!LAUNCHERS.has(action.program)) return undefined;
  const shell = shellString(action, words);
  if (shell) return { shell };
  const run = pathExec(action.program, words);
  if (run) {
    const spec = PATH_EXEC[action.program]!;
    const shellMode = spec.shellMode !== undefined && words.some((w) => spec.shellMode!.includes(w.value) || /^-[A-Za-z]*c[A-Za-z]*$/.test(w.value));
    const script = spec.script || shellMode ? { shell: { value: run.map((w) => w.value).join(' '), dynamic: run.some((w) => w.dynamic) } } : {};
    const before = words.slice(1, Math.max(1, words.indexOf(run[0]!)));
    return { run, ...script, ...(before.some((w) => movesExec(action.program, w.value)) ? { elsewhere: true } : {}) };
  }
  const args = words.slice(1);
  // bun runs a package's bin by its bare name too (`bun nomos …`, `bun run nomos …`, `bun x nomos …`);
  // deno names one as `npm:nomos`.
  const runtime = RUNTIMES.has(action.program) && action.program !== 'bun';
  const at = args.findIndex((w) => !w.dynamic && (NOMOS_SCRIPT.test(w.value) || (!runtime && NOMOS_PACKAGE.test(w.value)) || NPM_SPECIFIER.test(w.value)));
  const command = at < 0 ? -1 : args.findIndex((w, i) => i > at && COMMANDS.has(w.value));
  // No command word: nomos is only named (`npm install nomos`), or started with its own options only.
  if (command < 0) {
    const run = packageRun(action.program, words);
    return run ? { run } : undefined;
  }
  const rest = args.slice(command);
  return { nomos: [{ ...args[at]!, value: 'nomos' }, ...rest] };
}

/** The runners' subcommand words, skipped to reach their own options (`npm exec -c …`). */
const SUBCOMMANDS = new Set(['exec', 'exe', 'x', 'dlx']);

/**
 * A runner's `-c` string (among its own options, before the package: `npx prettier -c .` is
 * prettier's), or npm's `call` setting from the environment (`npm_config_call='…' npx`).
 */
function shellString(action: ExecAction, words: WordValue[]): WordValue | undefined {
  const spec = SHELL_OPTIONS[action.program];
  if (!spec) return undefined;
  // The subcommand word once (`npm exec`), never a -c value: `npx -c x` runs x.
  const args = words.slice(1);
  const sub = args.findIndex((w, i) => SUBCOMMANDS.has(w.value) && !spec.shell.includes(args[i - 1]?.value ?? ''));
  const rest = sub < 0 ? args : [...args.slice(0, sub), ...args.slice(sub + 1)];
  // Every long option but the known flags takes a value: better to read a word as a value than to stop early and miss `-c`.
  const values = [...(spec.longValues ?? []), ...rest.flatMap((w) => (/^--[^=]+$/.test(w.value) && !NPM_FLAGS.has(w.value) ? [w.value] : []))];
  const option = parseArgs(rest.map((w) => w.value), { ...spec, longValues: values, stopAtPositional: true }).options.find((o) => spec.shell.includes(o.name) && o.value !== undefined);
  if (option) return { value: option.value!, dynamic: rest[option.valueIndex ?? option.index]?.dynamic ?? true };
  const name = Object.keys(action.env).find((n) => n.toLowerCase() === 'npm_config_call');
  return name === undefined ? undefined : { value: action.env[name]!, dynamic: action.dynamicEnv?.includes(name) ?? false };
}

/**
 * The program words of `pnpm exec …` / `yarn exec …`: after the first `exec` word, past the
 * options after it (and a `--`). The runners' own options before `exec` are not parsed: a value
 * nomos does not know (`pnpm --color always exec …`) must not hide the `exec`.
 */
function pathExec(program: string, words: WordValue[]): WordValue[] | undefined {
  if (!PATH_EXEC[program]) return undefined;
  const at = words.findIndex((w, i) => i > 0 && w.value === 'exec');
  for (let i = at + 1; at > 0 && i < words.length; i++) {
    const word = words[i]!.value;
    if (word === '--') return words.slice(i + 1);
    if (!word.startsWith('-') || word === '-') return words.slice(i);
    if (EXEC_VALUES.has(word)) i++;
  }
  // pnpm runs a word that is none of its commands as a package script, or else as `pnpm exec` would
  // (`pnpm sh -c …`): nomos decides it as the program too.
  if (program !== 'pnpm') return undefined;
  let first = 1;
  while (first < words.length && words[first]!.value.startsWith('-') && words[first]!.value !== '--') first += EXEC_VALUES.has(words[first]!.value) ? 2 : 1;
  return first < words.length && words[first]!.value !== '--' && !listed(PNPM_COMMANDS, words[first]!.value) ? words.slice(first) : undefined;
}

/**
 * pnpm's commands and their aliases (pnpm 9 `pnpm help --all`): any other first word runs a script or a program.
 * One string of names (`listed`).
 */
const PNPM_COMMANDS = ' add install i update up upgrade remove rm uninstall un link ln unlink import rebuild rb prune fetch install-test it patch patch-commit patch-remove audit list ls la ll outdated why licenses run run-script test t tst start exec dlx create init publish pack recursive m multi server store root bin setup deploy doctor config c get set env dedupe cat-file cat-index find-hash self-update sbom help approve-builds ignored-builds login logout whoami owner dist-tag view info show search version docs home bugs repo ping token team access adduser deprecate undeprecate unpublish completion install-completion stars org hook edit explore fund cache query restart stop shrinkwrap catalog ';

/**
 * Words before the command that start it in another directory: pnpm's `-C`/`--dir` (pnpm 9 ran `pnpm -C d exec pwd` in d),
 * `-w` (the workspace root), `-r` and `--filter` (each package's directory); yarn's `workspace NAME` and `workspaces`.
 */
function movesExec(program: string, word: string): boolean {
  if (program === 'yarn') return word === 'workspace' || word === 'workspaces';
  const name = word.startsWith('--') ? word.split('=')[0]! : word;
  return listed(' -C --dir -w --workspace-root -r --recursive --filter -F --filter-prod ', name) || /^-[A-Za-z]*[wr]/.test(name) && !name.startsWith('--');
}

/** Options of `pnpm exec` (and pnpm's own, which may follow it) that take the next word. */
const EXEC_VALUES = new Set(['--resume-from', '--filter', '-F', '--filter-prod', '--reporter', '--loglevel', '--workspace-concurrency', '-C', '--dir', '--test-pattern', '--changed-files-ignore-pattern']);

/**
 * npm's settings that name a program it runs, as npm reads them (nopt: a long name by any unique
 * prefix, `--scr x` is `--script-shell x`): the shell it runs scripts and `npm exec` with, the
 * shell of `npm explore`, the editor of `npm edit`. The variable each is read from otherwise.
 */
const RUNNER_SETTINGS: { name: string; min: number; variable: string }[] = [
  { name: 'script-shell', min: 3, variable: 'npm_config_script_shell' },
  { name: 'shell', min: 3, variable: 'npm_config_shell' },
  { name: 'editor', min: 3, variable: 'npm_config_editor' },
];

/** Runners that read npm's settings. */
const NPM_RUNNERS = new Set(['npm', 'npx', 'pnpm', 'pnpx', 'yarn']);

/** A runner's setting that names a program, from its options before `--` (`--script-shell=x`, `--config.script-shell x`): the variable it stands for, and its value. */
export function runnerSettings(program: string, words: WordValue[]): { variable: string; value: WordValue }[] {
  if (!NPM_RUNNERS.has(program)) return [];
  const found: { variable: string; value: WordValue }[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word.value === '--') break;
    const match = /^--(?:config\.)?([a-z-]+)(?:=([^]*))?$/.exec(word.value);
    if (!match) continue;
    const setting = RUNNER_SETTINGS.find((s) => match[1]!.length >= s.min && s.name.startsWith(match[1]!));
    if (!setting) continue;
    const value = match[2] !== undefined ? { value: match[2], dynamic: word.dynamic } : (words[i + 1] ?? { value: '', dynamic: true });
    found.push({ variable: setting.variable, value });
  }
  return found;
}

/**
 * Runner calls that start a shell reading its commands from stdin: `npx` or `npm exec` with no
 * command (`echo 'rm -rf ~' | npx`), and `npm explore pkg` without one; `npm explore pkg -- cmd…`
 * runs its words as a shell command.
 */
export function runnerShell(program: string, words: WordValue[]): { shell?: WordValue; opaque?: string } | undefined {
  if (program !== 'npm' && program !== 'npx' && program !== 'pnpx') return undefined;
  const dashes = words.findIndex((w) => w.value === '--');
  const before = dashes < 0 ? words.slice(1) : words.slice(1, dashes);
  const positionals: string[] = [];
  let call = false;
  for (let i = 0; i < before.length; i++) {
    const word = before[i]!.value;
    if (/^-[cpCw]$/.test(word) || /^--(call|package|prefix|workspace)$/.test(word)) i++;
    if (/^-(c|-call)/.test(word)) call = true;
    if (!word.startsWith('-') && !(i > 0 && /^--[^=]+$/.test(before[i - 1]!.value) && !NPM_FLAGS.has(before[i - 1]!.value))) positionals.push(word);
  }
  const sub = program === 'npm' ? positionals.shift() : 'exec';
  if (sub === 'explore') {
    if (dashes < 0) return { opaque: 'npm explore starts a shell that reads commands from its input' };
    const rest = words.slice(dashes + 1);
    return { shell: { value: rest.map((w) => w.value).join(' '), dynamic: rest.some((w) => w.dynamic) } };
  }
  const exec = sub !== undefined && SUBCOMMANDS.has(sub) && sub !== 'dlx';
  if (exec && !call && positionals.length === 0 && (dashes < 0 || dashes === words.length - 1)) return { opaque: `${program} ${program === 'npm' ? `${sub} ` : ''}with no command starts a shell that reads commands from its input` };
  return undefined;
}

/**
 * The command of `npx cmd …` / `npm exec -- cmd …`: npm runs a bin of that name from the project, else from
 * npm's global bin directory (with the usual prefix /usr, that is /usr/bin: `npx rm -rf /` runs /usr/bin/rm),
 * else a package of that name; with -p (`npx -p pkg cmd`), any program on PATH. So the words are followed as
 * the program they name, as for `pnpm exec`: an allow rule for `npx prettier` then needs `prettier` allowed too.
 */
function packageRun(program: string, words: WordValue[]): WordValue[] | undefined {
  if (program !== 'npm' && program !== 'npx' && program !== 'pnpx') return undefined;
  let sub = program !== 'npm';
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!.value;
    if (word === '--') return sub && i + 1 < words.length ? words.slice(i + 1) : undefined;
    if (/^-[cpCw]$/.test(word) || /^--(call|package|prefix|workspace)$/.test(word)) {
      i++;
      continue;
    }
    if (word.startsWith('-')) {
      // Any other long option without `=` takes the next word (as shellString reads them), but the known flags.
      if (/^--[^=]+$/.test(word) && !NPM_FLAGS.has(word) && !/^--(package|call)$/.test(word)) i++;
      continue;
    }
    if (!sub) {
      if (!SUBCOMMANDS.has(word) || word === 'dlx') return undefined;
      sub = true;
      continue;
    }
    return words.slice(i);
  }
  return undefined;
}
