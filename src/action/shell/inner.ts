import { analyzeProgram, namedArguments } from '../programs/index.js';
import { resolvePath } from '../path.js';
import { record, table } from '../table.js';
import type { ExecAction, FileAction } from '../types.js';
import { analyzeWords, BUILTINS, RUNTIME_ARGS, type CommandExtras } from './command.js';
import { changesDirectory, landing } from './directory.js';
import { passedCommands } from './command-variables.js';
import { executorRuns, type InnerRun } from './executors.js';
import { mapfileCallback, nameRisk } from './flows.js';
import { interpreterReason } from './interpreters.js';
import { analyzeShellInvocation, analyzeSource, isShell } from './shells.js';
import { addOpaque, copyScope, nestedState, pathContext, type WalkState } from './state.js';
import type { SyntaxNode } from './syntax.js';
import type { WordValue } from './words.js';
import { launched } from './launchers.js';
import { assignedPaths, loopPaths } from './loops.js';
import { notePrinted, substitutedPaths, xargsInput, xargsReplace } from './piped.js';
import { namesUser, placeholderTest, unwrapArgs, wrapperSpec, type WrapperSpec } from './wrappers.js';

/** Builtins whose arguments are code nomos cannot see into. */
const OPAQUE_PROGRAMS = table<string, string>({
  eval: 'eval runs a string built at run time',
  source: 'source runs a script file',
  '.': 'source runs a script file',
  at: 'at runs commands it reads from its input or a file, later',
  batch: 'batch runs commands it reads from its input or a file, later',
  // Programs that run commands nomos does not follow: shell strings of their own, sandboxes, services.
  hyperfine: 'hyperfine runs its arguments (and its --prepare, --setup and --cleanup values) as shell commands',
  pee: 'pee runs each of its arguments as a shell command',
  sem: 'sem (GNU parallel) runs its command through a shell, later',
  bwrap: 'bwrap runs its command in a sandbox whose paths nomos does not map',
  schroot: 'schroot runs its command in a chroot nomos does not map',
  'start-stop-daemon': 'start-stop-daemon starts programs as services',
  perf: 'perf runs the command it profiles with options nomos does not read',
  sqlite3: 'sqlite3 runs SQL nomos does not analyse (readfile, writefile, .shell)',
  // ansible-core 2.14: a playbook's tasks run modules on the hosts its inventory names (this machine too); the console reads them from its input.
  'ansible-playbook': 'ansible-playbook runs the tasks of a playbook nomos does not read, on hosts its inventory names (localhost is this machine)',
  'ansible-pull': 'ansible-pull fetches a repository and runs its playbook on this machine',
  'ansible-console': 'ansible-console runs the modules and commands it reads from its input',
  ed: 'ed reads its commands (which read, write and run anything) from its input',
  red: 'ed reads its commands from its input',
  newgrp: 'newgrp starts a shell that reads commands from its input',
});

/** fd's options that run a command (`-l` runs `ls -l`). */
const FD_RUNS = new Set(['-x', '--exec', '-X', '--exec-batch', '-l', '--list-details']);

/** Words that start a compound command. */
const COMPOUND_WORDS = new Set(['{', '(', '((', '[[', 'while', 'until', 'for', 'if', 'case', 'select', 'function']);

/** Builtins that are opaque only with some options: `hash -p` maps a name to any file, `enable -f` loads code. */
const OPAQUE_WITH = table<string, { option: string; reason: string }>({
  hash: { option: 'p', reason: 'hash -p makes a name run any file' },
  enable: { option: 'f', reason: 'enable -f loads a builtin from a shared object' },
});

/**
 * What a command runs besides itself: shells' command strings, wrappers' inner commands,
 * executors' commands (`find -exec`, `git -c core.pager=`), and known programs' file/http actions.
 */
