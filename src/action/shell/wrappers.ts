import { expandLong, type OptionSpec } from '../flags.js';
import { record } from '../table.js';
import { wrapperSpec } from './wrapper-table.js';

export { wrapperSpec };

/**
 * Programs that run another program given in their arguments. Kept as data so a new
 * wrapper is one table entry: nomos finds the inner command and analyses it too.
 */
export interface WrapperSpec {
  /** The wrapper's own options (short letters and long names taking a value). */
  options?: OptionSpec;
  /** Positional words to skip before the inner command (`timeout 5 cmd`, `chroot /r cmd`). */
  skipPositionals?: number;
  /** What a skipped word must look like (timeout's duration): another word may be the command to a variant (old BusyBox `timeout rm x`), so it is opaque. */
  skipMatch?: RegExp;
  /** Options naming the user, after which no user word comes before the command (`runuser -u bob cmd`, but `runuser bob -c …`). */
  userOptions?: string[];
  /** `VAR=value` words before the inner command are environment assignments (`env`, `sudo`). */
  assignments?: boolean;
  /** Options that mean the inner word is not run (`command -v rm` only looks it up). */
  noRunOptions?: string[];
  /** Options whose value is a command string for a shell (`su -c`, `flock -c`, `env -S`). */
  shellStringOptions?: string[];
  /** A shell-string option also takes the words after it (`env -S 'a b' c`). */
  shellStringRest?: boolean;
  /** The inner words are joined with spaces and run by a shell (`watch`, `ssh host …`). */
  restIsShell?: boolean;
  /** Options that make the inner words an argv run directly, not a shell string (`watch -x`). */
  execOptions?: string[];
  /**
   * Options after which the inner words also go to a shell, joined (`sudo -s cmd …`, `sudo -i`:
   * sudo 1.8+ escapes them, older ones did not): the words are read both ways.
   */
  joinShellOptions?: string[];
  /** A lone `-` is an option (a login shell: `su - root -c …`, `sg - wheel …`; env's -i), not the user, group or program word. */
  loginDash?: boolean;
  /** The words after `--` are the user's shell's arguments (`su root -- -c 'cmd'`), not a program. */
  shellArgs?: boolean;
  /** Without a command it starts a shell, which reads its commands from its input (`echo 'rm -rf ~' | su`). */
  shellWithout?: boolean;
  /** Without a command, its arguments or input lines are the commands it runs (`parallel ::: 'cmd'`). */
  commandsWithout?: boolean;
  /**
   * Options that make what runs unknown: values that run code the wrapper evaluates itself (`fakeroot -l '$(…)'`), or
   * that change which program runs (`env -P dir`, `env -a git-rm git status`): with one, in a cluster or abbreviated too, it is opaque.
   */
  opaqueOptions?: string[];
  /** The inner words are also read joined, as one shell command (`parallel 'cmd; cmd' ::: a`). */
  alsoShell?: boolean;
  /** Options after which the rest of the words is the command (`xterm -e cmd …`), as after `--`. */
  commandAfter?: string[];
  /** The inner command gets more arguments from stdin (`xargs`, `parallel`): unknown statically. */
  dynamicTail?: boolean;
  /** Words that end the inner command (`parallel cmd ::: a b`, `:::: argfile`). */
  endWords?: string[];
  /**
   * Strings in the inner words that are replaced at run time by what the wrapper reads (`xargs -I% sh -c %`,
   * `parallel {} ::: cmd`): options giving one, options giving one or the default, and a pattern always replaced.
   */
  placeholders?: { options: string[]; optional?: string[]; fallback?: string; always?: RegExp };
  /** Options whose value is the directory the inner command starts in (`env -C dir`, `sudo -D dir`). */
  chdirOptions?: string[];
  /** The inner command starts somewhere nomos does not follow (`chroot DIR`: DIR is its `/`). */
  unknownCwd?: boolean;
  /** The inner command starts in the home directory (ssh's remote shell: `ssh localhost cat .ssh/id_rsa` reads ~/.ssh/id_rsa). */
  startsAtHome?: boolean;
  /** Options (long names, with or without `=value`) after which it starts somewhere nomos does not follow (`firejail --private-cwd`). */
  unknownCwdOptions?: string[];
}


