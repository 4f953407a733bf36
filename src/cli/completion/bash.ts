import type { CommandSpec } from './model.js';
import { buildTables, caseFunction, generatedHeader, singleQuote, valueFunctions, type CompletionTables } from './tables.js';

function tableFunctions(t: CompletionTables): string {
  const reply = (words: string) => `REPLY=${singleQuote(words)}`;
  const subs = t.commands.filter((c) => c.subcommands.length).map((c): [string, string] =>
    [singleQuote(`${c.path}|`), reply(c.subcommands.map((s) => s.name).join(' '))]);
  const opts = t.commands.map((c): [string, string] =>
    [singleQuote(`${c.path}|`), reply(c.options.flatMap((o) => o.names).join(' '))]);
  return [
    caseFunction('_nomos_subcommands', 'Subcommands of command path $1.', subs, "REPLY=''"),
    caseFunction('_nomos_options', 'Options of command path $1.', opts, "REPLY=''"),
    valueFunctions(t),
  ].join('\n');
}

// The walker: finds the command path and the positional index at the cursor, then completes.
const DRIVER = `# Adds to COMPREPLY the candidates of spec $2 for word $1: words, @file, @dynamic KIND.
_nomos_reply() {
  local cur=$1 spec=$2
  if [[ $spec == *@file* ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t -O "\${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
    spec=\${spec//@file/}
  fi
  if [[ $spec == *@dynamic* ]]; then
    mapfile -t -O "\${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$(command nomos completion --candidates "\${spec##*@dynamic }" 2>/dev/null)" -- "$cur")
    spec=\${spec%%@dynamic*}
  fi
  mapfile -t -O "\${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$spec" -- "$cur")
}

# Completes a command line that starts at word $1 (after exec/check): the shell's own completion.
_nomos_command_at() {
  if declare -F _command_offset >/dev/null; then
    _command_offset "$1"
  elif (($1 == COMP_CWORD)); then
    mapfile -t COMPREPLY < <(compgen -c -- "\${COMP_WORDS[COMP_CWORD]}")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "\${COMP_WORDS[COMP_CWORD]}")
  fi
}

_nomos() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmdpath='' nargs=0 dashdash=0 value_of='' i w REPLY
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if ((dashdash)); then
      nargs=$((nargs + 1))
    elif [[ $w == -- ]]; then
      dashdash=1
      _nomos_argument "$cmdpath" "$nargs"
      if [[ $REPLY == @command ]]; then _nomos_command_at $((i + 1)); return 0; fi
    elif [[ $w == -?* ]]; then
      if [[ $w != *=* ]] && _nomos_option_value "$cmdpath" "$w"; then
        if ((i + 1 == COMP_CWORD)); then value_of=$w; else i=$((i + 1)); fi
      fi
    elif ((nargs == 0)) && _nomos_subcommands "$cmdpath" && [[ " $REPLY " == *" $w "* ]]; then
      cmdpath=\${cmdpath:+$cmdpath }$w
    else
      _nomos_argument "$cmdpath" "$nargs"
      if [[ $REPLY == @command ]]; then _nomos_command_at "$i"; return 0; fi
      nargs=$((nargs + 1))
    fi
  done
  if [[ -n $value_of ]]; then
    _nomos_option_value "$cmdpath" "$value_of"
    _nomos_reply "$cur" "$REPLY"
    return 0
  fi
  if ((!dashdash)) && [[ $cur == -* ]]; then
    _nomos_options "$cmdpath"
    _nomos_reply "$cur" "$REPLY"
    return 0
  fi
  local cands=''
  if ((nargs == 0 && !dashdash)); then _nomos_subcommands "$cmdpath"; cands=$REPLY; fi
  _nomos_argument "$cmdpath" "$nargs"
  if [[ $REPLY == @command ]]; then _nomos_command_at "$COMP_CWORD"; return 0; fi
  _nomos_reply "$cur" "$cands $REPLY"
}

complete -F _nomos nomos
`;

/** The bash completion script for the program described by `root`. */
export function renderBash(root: CommandSpec): string {
  const header = generatedHeader('bash', [
    'Install: copy to ~/.local/share/bash-completion/completions/nomos,',
    'or add  source <(nomos completion bash)  to ~/.bashrc.',
  ]);
  return `${header}\n${tableFunctions(buildTables(root))}\n${DRIVER}`;
}