export function analyzeInner(action: ExecAction, words: WordValue[], state: WalkState, node: SyntaxNode, extras: CommandExtras): void {
  const { program } = action;
  // `GIT_EXTERNAL_DIFF=x nice git diff`, `EDITOR=x npm edit`, `export GIT_SSH_COMMAND=x; go mod download`:
  // what the variables it gets make the programs it starts run (a builtin starts none).
  // The command it names runs without it (it is decided here once, not again by every program inside).
  // A value set earlier reaches the programs that may start others (not `ls`): one nomos cannot know
  // (`export GIT_SSH_COMMAND=$x; go mod download`) makes each of them opaque, as a dynamic command word does.
  if (!BUILTINS.has(program)) for (const { name, run } of passedCommands(withScopeEnv(action, state))) {
    if (Object.hasOwn(action.env, name) || !STARTS_NOTHING.has(program)) followRun(run, withoutVariable(state, name), node);
  }
  if (OPAQUE_PROGRAMS[program]) return addOpaque(state, OPAQUE_PROGRAMS[program]!, node);
  const optionRisk = OPAQUE_WITH[program];
  if (optionRisk && action.flags.includes(`-${optionRisk.option}`)) return addOpaque(state, optionRisk.reason, node);
  // fd runs a command on the paths it finds (-x, -X; -l runs ls), which nomos does not follow.
  if ((program === 'fd' || program === 'fdfind') && action.flags.some((f) => FD_RUNS.has(f))) return addOpaque(state, `${program} runs a command on each path it finds (-x, -X, -l)`, node);
  if (program === 'trap') return analyzeTrap(words, state, node);
  // `coproc [NAME] { cmd; }`: tree-sitter-bash has no coproc, so a compound command after it is split apart.
  if (program === 'coproc' && words.slice(1, 3).some((w) => COMPOUND_WORDS.has(w.value))) return addOpaque(state, 'coproc runs a compound command nomos cannot parse', node);
  if (mapfileCallback(action)) return addOpaque(state, `${program} -C evaluates each line it reads as shell code`, node);
  const risk = nameRisk(action);
  if (risk) return addOpaque(state, risk, node);
  // fc (but `fc -l`) runs an editor command on history and then runs what it left: code nomos cannot see.
  if (program === 'fc' && !action.flags.some((f) => /^-[A-Za-z]*l/.test(f))) return addOpaque(state, 'fc runs an editor on earlier commands and then runs them', node);
  // Where aliases expand (sh, or `shopt -s expand_aliases`), a later word can run anything.
  if (program === 'alias' && words.slice(1).some((w) => w.value.includes('='))) return addOpaque(state, 'alias changes what later words run', node);
  if (program === 'shopt' && words.some((w) => w.value === 'expand_aliases' || w.dynamic)) return addOpaque(state, 'shopt expand_aliases lets aliases change what runs', node);
  // `shopt -s cdable_vars; k=~/.ssh; cd k; cat id_rsa`: cd goes to the value of a variable named as no directory here.
  if (program === 'shopt' && words.some((w) => w.value === 'cdable_vars')) return addOpaque(state, 'shopt cdable_vars sends cd to a variable\'s value where no directory has that name', node);
  const interpreter = interpreterReason(action);
  if (interpreter) return addOpaque(state, interpreter, node);
  if (isShell(program)) return analyzeShellInvocation(action, words, state, node, extras.inputs ?? []);
  for (const run of executorRuns(withScopeEnv(action, state), words, state.ctx.home)) followRun(run, state, node);
  notePrinted(words, action.env, state, node);
  const start = launched(action, words);
  // `pnpm -C dir exec cmd`: cmd starts in another directory, so its relative paths are not known.
  const at = start?.elsewhere ? { ...state, scope: { ...copyScope(state.scope), cwd: undefined } } : state;
  if (start?.shell) analyzeSource(start.shell.value, start.shell.dynamic, start.run ? `${program} exec` : `${program} -c`, at, node);
  if (start?.nomos) analyzeWords(start.nomos, record(), nestedState(state, program), node);
  if (start?.run && start.run.length > 0) analyzeWords(start.run, record(), nestedState(at, program), node);
  // Variables set earlier reach it (`export DOCKER_HOST=ssh://h; docker ps`).
  const known = analyzeProgram(withScopeEnv(action, state), pathContext(state));
  const from = state.out.actions.length;
  state.out.actions.push(...known);
  // A program nomos does not model may do anything to the files it is given: they are named.
  if (known.length === 0 && !BUILTINS.has(program) && !wrapperSpec(program) && !UNNAMING.has(program)) {
    // After a `cd` in the same command, a bare word may be a file there (`cd ~/.ssh && iconv -f utf8 id_rsa`).
    const at = pathContext(state);
    state.out.actions.push(...namedArguments(action, at, at.known && at.cwd !== state.ctx.cwd));
  }
  // `cat $(find src -name '*.ts')`: the files are what find prints.
  for (const { word, found, ...how } of substitutedPaths(words, state)) placeFound(state, from, found, { placeholders: [word], split: 'fields', ...how });
  // `for f in src/*.ts; do wc -l "$f"; done`: the files are the loop's words.
  for (const { word, found, split, ...how } of [...loopPaths(words, state), ...assignedPaths(words, state)]) placeFound(state, from, found, { placeholders: [word], split: split ?? 'fields', ...how });
  if (wrapperSpec(program)) unwrap(action, words, state, node);
}

