# bash completion for nomos.
# Generated from the CLI itself (nomos completion bash, scripts/gen-completions.mjs): do not edit.
# Install: copy to ~/.local/share/bash-completion/completions/nomos,
# or add  source <(nomos completion bash)  to ~/.bashrc.

# Subcommands of command path $1.
_nomos_subcommands() {
  case "$1|$2" in
    '|') REPLY='exec check session approve fs http hook mcp serve audit completion init doctor lint test rules explain trust daemon help' ;;
    'session|') REPLY='start show list end help' ;;
    'audit|') REPLY='tail verify show export help' ;;
    'rules|') REPLY='list show help' ;;
    'daemon|') REPLY='start stop status help' ;;
    *) REPLY='' ;;
  esac
}

# Options of command path $1.
_nomos_options() {
  case "$1|$2" in
    '|') REPLY='-V --version -h --help' ;;
    'exec|') REPLY='--session --rules --no-builtin --timeout --no-prompt --approval-timeout -h --help' ;;
    'check|') REPLY='--session --rules --no-builtin --json -h --help' ;;
    'session|') REPLY='-h --help' ;;
    'session start|') REPLY='--name --ttl -h --help' ;;
    'session show|') REPLY='--json --last -h --help' ;;
    'session list|') REPLY='--json -h --help' ;;
    'session end|') REPLY='-h --help' ;;
    'session help|') REPLY='' ;;
    'approve|') REPLY='--allow --deny --reason --session-wide --list --json -h --help' ;;
    'fs|') REPLY='--session --rules --no-builtin --content --json -r --recursive -p --parents --no-prompt -h --help' ;;
    'http|') REPLY='--session --rules --no-builtin -H --header -d --data --json-body --data-binary --max-bytes --timeout --max-redirects -i --include --json --block-private --no-prompt -h --help' ;;
    'hook|') REPLY='--session --rules --no-builtin -h --help' ;;
    'mcp|') REPLY='--session --rules --no-builtin --no-prompt --timeout -h --help' ;;
    'serve|') REPLY='--session --rules --no-builtin --listen --socket --allow-remote --max-body -h --help' ;;
    'audit|') REPLY='-h --help' ;;
    'audit tail|') REPLY='-n --lines -f --follow --session --decision --rule --since --json -h --help' ;;
    'audit verify|') REPLY='--key-file --no-head --json -h --help' ;;
    'audit show|') REPLY='--json -h --help' ;;
    'audit export|') REPLY='--format --since --until -h --help' ;;
    'audit help|') REPLY='' ;;
    'completion|') REPLY='-h --help' ;;
    'init|') REPLY='--profile --agent --write --force -h --help' ;;
    'doctor|') REPLY='--json -h --help' ;;
    'lint|') REPLY='--format -h --help' ;;
    'test|') REPLY='--session --rules --no-builtin -h --help' ;;
    'rules|') REPLY='-h --help' ;;
    'rules list|') REPLY='--session --rules --no-builtin --json -h --help' ;;
    'rules show|') REPLY='--session --rules --no-builtin --json -h --help' ;;
    'rules help|') REPLY='' ;;
    'explain|') REPLY='--session --rules --no-builtin --json -h --help' ;;
    'trust|') REPLY='--list --revoke --json -h --help' ;;
    'daemon|') REPLY='-h --help' ;;
    'daemon start|') REPLY='--idle-timeout --foreground -h --help' ;;
    'daemon stop|') REPLY='-h --help' ;;
    'daemon status|') REPLY='--json -h --help' ;;
    'daemon help|') REPLY='' ;;
    'help|') REPLY='' ;;
    *) REPLY='' ;;
  esac
}

