import type { CommandSpec } from './model.js';
import { buildTables, caseFunction, generatedHeader, singleQuote, valueFunctions, type CompletionTables } from './tables.js';

function described(name: string, description: string): string {
  return singleQuote(description ? `${name}:${description}` : name);
}

function tableFunctions(t: CompletionTables): string {
  const subs = t.commands.filter((c) => c.subcommands.length).map((c): [string, string] =>
    [singleQuote(`${c.path}|`), `reply=(${c.subcommands.map((s) => described(s.name, s.description)).join(' ')})`]);
  const opts = t.commands.map((c): [string, string] =>
    [singleQuote(`${c.path}|`), `reply=(${c.options.flatMap((o) => o.names.map((n) => described(n, o.description))).join(' ')})`]);
  return [
    caseFunction('_nomos_subcommands', 'Subcommands of command path $1, as name:description.', subs, 'reply=()'),
    caseFunction('_nomos_options', 'Options of command path $1, as name:description.', opts, 'reply=()'),
    valueFunctions(t),
  ].join('\n');
}

// The walker (as in the bash script): sets _nomos_items (name:description) and
// _nomos_special (@file, @dynamic KIND, @command N) for the word at $CURRENT.
const DRIVER = `_nomos_candidates() {
  local cmdpath='' w REPLY value_of='' i
  local -i nargs=0 dashdash=0
  local -a reply
  _nomos_items=() _nomos_special=''
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    if ((dashdash)); then
      nargs+=1
    elif [[ $w == -- ]]; then
      dashdash=1
      _nomos_argument "$cmdpath" "$nargs"
      if [[ $REPLY == @command ]]; then _nomos_special="@command $((i + 1))"; return 0; fi
    elif [[ $w == -?* ]]; then
      if [[ $w != *=* ]] && _nomos_option_value "$cmdpath" "$w"; then
        if ((i + 1 == CURRENT)); then value_of=$w; else i+=1; fi
      fi
    elif ((nargs == 0)) && _nomos_subcommands "$cmdpath" && (( \${reply[(I)$w:*]} || \${reply[(I)$w]} )); then
      cmdpath=\${cmdpath:+$cmdpath }$w
    else
      _nomos_argument "$cmdpath" "$nargs"
      if [[ $REPLY == @command ]]; then _nomos_special="@command $i"; return 0; fi
      nargs+=1
    fi
  done
  if [[ -n $value_of ]]; then
    _nomos_option_value "$cmdpath" "$value_of"
  elif ((!dashdash)) && [[ \${words[CURRENT]} == -* ]]; then
    _nomos_options "$cmdpath"
    _nomos_items=("\${reply[@]}")
    return 0
  else
    if ((nargs == 0 && !dashdash)); then _nomos_subcommands "$cmdpath"; _nomos_items=("\${reply[@]}"); fi
    _nomos_argument "$cmdpath" "$nargs"
  fi
  if [[ $REPLY == @command ]]; then _nomos_special="@command $CURRENT"; return 0; fi
  _nomos_special=\${(M)REPLY##@*}
  _nomos_items+=(\${=REPLY%%@*})
}

_nomos() {
  local -a _nomos_items ids
  local _nomos_special
  _nomos_candidates
  case $_nomos_special in
    @command*)
      local -i n=\${_nomos_special#@command }
      words=("\${(@)words[n,-1]}")
      ((CURRENT -= n - 1))
      _normal
      return ;;
    @file) _files ;;
    @dynamic*)
      ids=(\${(f)"$(command nomos completion --candidates \${_nomos_special#@dynamic } 2>/dev/null)"})
      compadd -a ids ;;
  esac
  ((\${#_nomos_items})) && _describe -t nomos nomos _nomos_items
  return 0
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _nomos "$@"
else
  compdef _nomos nomos
fi
`;

/** The zsh completion script (an autoloadable `_nomos`, or sourced after compinit). */
export function renderZsh(root: CommandSpec): string {
  const header = generatedHeader('zsh', [
    'Install: copy to a directory on $fpath as _nomos (before compinit runs),',
    'or add  source <(nomos completion zsh)  to ~/.zshrc after compinit.',
  ]);
  return `#compdef nomos\n${header}\n${tableFunctions(buildTables(root))}\n${DRIVER}`;
}