/**
 * Programs whose words nomos reads otherwise, or that do nothing to the files they name:
 * nomos's own (its rules decide what it does), the network clients it models, and tools that
 * print names or metadata, never content (`stat .env`, `dirname ~/.ssh/id_rsa`, `du -sh dir`).
 */
const UNNAMING = new Set(['nomos', 'git', 'ssh', 'scp', 'rsync', 'nc', 'ncat', 'netcat', 'telnet',
  'basename', 'dirname', 'realpath', 'readlink', 'stat', 'du', 'df', 'seq', 'which', 'whereis', 'type', 'whoami', 'id', 'uname', 'sleep', 'date', 'hostname', 'pwd', 'true', 'false']);

/** Programs that start no other program (so run none a variable names), after an `export EDITOR=vim`. */
const STARTS_NOTHING = new Set(['ls', 'cat', 'head', 'tail', 'wc', 'grep', 'egrep', 'fgrep', 'sort', 'uniq', 'cut', 'tr', 'tee', 'mkdir', 'rmdir', 'touch', 'cp', 'mv',
  'rm', 'ln', 'chmod', 'chown', 'stat', 'du', 'df', 'basename', 'dirname', 'realpath', 'readlink', 'date', 'sleep', 'which', 'whoami', 'id', 'uname', 'jq', 'nl',
  'od', 'xxd', 'base64', 'sha256sum', 'md5sum', 'file', 'tree', 'seq', 'paste', 'comm', 'join', 'rev', 'tac', 'fold', 'column', 'hostname', 'true', 'false']);