/** Where the inner command starts in a wrapper's arguments, and what came before it. */
export interface Unwrapped {
  /** Index into args of the inner program word, or -1 when nothing is run. */
  index: number;
  /** Index into args one past the inner command's last word. */
  end: number;
  env: Record<string, string>;
  /** A command string the wrapper hands to a shell (with `index` too: the same words read both ways, `sudo -s`). */
  shellString?: string;
  /** The directory the inner command starts in, as written (`env -C dir`). */
  chdir?: string;
  /** Nothing to run, but it starts a shell that reads its input (`su`, `sudo -s`, `script`: shellWithout, or a joinShellOptions option). */
  startsShell?: boolean;
  /** The first of the wrapper's opaqueOptions among its options. */
  opaque?: string;
  /** One of its unknownCwdOptions was given: where the command starts is not known. */
  elsewhere?: boolean;
}

/** Finds the inner command of a wrapper in its argument words (program word excluded). */
export function unwrapArgs(spec: WrapperSpec, args: string[]): Unwrapped {
  const options: WrapperState = {};
  const inner = unwrapWords(spec, args, options);
  return { ...inner, ...(options.chdir === undefined ? {} : { chdir: options.chdir }), ...(options.opaque === undefined ? {} : { opaque: options.opaque }), ...(options.elsewhere ? { elsewhere: true } : {}) };
}

/** What a wrapper's options said so far: the directory to start in, and whether the rest is an argv (`watch -x`). */
interface WrapperState {
  chdir?: string;
  elsewhere?: boolean;
  opaque?: string;
  exec?: boolean;
  joinShell?: boolean;
}

/** Whether the words give the user with an option (`runuser -u bob`): then no user word comes before the command. */
export function namesUser(spec: WrapperSpec, args: string[]): boolean {
  return spec.userOptions !== undefined && args.some((a) => spec.userOptions!.some((o) => a === o || a.startsWith(o.startsWith('--') ? `${o}=` : o)));
}

/** `NAME=value`, also as bash reads it after coproc: `NAME+=value`, `NAME[i]=value`. */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;

function unwrapWords(spec: WrapperSpec, args: string[], options: WrapperState): Unwrapped {
  const env = record<string>();
  const named = namesUser(spec, args);
  let skip = named ? 0 : (spec.skipPositionals ?? 0);
  const none = { index: -1, end: args.length, env };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    // `--` ends the options, not the positionals before the command: `timeout -s KILL -- 10 rm`.
    if (word === '--') return found(spec, args, skipAfter(spec, args, i + 1, skip, options), env, options);
    if (word === '-' && spec.loginDash) {
      if (spec.unknownCwdOptions?.includes('-')) options.elsewhere = true;
      continue;
    }
    if (spec.commandAfter?.includes(word)) return found(spec, args, i + 1, env, options);
    if (/^-[^-]/.test(word) || /^--./.test(word)) {
      const option = readOption(spec, args, i, options);
      if (option.noRun) return none;
      if (option.shellString !== undefined) return { ...none, shellString: option.shellString };
      if (option.chdir !== undefined) options.chdir = option.chdir;
      i = option.next;
    } else if (spec.assignments && ASSIGNMENT.test(word)) {
      env[ASSIGNMENT.exec(word)![1]!] = word.slice(word.indexOf('=') + 1);
    } else if (skip > 0) {
      skip--;
      skipWord(spec, word, options);
    }
    else return found(spec, args, i, env, options);
  }
  return nothingRun(spec, none, options);
}

/** The index of the command past `skip` positionals from `start` (each checked as skipped words are). */
function skipAfter(spec: WrapperSpec, args: string[], start: number, skip: number, options: WrapperState): number {
  let at = start;
  for (; skip > 0 && at < args.length; skip--, at++) skipWord(spec, args[at]!, options);
  return at;
}

/** A positional skipped before the command (a duration, a lock file): one its spec does not accept makes the call opaque. */
function skipWord(spec: WrapperSpec, word: string, options: WrapperState): void {
  if (spec.skipMatch && !spec.skipMatch.test(word)) options.opaque ??= word;
}

/** No command among the words: with `shellWithout` or a `joinShellOptions` option, a shell starts (and reads its input). */
function nothingRun(spec: WrapperSpec, none: Unwrapped, options: WrapperState): Unwrapped {
  return spec.shellWithout || options.joinShell ? { ...none, startsShell: true } : none;
}

