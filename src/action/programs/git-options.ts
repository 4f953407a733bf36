import { expandLong, parseArgs, type OptionSpec } from '../flags.js';
import { table } from '../table.js';
import { OPTION_SPECS } from './specs.js';

/**
 * Long options of the git subcommands rules look at by flag. git's option parser takes any
 * unique prefix of a long option (`git branch --del topic` deletes), so a rule that allows
 * `git branch` unless `--delete` must see `--del` as `--delete`; an ambiguous prefix git refuses.
 */
const long = () => table<string, string[]>({
  branch: ['--delete', '--create-reflog', '--force', '--move', '--copy', '--color', '--no-color', '--ignore-case', '--omit-empty', '--column', '--no-column', '--sort', '--merged', '--no-merged', '--contains', '--no-contains', '--points-at', '--format', '--verbose', '--quiet', '--abbrev', '--no-abbrev', '--track', '--no-track', '--recurse-submodules', '--set-upstream-to', '--unset-upstream', '--edit-description', '--list', '--show-current', '--remotes', '--all'],
  tag: ['--annotate', '--sign', '--no-sign', '--local-user', '--force', '--delete', '--verify', '--list', '--sort', '--color', '--ignore-case', '--omit-empty', '--column', '--no-column', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--message', '--file', '--trailer', '--edit', '--no-edit', '--cleanup', '--create-reflog', '--format'],
  push: ['--all', '--branches', '--prune', '--mirror', '--dry-run', '--porcelain', '--delete', '--tags', '--follow-tags', '--no-follow-tags', '--signed', '--no-signed', '--atomic', '--no-atomic', '--push-option', '--receive-pack', '--exec', '--force', '--force-with-lease', '--no-force-with-lease', '--force-if-includes', '--no-force-if-includes', '--repo', '--set-upstream', '--thin', '--no-thin', '--quiet', '--verbose', '--progress', '--recurse-submodules', '--no-recurse-submodules', '--verify', '--no-verify', '--ipv4', '--ipv6'],
  reset: ['--soft', '--mixed', '--hard', '--merge', '--keep', '--quiet', '--no-quiet', '--recurse-submodules', '--no-recurse-submodules', '--pathspec-from-file', '--pathspec-file-nul', '--intent-to-add', '--refresh', '--no-refresh'],
  clean: ['--dry-run', '--force', '--interactive', '--quiet', '--exclude'],
  checkout: ['--quiet', '--progress', '--no-progress', '--force', '--ours', '--theirs', '--track', '--no-track', '--guess', '--no-guess', '--detach', '--orphan', '--ignore-skip-worktree-bits', '--merge', '--conflict', '--patch', '--ignore-other-worktrees', '--overwrite-ignore', '--no-overwrite-ignore', '--recurse-submodules', '--no-recurse-submodules', '--overlay', '--no-overlay', '--pathspec-from-file', '--pathspec-file-nul'],
  switch: ['--create', '--force-create', '--detach', '--guess', '--no-guess', '--force', '--discard-changes', '--merge', '--conflict', '--quiet', '--progress', '--no-progress', '--track', '--no-track', '--orphan', '--ignore-other-worktrees', '--recurse-submodules', '--no-recurse-submodules'],
  restore: ['--source', '--patch', '--worktree', '--staged', '--quiet', '--progress', '--no-progress', '--ours', '--theirs', '--merge', '--conflict', '--ignore-unmerged', '--ignore-skip-worktree-bits', '--recurse-submodules', '--no-recurse-submodules', '--overlay', '--no-overlay', '--pathspec-from-file', '--pathspec-file-nul'],
});

/** The tables, made on the first git command with a long option: most calls never need them. */
let specs: Map<string, OptionSpec> | undefined;



/** A git command's flags with its subcommand's long-option prefixes written out (`--del` → `--delete`). */
export function gitFlags(argv: readonly string[], flags: string[]): string[] {
  if (!flags.some((f) => f.startsWith('--'))) return flags;
  const sub = parseArgs(argv.slice(1), OPTION_SPECS.git).positionals[0]?.value;
  specs ??= new Map(Object.entries(long()).map(([name, longFlags]): [string, OptionSpec] => [name, { longFlags }]));
  const spec = sub === undefined ? undefined : specs.get(sub);
  return spec ? flags.map((f) => (f.startsWith('--') ? expandLong(f, spec) : f)) : flags;
}