function unwrap(action: ExecAction, words: WordValue[], state: WalkState, node: SyntaxNode): void {
  const spec = wrapperSpec(action.program)!;
  const args = words.slice(1);
  const inner = unwrapArgs(spec, args.map((w) => w.value));
  const before = inner.index >= 0 ? args.slice(0, inner.index) : args;
  // A word nomos cannot read among the wrapper's own options could change where the command starts.
  if (before.some((w) => w.dynamic)) return addOpaque(state, `${action.program} options are not known statically`, node);
  const via = action.program;
  if (inner.opaque) return addOpaque(state, `${via} ${inner.opaque} runs code or a program nomos does not see`, node);
  // Nothing to run: it starts a shell, which reads its commands from its input (`echo 'rm -rf ~' | su`).
  if (inner.startsShell) return addOpaque(state, `${via} starts a shell that reads commands from its input`, node);
  // `parallel ::: 'cmd'`, `… | parallel`: with no command, its arguments or input lines are the commands.
  if (spec.commandsWithout && (inner.index < 0 || inner.index >= inner.end)) return addOpaque(state, `${via} without a command runs its arguments or input lines as commands`, node);
  const started = startedIn(inner.elsewhere ? { ...spec, unknownCwd: true } : spec, inner.chdir, state);
  if (inner.shellString !== undefined) analyzeSource(inner.shellString, false, `${via} ${spec.restIsShell ? '' : inner.index >= 0 ? '-s' : '-c'}`.trim(), started, node);
  // `su root -- -c 'cmd'`: the user's shell gets the words after `--` (`runuser -u` runs them as a program).
  const dashes = spec.shellArgs && !namesUser(spec, before.map((w) => w.value)) ? args.findIndex((w) => w.value === '--') : -1;
  if (dashes >= 0 && dashes + 1 < args.length) analyzeWords([{ value: 'sh', dynamic: false }, ...args.slice(dashes + 1)], inner.env, nestedState(started, via), node);
  if (inner.index < 0) return;
  // `xargs -I% sh -c %`: a word holding a placeholder is what the wrapper reads at run time.
  const filled = placeholderTest(spec, before.map((w) => w.value));
  // `xargs -I STR cmd`: STR is each line it reads, and it adds nothing after cmd's words.
  const replace = action.program === 'xargs' ? xargsReplace(before.map((w) => w.value)) : undefined;
  const innerWords = args.slice(inner.index, inner.end).map((w) => (filled?.(w.value) || (replace && w.value.includes(replace)) ? { ...w, dynamic: true } : w));
  const from = state.out.actions.length;
  analyzeWords(innerWords, inner.env, nestedState(started, via), node, { dynamicTail: spec.dynamicTail && replace === undefined });
  // `find … | xargs cmd`: what xargs adds is what find printed.
  const piped = action.program === 'xargs' && !before.some((w) => w.dynamic) ? xargsInput(before.map((w) => w.value), state, node) : undefined;
  if (piped) placeFound(state, from, piped.found, { ...piped, placeholders: [...piped.placeholders, RUNTIME_ARGS.value] });
}

/**
 * Where the inner command starts: `env -C dir`, `sudo -D dir` start it in dir (a command
 * string too); after `chroot dir` relative paths are unknown (absolute ones stay as written: stricter).
 */
function startedIn(spec: WrapperSpec, written: string | undefined, state: WalkState): WalkState {
  // ssh's remote shell starts in the home directory, as after a `cd ~`.
  const chdir = written ?? (spec.startsAtHome ? '~' : undefined);
  if (!spec.unknownCwd && chdir === undefined) return state;
  const at = pathContext(state);
  // chdir(2) resolves links before `..` (`env -C keys/..`, keys → ~/.ssh, starts in ~), as `cd -P`.
  const cwd = !spec.unknownCwd && chdir !== undefined && at.known ? landing(chdir, at.cwd, at.home, true, state.ctx.realPath) : undefined;
  return { ...state, scope: { ...copyScope(state.scope), cwd } };
}

/** The state without a variable set earlier in the script. */
function withoutVariable(state: WalkState, name: string): WalkState {
  if (!Object.hasOwn(state.scope.vars, name)) return state;
  const scope = copyScope(state.scope);
  delete scope.vars[name];
  scope.dynamicVars = scope.dynamicVars.filter((n) => n !== name);
  return { ...state, scope };
}

/** The command as executors see it: variables set earlier in the script are in its environment. */
function withScopeEnv(action: ExecAction, state: WalkState): ExecAction {
  const { vars, dynamicVars } = state.scope;
  if (dynamicVars.length === 0 && Object.keys(vars).length === 0) return action;
  const dynamicEnv = [...dynamicVars.filter((n) => !Object.hasOwn(action.env, n)), ...(action.dynamicEnv ?? [])];
  return { ...action, env: record(vars, action.env), dynamicEnv };
}

