import { posix } from 'node:path';
import { commandWords } from '../action/command-words.js';
import type { ExecAction } from '../action/types.js';
import { globWithin } from '../action/path.js';
import { expand, list, matchers, pathsMatcher, pathsWithin, patternMatcher, type CompileContext, type Matcher } from './patterns.js';
import type { BaseMatchSpec } from './schema-match.js';
import { all, any, MAYBE, NO, YES, type Tri } from './tristate.js';

/** A compiled condition on an exec action. */
export type ExecTest = (action: ExecAction, cwd: string) => Tri;

/** The conditions of a match that look at an exec action's words. */
export function compileExecMatch(match: BaseMatchSpec, ctx: CompileContext): ExecTest[] {
  const tests: ExecTest[] = [];
  const commands = list(match.command)?.map(splitCommand);
  if (commands) tests.push((a) => any(commands.map((words) => commandMatches(a, words))));
  if (match.argv) {
    const positions = match.argv.map((g) => (g === '**' ? undefined : patternMatcher(g)));
    tests.push((a) => argvMatches(a, positions));
  }
  const flags = list(match.flags);
  if (flags) tests.push((a) => flagsMatch(a, flags));
  const args = matchers(match.args, ctx);
  if (args) {
    // A relative glob (`*.o`) becomes relative names (or stays as written): never an absolute path.
    // Only where the command runs is known, and not at a path the rule names: `cd ~; rm -rf *` is `rm -rf ~/*`.
    const absolute = list(match.args)!.every((p) => expand(p, ctx).startsWith('/'));
    const relativeGlob = (value: string, a: ExecAction): Tri =>
      absolute && !value.startsWith('/') && a.cwd !== undefined && !args.some((m) => m(posix.resolve(a.cwd!, value))) ? NO : MAYBE;
    tests.push((a) => anyPositional(a, (value) => args.some((m) => m(value)), (value) => relativeGlob(value, a)));
  }
  const expands = matchers(match.expands, ctx);
  if (expands) tests.push((a) => ((a.expands ?? []).some((name) => expands.some((m) => m(name))) ? YES : NO));
  if (match.paths) {
    const test = pathsMatcher(match.paths, ctx);
    const within = pathsWithin(match.paths, ctx);
    tests.push((a, cwd) => anyPositional(
      a,
      (value) => test(posix.resolve(a.cwd ?? cwd, expandHome(value, ctx.home))),
      // A glob's names, as written, all lie in the directory before its first glob segment.
      (value) => {
        // A command after an unknown `cd` has no cwd: its relative glob may be anywhere.
        const dir = globWithin(value, { cwd: a.cwd ?? cwd, known: a.cwd !== undefined });
        return dir === undefined ? MAYBE : within(dir);
      },
    ));
  }
  return tests;
}

/** `git push` → `["git", "push"]`. */
export function splitCommand(command: string): string[] {
  return command.trim().split(/\s+/);
}

const isDynamic = (action: ExecAction, index: number) => action.dynamic?.includes(index) ?? false;

/** Directories whose programs are the system's own: a program run from one of them is what its name says. */
const SYSTEM_BIN_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/**
 * Whether the program is what its name says: looked up in the usual PATH, or run from a
 * system directory. `./ls`, `~/bin/ls` or `PATH=. ls` may be any file named ls.
 */
export function knownProgram(action: ExecAction): boolean {
  if (action.searchPath !== undefined) return false;
  return action.path === undefined || SYSTEM_BIN_DIRS.has(posix.dirname(posix.normalize(action.path)));
}

/**
 * The program, then its first positional words in order (global options skipped). A rule
 * names a program (`ls`: any file of that name, but only *maybe* when it may be another
 * file than its name says, so deny and ask rules apply to it and allow rules do not) or a
 * path as written (`./gradlew`).
 */
function commandMatches(action: ExecAction, words: string[]): Tri {
  const program = programMatches(action, words[0]!);
  if (program === NO) return NO;
  if (words.length === 1) return program;
  const actual = commandWords(action);
  return all([program, ...words.slice(1).map((word, k) => {
    const got = actual[k + 1];
    if (got === undefined) return NO;
    if (isDynamic(action, got.index)) return MAYBE;
    return got.word === word ? YES : NO;
  })]);
}

function programMatches(action: ExecAction, name: string): Tri {
  if (name.includes('/')) return action.path === name ? YES : NO;
  if (action.program !== name) return NO;
  return knownProgram(action) ? YES : MAYBE;
}

/** Per-position globs over argv[1…]; a trailing `**` (undefined here) admits any rest. */
function argvMatches(action: ExecAction, positions: (Matcher | undefined)[]): Tri {
  const rest = positions.length > 0 && positions.at(-1) === undefined;
  const fixed = rest ? positions.slice(0, -1) : positions;
  const words = action.argv.length - 1;
  if (words < fixed.length || (!rest && words !== fixed.length)) return NO;
  return all(fixed.map((m, k) => (isDynamic(action, k + 1) ? MAYBE : m!(action.argv[k + 1]!) ? YES : NO)));
}

/** Normalized flags, or a word as written: single-dash long options (`find -delete`, `terraform -destroy`). */
function flagsMatch(action: ExecAction, flags: string[]): Tri {
  if (action.flags.some((f) => flags.includes(f)) || action.argv.some((w, i) => i > 0 && flags.includes(w))) return YES;
  // A dynamic word could expand to the flag; a glob only if it may start with `-` (`src/*.ts` cannot).
  return action.dynamic?.some((i) => i > 0 && !(action.globs?.includes(i) && /^[^-*?[]/.test(action.argv[i]!))) ? MAYBE : NO;
}

/**
 * Any positional argument satisfies the test; a dynamic one might. A glob word (ExecAction.globs)
 * is asked `globTest` instead, which can tell (NO) that none of its names satisfy the test.
 */
function anyPositional(action: ExecAction, test: (value: string) => boolean, globTest?: (value: string) => Tri): Tri {
  let out: Tri = NO;
  for (let i = 1; i < action.argv.length; i++) {
    const value = action.argv[i]!;
    if (isDynamic(action, i)) {
      if (!(globTest && action.globs?.includes(i) && globTest(value) === NO)) out = MAYBE;
    } else if (!value.startsWith('-') && test(value)) return YES;
  }
  return out;
}

function expandHome(value: string, home: string): string {
  return value === '~' || value.startsWith('~/') ? home + value.slice(1) : value;
}
