// Options every deciding command takes, as commander definitions (kept apart from
// ../options.ts so the hot path, which parses its own arguments, never loads commander).
import { Option, type Command } from 'commander';

/** Adds `--session`, `--rules` and `--no-builtin`. */
export function addPolicyOptions(command: Command): Command {
  return command
    .option('--session <id>', 'session id (default: $NOMOS_SESSION, else derived from the calling process)')
    .addOption(new Option('--rules <path>', 'an extra rule file, loaded after the config (repeatable)').argParser(collect).default(undefined))
    .option('--no-builtin', 'leave out the shipped rule packs');
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