/** Follows one command an executor runs: words, a shell string, or an opaque reason. */
export function followRun(run: InnerRun, state: WalkState, node: SyntaxNode): void {
  if (run.opaque) return addOpaque(nestedState(state, run.via), run.opaque, node);
  const at = run.unknownCwd ? { ...state, scope: { ...copyScope(state.scope), cwd: undefined } } : state;
  if (run.shell !== undefined) return analyzeSource(run.shell.value, run.shell.dynamic, run.via, at, node);
  if (!run.words) return;
  const from = state.out.actions.length;
  analyzeWords(run.words, record(), nestedState(at, run.via), node, { dynamicTail: run.dynamicTail });
  if (run.found) placeFound(state, from, run.found, { placeholders: ['{}', RUNTIME_ARGS.value] });
}

/**
 * The files of find's command that are `{}` (or the arguments `+` adds) become what find
 * may put there (InnerRun.found): globs a front end lists when it decides, and known paths,
 * instead of "any file" (`find . -name '*.md' -exec cat {} +` reads Markdown files here).
 */
function placeFound(state: WalkState, from: number, found: string[], how: Placing): void {
  const at = pathContext(state);
  if (!at.known) return;
  const placeholders = new Set(how.placeholders.map((p) => resolvePath(p, at)));
  const actions = state.out.actions;
  const placed = new Set<string>();
  for (let i = from; i < actions.length; i++) {
    const action = actions[i]!;
    // Only `{}` itself: `{}/../{}` reads as the same path, but the kernel applies `..` where a link `{}` leads.
    if (action.kind !== 'file' || !action.dynamic || !placeholders.has(action.path) || action.written !== undefined) continue;
    const { dynamic: _dynamic, glob: _glob, ...known } = action;
    const instead: FileAction[] = [];
    for (const pattern of found) {
      const path = resolvePath(pattern, at);
      // git's names pass through links below (an index entry `keys/id` where keys is now a link): `xargs rm` deletes there.
      const one: FileAction = how.tree ? { ...known, path, recursive: true, followsLinks: true, ...marks(how), ...(how.index ? { index: true } : {}) }
        : /[*?[]/.test(pattern) ? { ...known, path, dynamic: true, glob: true, ...marks(how), ...(how.names ? { names: how.names.map((n) => resolvePath(n, at)) } : {}) } : { ...known, path };
      const key = placedKey(one);
      if (placed.has(key)) continue;
      placed.add(key);
      instead.push(one);
    }
    actions.splice(i, 1, ...instead);
    i += instead.length - 1;
  }
}

/** How placeFound places a printer's paths: the words that stand for them, how they are split, and what they are (PrintedPaths). */
type Placing = { placeholders: string[]; split?: FileAction['split']; bare?: boolean; tree?: boolean; index?: boolean; names?: string[] };

/** The marks of a placed glob or tree whose names the front end checks (globs.ts, trees.ts). */
const marks = (how: Placing): Partial<FileAction> => ({ ...(how.split ? { split: how.split } : {}), ...(how.bare ? { bare: true } : {}) });

/** One file action of find's placed ones (the `{}` and the added arguments of one command name the same files). */
const placedKey = (a: FileAction): string => JSON.stringify([a.op, a.path, a.target, a.via]);

/** `trap 'cmd' SIGNAL…`: the string runs later, in this shell, so it is analysed like `bash -c`. */
function analyzeTrap(words: WordValue[], state: WalkState, node: SyntaxNode): void {
  // Options, then `--` (`trap -- 'rm -rf ~' EXIT` sets the handler as well).
  let first = 1;
  while (first < words.length && /^-[lpP]+$/.test(words[first]!.value)) first++;
  if (words[first]?.value === '--') first++;
  const args = words.slice(first);
  const handler = args[0];
  if (!handler || args.length < 2 || handler.value === '-' || /^\d+$/.test(handler.value)) return;
  // The handler runs later (on a signal, at exit), where the script may have gone by then.
  const later = changesDirectory(state.source ?? '') ? { ...state, scope: { ...copyScope(state.scope), cwd: undefined } } : state;
  analyzeSource(handler.value, handler.dynamic, 'trap', later, node);
}