# How the value of option $2 of path $1 completes; fails if it takes none.
_nomos_option_value() {
  case "$1|$2" in
    'exec|--session') REPLY='' ;;
    'exec|--rules') REPLY='@file' ;;
    'exec|--timeout') REPLY='' ;;
    'exec|--approval-timeout') REPLY='' ;;
    'check|--session') REPLY='' ;;
    'check|--rules') REPLY='@file' ;;
    'session start|--name') REPLY='' ;;
    'session start|--ttl') REPLY='' ;;
    'session show|--last') REPLY='' ;;
    'approve|--reason') REPLY='' ;;
    'fs|--session') REPLY='' ;;
    'fs|--rules') REPLY='@file' ;;
    'fs|--content') REPLY='' ;;
    'http|--session') REPLY='' ;;
    'http|--rules') REPLY='@file' ;;
    'http|-H') REPLY='' ;;
    'http|--header') REPLY='' ;;
    'http|-d') REPLY='' ;;
    'http|--data') REPLY='' ;;
    'http|--json-body') REPLY='' ;;
    'http|--data-binary') REPLY='' ;;
    'http|--max-bytes') REPLY='' ;;
    'http|--timeout') REPLY='' ;;
    'http|--max-redirects') REPLY='' ;;
    'hook|--session') REPLY='' ;;
    'hook|--rules') REPLY='@file' ;;
    'mcp|--session') REPLY='' ;;
    'mcp|--rules') REPLY='@file' ;;
    'mcp|--timeout') REPLY='' ;;
    'serve|--session') REPLY='' ;;
    'serve|--rules') REPLY='@file' ;;
    'serve|--listen') REPLY='' ;;
    'serve|--socket') REPLY='@file' ;;
    'serve|--max-body') REPLY='' ;;
    'audit tail|-n') REPLY='' ;;
    'audit tail|--lines') REPLY='' ;;
    'audit tail|--session') REPLY='' ;;
    'audit tail|--decision') REPLY='' ;;
    'audit tail|--rule') REPLY='' ;;
    'audit tail|--since') REPLY='' ;;
    'audit verify|--key-file') REPLY='@file' ;;
    'audit export|--format') REPLY='jsonl csv cef' ;;
    'audit export|--since') REPLY='' ;;
    'audit export|--until') REPLY='' ;;
    'init|--profile') REPLY='strict balanced permissive' ;;
    'init|--agent') REPLY='claude-code gemini-cli mcp none' ;;
    'lint|--format') REPLY='human json github sarif' ;;
    'test|--session') REPLY='' ;;
    'test|--rules') REPLY='@file' ;;
    'rules list|--session') REPLY='' ;;
    'rules list|--rules') REPLY='@file' ;;
    'rules show|--session') REPLY='' ;;
    'rules show|--rules') REPLY='@file' ;;
    'explain|--session') REPLY='' ;;
    'explain|--rules') REPLY='@file' ;;
    'daemon start|--idle-timeout') REPLY='' ;;
    *) return 1 ;;
  esac
}

# How positional argument $2 (from 0) of path $1 completes.
_nomos_argument() {
  case "$1|$2" in
    'session show|'0) REPLY='@dynamic session-ids' ;;
    'session end|'0) REPLY='@dynamic session-ids' ;;
    'session help|'0) REPLY='start show list end' ;;
    'approve|'0) REPLY='@dynamic pending-ids' ;;
    'fs|'0) REPLY='' ;;
    'fs|'1) REPLY='@file' ;;
    'fs|'2) REPLY='' ;;
    'hook|'0) REPLY='' ;;
    'audit show|'0) REPLY='' ;;
    'audit help|'0) REPLY='tail verify show export' ;;
    'completion|'0) REPLY='bash zsh fish' ;;
    'rules show|'0) REPLY='@dynamic rule-ids' ;;
    'rules help|'0) REPLY='list show' ;;
    'trust|'0) REPLY='@file' ;;
    'daemon help|'0) REPLY='start stop status' ;;
    'help|'0) REPLY='exec check session approve fs http hook mcp serve audit completion init doctor lint test rules explain trust daemon' ;;
    'exec|'*) REPLY='@command' ;;
    'check|'*) REPLY='@command' ;;
    'http|'*) REPLY='' ;;
    'audit verify|'*) REPLY='' ;;
    'lint|'*) REPLY='' ;;
    'test|'*) REPLY='' ;;
    'explain|'*) REPLY='@command' ;;
    *) REPLY='' ;;
  esac
}

# Adds to COMPREPLY the candidates of spec $2 for word $1: words, @file, @dynamic KIND.
_nomos_reply() {
  local cur=$1 spec=$2
  if [[ $spec == *@file* ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
    spec=${spec//@file/}
  fi
  if [[ $spec == *@dynamic* ]]; then
    mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$(command nomos completion --candidates "${spec##*@dynamic }" 2>/dev/null)" -- "$cur")
    spec=${spec%%@dynamic*}
  fi
  mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$spec" -- "$cur")
}

# Completes a command line that starts at word $1 (after exec/check): the shell's own completion.
_nomos_command_at() {
  if declare -F _command_offset >/dev/null; then
    _command_offset "$1"
  elif (($1 == COMP_CWORD)); then
    mapfile -t COMPREPLY < <(compgen -c -- "${COMP_WORDS[COMP_CWORD]}")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "${COMP_WORDS[COMP_CWORD]}")
  fi
}

_nomos() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmdpath='' nargs=0 dashdash=0 value_of='' i w REPLY
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
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
      cmdpath=${cmdpath:+$cmdpath }$w
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
