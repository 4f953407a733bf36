import { flattenCommands, type CommandSpec, type OptionSpec, type ValueSource } from './model.js';

/** A positional argument's slot: an exact index, or every index from `from` on (a variadic one). */
export interface ArgumentSlot {
  path: string;
  index: number;
  variadic: boolean;
  value: ValueSource;
}

/** An option that takes a value, under each of its spellings. */
export interface ValueOption {
  path: string;
  name: string;
  value: ValueSource;
}

/** The lookup tables every shell's script is generated from. */
export interface CompletionTables {
  commands: CommandSpec[];
  valueOptions: ValueOption[];
  slots: ArgumentSlot[];
}

/** Flattens the command tree into the tables the three shells render. */
export function buildTables(root: CommandSpec): CompletionTables {
  const commands = flattenCommands(root);
  const valueOptions = commands.flatMap((cmd) =>
    cmd.options.filter((o): o is OptionSpec & { value: ValueSource } => o.value !== undefined)
      .flatMap((o) => o.names.map((name) => ({ path: cmd.path, name, value: o.value }))));
  const slots = commands.flatMap((cmd) => cmd.args.map((arg, index) => ({ path: cmd.path, index, variadic: arg.variadic, value: arg.value })));
  return { commands, valueOptions, slots };
}

/** Quotes text as one single-quoted word; bash, zsh and fish all read `'\''` as a literal quote. */
export function singleQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The words of a fixed set of choices, or nothing. */
export function choiceWords(value: ValueSource): string[] {
  return value.kind === 'choices' ? value.values : [];
}

/** How a value completes, as one word the scripts' `_nomos_reply` reads: words, @file, @dynamic KIND, @command. */
export function valueWord(value: ValueSource): string {
  switch (value.kind) {
    case 'choices': return value.values.join(' ');
    case 'file': return '@file';
    case 'dynamic': return `@dynamic ${value.source}`;
    case 'command': return '@command';
    case 'none': return '';
  }
}

/** A bash/zsh function that sets REPLY (or `reply`) by a `case` on "$1|$2". */
export function caseFunction(name: string, comment: string, entries: [string, string][], fallback: string): string {
  const arms = entries.map(([pattern, body]) => `    ${pattern}) ${body} ;;`);
  return [`# ${comment}`, `${name}() {`, '  case "$1|$2" in', ...arms, `    *) ${fallback} ;;`, '  esac', '}', ''].join('\n');
}

/** `_nomos_option_value` and `_nomos_argument`, the same in bash and zsh. */
export function valueFunctions(t: CompletionTables): string {
  const reply = (words: string) => `REPLY=${singleQuote(words)}`;
  const values = t.valueOptions.map((o): [string, string] => [singleQuote(`${o.path}|${o.name}`), reply(valueWord(o.value))]);
  // A variadic slot matches its index and every later one, so exact slots come first.
  const slots = [...t.slots].sort((a, b) => Number(a.variadic) - Number(b.variadic))
    .map((s): [string, string] => [singleQuote(`${s.path}|`) + (s.variadic ? '*' : String(s.index)), reply(valueWord(s.value))]);
  return [
    caseFunction('_nomos_option_value', 'How the value of option $2 of path $1 completes; fails if it takes none.', values, 'return 1'),
    caseFunction('_nomos_argument', 'How positional argument $2 (from 0) of path $1 completes.', slots, "REPLY=''"),
  ].join('\n');
}

/** The paths that have a positional argument completing to a command line (`exec`, `check`). */
export function commandPaths(tables: CompletionTables): string[] {
  return tables.slots.filter((s) => s.value.kind === 'command').map((s) => s.path);
}

/** The header every generated file starts with. */
export function generatedHeader(shell: string, install: string[]): string {
  return [
    `# ${shell} completion for nomos.`,
    '# Generated from the CLI itself (nomos completion ' + shell + ', scripts/gen-completions.mjs): do not edit.',
    ...install.map((line) => `# ${line}`),
    '',
  ].join('\n');
}
