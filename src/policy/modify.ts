import { commandWords } from '../action/command-words.js';
import { record } from '../action/table.js';
import type { ExecAction } from '../action/types.js';
import type { ModifySpec } from './schema.js';
import { splitCommand } from './match-exec.js';
import { list } from './patterns.js';

/** Applies a rule's rewrite to an exec action's argv. Pure; the caller evaluates the result again. */
export function rewriteArgv(action: ExecAction, spec: ModifySpec, command?: string | string[]): string[] {
  let argv = [...action.argv];
  if (spec.program) argv[0] = spec.program;
  if (spec.replace) {
    // The words come from the request: `toString` must not find Object.prototype's.
    const replace = record(spec.replace);
    argv = argv.map((w, i) => (i > 0 ? replace[w] ?? w : w));
  }
  if (spec.remove_flags) argv = removeFlags(argv, spec.remove_flags);
  if (spec.remove_args) argv = argv.filter((w, i) => i === 0 || w.startsWith('-') || !spec.remove_args!.includes(w));
  if (spec.remove_headers) argv = removeHeaders(argv, spec.remove_headers);
  const added = [...(spec.add_flags ?? []), ...Object.entries(spec.set_headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`])];
  if (added.length) {
    const at = insertionPoint({ ...action, argv }, command);
    argv = [...argv.slice(0, at), ...added, ...argv.slice(at)];
  }
  if (spec.add_args) argv = [...argv, ...spec.add_args];
  const env = [...(spec.unset_env ?? []).flatMap((k) => ['-u', k]), ...Object.entries(spec.set_env ?? {}).map(([k, v]) => `${k}=${v}`)];
  // `env` is the one portable way to set and unset variables for an argv run without a shell.
  return env.length ? ['env', ...env, ...argv] : argv;
}

/** Removes flags as written, and from short clusters (`-rf` minus `-f` is `-r`) and `--flag=value`. */
function removeFlags(argv: string[], flags: string[]): string[] {
  const shorts = new Set(flags.filter((f) => /^-[^-]$/.test(f)).map((f) => f[1]));
  const out: string[] = [argv[0]!];
  for (const word of argv.slice(1)) {
    if (flags.includes(word) || flags.includes(word.split('=')[0]!)) continue;
    if (/^-[^-]{2,}$/.test(word) && !/^-\d/.test(word)) {
      const kept = [...word.slice(1)].filter((c) => !shorts.has(c)).join('');
      if (kept) out.push(`-${kept}`);
      continue;
    }
    out.push(word);
  }
  return out;
}

/** Drops `-H 'Name: value'` / `--header …` pairs whose header name is listed (case-insensitive). */
function removeHeaders(argv: string[], names: string[]): string[] {
  const lower = names.map((n) => n.toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if ((word === '-H' || word === '--header') && i + 1 < argv.length) {
      const name = argv[i + 1]!.split(':')[0]!.trim().toLowerCase();
      if (lower.includes(name)) {
        i++;
        continue;
      }
    }
    out.push(word);
  }
  return out;
}

/** After the program and the subcommand words the rule names (`git push` → after `push`). */
function insertionPoint(action: ExecAction, command?: string | string[]): number {
  const depth = Math.min(...(list(command) ?? ['x']).map((c) => splitCommand(c).length - 1));
  const words = commandWords(action);
  return (words[Math.min(depth, words.length - 1)]?.index ?? 0) + 1;
}
