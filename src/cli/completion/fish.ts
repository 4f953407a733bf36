import type { CommandSpec, OptionSpec, ValueSource } from './model.js';
import { buildTables, choiceWords, commandPaths, generatedHeader, singleQuote, type CompletionTables } from './tables.js';

function switchFunction(name: string, comment: string, arms: [string[], string][], fallback: string): string {
  const lines = arms.flatMap(([patterns, body]) => [`        case ${patterns.map(singleQuote).join(' ')}`, `            ${body}`]);
  return [`# ${comment}`, `function ${name}`, '    switch "$argv[1]|$argv[2]"', ...lines, '        case \'*\'', `            ${fallback}`, '    end', 'end', ''].join('\n');
}

function tableFunctions(t: CompletionTables): string {
  const subs = t.commands.filter((c) => c.subcommands.length)
    .map((c): [string[], string] => [[`${c.path}|`], `printf '%s\\n' ${c.subcommands.map((s) => singleQuote(s.name)).join(' ')}`]);
  const takesValue = t.valueOptions.map((o) => `${o.path}|${o.name}`);
  const commandSlots = commandPaths(t).map((path) => `${path}|`);
  return [
    switchFunction('__nomos_subcommands', 'Subcommands of command path $argv[1].', subs, 'return 1'),
    switchFunction('__nomos_takes_value', 'Whether option $argv[2] of path $argv[1] takes a value.', takesValue.length ? [[takesValue, 'return 0']] : [], 'return 1'),
    switchFunction('__nomos_rest_is_command', 'Whether path $argv[1] runs its positional words as a command (options end there).', commandSlots.length ? [[commandSlots, 'return 0']] : [], 'return 1'),
  ].join('\n');
}

// Walks the tokens before the cursor like the bash and zsh scripts; true when the
// cursor is at command path $argv[1] and, if given, positional index $argv[2] ("N" or "N+").
const WALKER = `function __nomos_at
    set -l tokens (commandline -opc)
    set -l cmdpath ''
    set -l nargs 0
    set -l skip 0
    set -l dashdash 0
    for w in $tokens[2..-1]
        if test $skip = 1
            set skip 0
        else if test $dashdash = 1
            set nargs (math $nargs + 1)
        else if test "$w" = --
            set dashdash 1
        else if string match -q -- '-?*' $w; and not begin; test $nargs -gt 0; and __nomos_rest_is_command "$cmdpath"; end
            if not string match -q -- '*=*' $w; and __nomos_takes_value "$cmdpath" $w
                set skip 1
            end
        else if test $nargs = 0; and contains -- $w (__nomos_subcommands "$cmdpath")
            set cmdpath (string join ' ' -- (string split -n ' ' -- $cmdpath) $w)
        else
            set nargs (math $nargs + 1)
        end
    end
    test "$cmdpath" = "$argv[1]"; or return 1
    test (count $argv) -lt 2; and return 0
    if string match -q -- '*+' $argv[2]
        test $nargs -ge (string trim -r -c + -- $argv[2])
    else
        test $nargs = $argv[2]
    end
end
`;

function optionLine(path: string, option: OptionSpec, passThrough: boolean): string {
  // A command that runs its positional words takes its own options only before them.
  const at = passThrough ? `__nomos_at '${path}' 0` : `__nomos_at '${path}'`;
  const names = option.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`));
  const value = option.value ? valueFlags(option.value, true) : '';
  return `complete -c nomos -n "${at}" ${names.join(' ')}${value} -d ${singleQuote(option.description)}`;
}

/** fish flags for a value: a fixed set, files, ids asked of nomos, or a command's name. */
function valueFlags(value: ValueSource, isOption: boolean): string {
  const exclusive = isOption ? ' -x' : ' -f';
  switch (value.kind) {
    case 'choices': return `${exclusive} -a ${singleQuote(choiceWords(value).join(' '))}`;
    case 'file': return isOption ? ' -r -F' : ' -F';
    case 'dynamic': return `${exclusive} -a ${singleQuote(`(command nomos completion --candidates ${value.source} 2>/dev/null)`)}`;
    case 'command': return `${exclusive} -a '(__fish_complete_command)'`;
    case 'none': return isOption ? ' -x' : '';
  }
}

function completeLines(t: CompletionTables): string[] {
  const lines = ['complete -c nomos -f'];
  const passThrough = new Set(commandPaths(t));
  for (const c of t.commands) {
    for (const s of c.subcommands) lines.push(`complete -c nomos -n "__nomos_at '${c.path}' 0" -a ${singleQuote(s.name)} -d ${singleQuote(s.description)}`);
    for (const o of c.options) lines.push(optionLine(c.path, o, passThrough.has(c.path)));
  }
  for (const s of t.slots) {
    const at = `"__nomos_at '${s.path}' ${s.index}${s.variadic && s.value.kind !== 'command' ? '+' : ''}"`;
    lines.push(`complete -c nomos -n ${at}${valueFlags(s.value, false)}`);
    // After a command's name come its arguments: files, as the shell itself would offer.
    if (s.value.kind === 'command') lines.push(`complete -c nomos -n "__nomos_at '${s.path}' ${s.index + 1}+" -F`);
  }
  // A free-text argument has no flags to add: drop its line.
  return lines.filter((line) => !line.endsWith('"'));
}

/** The fish completion script. */
export function renderFish(root: CommandSpec): string {
  const header = generatedHeader('fish', [
    'Install: copy to ~/.config/fish/completions/nomos.fish,',
    'or run  nomos completion fish | source  in config.fish.',
  ]);
  const t = buildTables(root);
  return `${header}\n${tableFunctions(t)}\n${WALKER}\n${completeLines(t).join('\n')}\n`;
}