function found(spec: WrapperSpec, args: string[], index: number, env: Record<string, string>, options: WrapperState): Unwrapped {
  if (index >= args.length) return nothingRun(spec, { index: -1, end: args.length, env }, options);
  const stop = spec.endWords ? args.findIndex((w, i) => i >= index && spec.endWords!.includes(w)) : -1;
  const end = stop >= 0 ? stop : args.length;
  if (spec.restIsShell && !options.exec) return { index: -1, end, env, shellString: args.slice(index, end).join(' ') };
  return options.joinShell || spec.alsoShell ? { index, end, env, shellString: args.slice(index, end).join(' ') } : { index, end, env };
}

/** One option word (or cluster) of a wrapper: what it means and where the next word is. */
function readOption(spec: WrapperSpec, args: string[], i: number, state: WrapperState): { next: number; noRun?: boolean; shellString?: string; chdir?: string } {
  const word = args[i]!;
  const opts = spec.options ?? {};
  if (/^-\d+$/.test(word)) return { next: i }; // `nice -10 cmd`: an old-style numeric option
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    const name = expandLong(eq < 0 ? word : word.slice(0, eq), opts);
    const takes = eq < 0 && (opts.longValues?.includes(name) ?? false);
    const value = eq >= 0 ? word.slice(eq + 1) : args[i + 1];
    if (spec.noRunOptions?.includes(name)) return { next: i, noRun: true };
    noteOption(spec, name, state);
    if (spec.shellStringOptions?.includes(name)) return { next: i, shellString: withRest(spec, value ?? '', args.slice(eq >= 0 ? i + 1 : i + 2)) };
    const chdir = spec.chdirOptions?.includes(name) && value !== undefined ? { chdir: value } : {};
    return { next: takes ? i + 1 : i, ...chdir };
  }
  for (let k = 1; k < word.length; k++) {
    const name = `-${word[k]}`;
    if (spec.noRunOptions?.includes(name)) return { next: i, noRun: true };
    noteOption(spec, name, state);
    if (opts.shortOptional?.includes(word[k]!)) return { next: i }; // its value is the rest of the word, if any
    if (!opts.shortValues?.includes(word[k]!)) continue;
    const attached = word.slice(k + 1);
    if (spec.shellStringOptions?.includes(name)) {
      return { next: i, shellString: withRest(spec, attached || (args[i + 1] ?? ''), args.slice(attached ? i + 1 : i + 2)) };
    }
    const value = attached || args[i + 1];
    return { next: attached ? i : i + 1, ...(spec.chdirOptions?.includes(name) && value !== undefined ? { chdir: value } : {}) };
  }
  return { next: i };
}

/** What an option (`-x` or a whole long name) tells of the rest: an argv, a shell too, or nothing nomos can know. */
function noteOption(spec: WrapperSpec, name: string, state: WrapperState): void {
  if (spec.execOptions?.includes(name)) state.exec = true;
  if (spec.joinShellOptions?.includes(name)) state.joinShell = true;
  if (spec.opaqueOptions?.includes(name)) state.opaque ??= name;
  if (spec.unknownCwdOptions?.includes(name)) state.elsewhere = true;
}

function withRest(spec: WrapperSpec, value: string, rest: string[]): string {
  return spec.shellStringRest && rest.length > 0 ? `${value} ${rest.join(' ')}` : value;
}

/** A test for the inner words that hold a placeholder the wrapper fills in at run time (undefined: none can). */
export function placeholderTest(spec: WrapperSpec, before: string[]): ((word: string) => boolean) | undefined {
  const p = spec.placeholders;
  if (!p) return undefined;
  const strings: string[] = [];
  before.forEach((w, i) => {
    for (const o of p.options) {
      if (w === o && before[i + 1] !== undefined) strings.push(before[i + 1]!);
      else if (w.startsWith(o.startsWith('--') ? `${o}=` : o) && w !== o) strings.push(w.slice(o.length + (o.startsWith('--') ? 1 : 0)));
    }
    for (const o of p.optional ?? []) {
      if (w === o) strings.push(p.fallback ?? '{}');
      else if (w.startsWith(o.startsWith('--') ? `${o}=` : o)) strings.push(w.slice(o.length + (o.startsWith('--') ? 1 : 0)) || (p.fallback ?? '{}'));
    }
  });
  const found = strings.filter((x) => x !== '');
  if (found.length === 0 && !p.always) return undefined;
  return (word) => found.some((x) => word.includes(x)) || (p.always?.test(word) ?? false);
}
