import { Help, type Argument, type Command, type Option } from 'commander';
import { dynamicKindFor, type DynamicKind } from './dynamic.js';

/** What a value (an option's or a positional argument's) completes to. */
export type ValueSource =
  | { kind: 'choices'; values: string[] }
  | { kind: 'file' }
  | { kind: 'dynamic'; source: DynamicKind }
  /** A program and its arguments (`exec -- <command…>`): the shell's own command completion. */
  | { kind: 'command' }
  | { kind: 'none' };

/** One option as the completers see it. */
export interface OptionSpec {
  /** Every spelling: `-n`, `--lines`. */
  names: string[];
  description: string;
  /** Undefined when the option takes no value. */
  value?: ValueSource;
}

/** One command of the tree; `path` is its words after `nomos` (`""` for the root, `"rules show"`). */
export interface CommandSpec {
  path: string;
  name: string;
  description: string;
  options: OptionSpec[];
  /** Positional arguments in order; the last may repeat. */
  args: { name: string; variadic: boolean; value: ValueSource }[];
  subcommands: CommandSpec[];
}

const help = new Help();

/** Walks the commander program into a plain tree, so completions follow whatever commands exist. */
export function describeProgram(program: Command): CommandSpec {
  return describeCommand(program, '', []);
}

function describeCommand(cmd: Command, path: string, siblings: string[]): CommandSpec {
  const children = help.visibleCommands(cmd);
  const childNames = children.map((c) => c.name());
  return {
    path,
    name: cmd.name(),
    description: firstLine(cmd.description()),
    options: help.visibleOptions(cmd).map(describeOption),
    args: cmd.registeredArguments.map((arg, index) => ({
      name: arg.name(),
      variadic: arg.variadic,
      value: argumentSource(cmd, arg, index, path, siblings),
    })),
    subcommands: children.map((c) => describeCommand(c, path ? `${path} ${c.name()}` : c.name(), childNames)),
  };
}

function describeOption(option: Option): OptionSpec {
  const names = [option.short, option.long].filter((n): n is string => Boolean(n));
  const spec: OptionSpec = { names, description: firstLine(option.description) };
  if (option.required || option.optional) spec.value = valueSource(option.argChoices, option.flags);
  return spec;
}

function argumentSource(cmd: Command, arg: Argument, index: number, path: string, siblings: string[]): ValueSource {
  const dynamic = dynamicKindFor(path, index);
  if (dynamic) return { kind: 'dynamic', source: dynamic };
  // commander's implicit `help [command]` takes a sibling command's name.
  if (cmd.name() === 'help' && arg.name() === 'command') return { kind: 'choices', values: siblings.filter((s) => s !== 'help') };
  if (arg.variadic && arg.name() === 'command') return { kind: 'command' };
  return valueSource(arg.argChoices, arg.name());
}

/** Fixed sets complete to themselves; values named like a path complete to files. */
function valueSource(choices: readonly string[] | undefined, label: string): ValueSource {
  if (choices?.length) return { kind: 'choices', values: [...choices] };
  if (/\b(path|file|dir|directory)\b/i.test(label.replace(/[<>[\].]/g, ' '))) return { kind: 'file' };
  return { kind: 'none' };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** Every command of the tree, depth first, root included. */
export function flattenCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.subcommands.flatMap(flattenCommands)];
}

/**
 * Whether the program takes the command words `path`: subcommands (`["rules", "list"]`),
 * then possibly a first positional argument (`["hook", "claude-code"]`, checked against its choices).
 */
export function hasCommand(program: Command, path: string[]): boolean {
  let cmd = program;
  for (const [i, word] of path.entries()) {
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub) {
      cmd = sub;
      continue;
    }
    const arg = cmd === program ? undefined : cmd.registeredArguments[0];
    return i === path.length - 1 && arg !== undefined && (!arg.argChoices || arg.argChoices.includes(word));
  }
  return true;
}
