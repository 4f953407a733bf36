#compdef nomos
# zsh completion for nomos.
# Generated from the CLI itself (nomos completion zsh, scripts/gen-completions.mjs): do not edit.
# Install: copy to a directory on $fpath as _nomos (before compinit runs),
# or add  source <(nomos completion zsh)  to ~/.zshrc after compinit.

# Subcommands of command path $1, as name:description.
_nomos_subcommands() {
  case "$1|$2" in
    '|') reply=('exec:Decide a command, ask a human if a rule says so, record it, then run it' 'check:Decide a command without running it (exit 0 allow, 75 would ask, 77 deny)' 'session:Sessions: the shared history stateful rules (budgets, counts) decide on' 'approve:Answer pending approval requests: a live list, or one request by id (never from inside an agent'\''s command)' 'fs:Read, write and manage files through nomos, decided by the same rules as shell commands (read|write|append|delete|list|move|copy|mkdir|stat)' 'http:Send an HTTP request through nomos: decided by the rules, every redirect hop decided again' 'hook:Answer an agent'\''s pre-tool hook: tool call JSON on stdin, decision JSON on stdout (claude-code, gemini-cli, json)' 'mcp:Serve shell, read_file, write_file, list_dir and http_request as MCP tools over stdio, each through the firewall' 'serve:Serve the decision API over HTTP: /v1/check, /v1/exec, /v1/audit, /v1/pending, /v1/approve/:id, /healthz' 'audit:Read and check the tamper-evident audit log' 'completion:Print the shell completion script for bash, zsh or fish' 'init:Write a commented project config and starter rules, and put an agent behind nomos' 'doctor:Check the installation (node, parser, state dir, audit log, config, agent hook) and say what to fix' 'lint:Check rule files: YAML, schema, CEL, patterns, examples, duplicate ids, shadowed and risky rules (exit 0 clean, 1 findings, 78 unreadable)' 'test:Run policy tests (*.test.yaml) and every rule'\''s examples against the effective policy (exit 1 on failure)' 'rules:Show the effective rule set: which layer each rule came from, and what is disabled' 'explain:Show what bash would run for a command: programs, via chains, file/http actions, opaque parts, matched rules and the decision' 'trust:Trust a project'\''s config as it is now: until then (and after any change) it may only tighten the policy, since it comes with the repository' 'daemon:A background process that keeps nomos loaded, so check, exec and hook calls start faster (optional; see docs/daemon.md)' 'help:display help for command') ;;
    'session|') reply=('start:Start a session; eval the printed line: eval "$(nomos session start)"' 'show:Counters, sums and the last actions of a session' 'list:All sessions, most recently active first' 'end:Discard a session'\''s state' 'help:display help for command') ;;
    'audit|') reply=('tail:Print the newest events, one line each (-f: keep following)' 'verify:Check every seal and link of the log (exit 0 intact, 1 broken)' 'show:Print one decision with its outcome' 'export:Write events for a SIEM' 'help:display help for command') ;;
    'rules|') reply=('list' 'show' 'help:display help for command') ;;
    'daemon|') reply=('start:Start this user'\''s daemon (for NOMOS_STATE_DIR); check, exec and hook calls use it while it runs' 'stop:Stop the daemon (calls are then decided in their own process again)' 'status:Whether a daemon of this build answers calls (exit 0) or not (exit 1)' 'help:display help for command') ;;
    *) reply=() ;;
  esac
}

# Options of command path $1, as name:description.
_nomos_options() {
  case "$1|$2" in
    '|') reply=('-V:output the version number' '--version:output the version number' '-h:display help for command' '--help:display help for command') ;;
    'exec|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '--timeout:kill the command after this long (30s, 5m); exit 124' '--no-prompt:never prompt: a command that needs approval is denied' '--approval-timeout:how long to wait for an approval before denying (default: $NOMOS_APPROVAL_TIMEOUT, else 120s)' '-h:display help for command' '--help:display help for command') ;;
    'check|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '--json:print the decision as one JSON object' '-h:display help for command' '--help:display help for command') ;;
    'session|') reply=('-h:display help for command' '--help:display help for command') ;;
    'session start|') reply=('--name:a label shown by session list' '--ttl:remove after this long idle (default 24h)' '-h:display help for command' '--help:display help for command') ;;
    'session show|') reply=('--json:print as JSON' '--last:how many recent events to show' '-h:display help for command' '--help:display help for command') ;;
    'session list|') reply=('--json:print as JSON' '-h:display help for command' '--help:display help for command') ;;
    'session end|') reply=('-h:display help for command' '--help:display help for command') ;;
    'session help|') reply=() ;;
    'approve|') reply=('--allow:allow the request' '--deny:deny the request' '--reason:with --deny: the reason the agent sees' '--session-wide:with --allow: allow the same command for the rest of its session' '--list:print the pending requests, newest first' '--json:with --list: as one JSON array' '-h:display help for command' '--help:display help for command') ;;
    'fs|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '--content:content for write/append (default: read stdin)' '--json:list and stat: print JSON' '-r:delete: remove a directory and everything in it' '--recursive:delete: remove a directory and everything in it' '-p:mkdir: create missing parent directories; no error if it exists' '--parents:mkdir: create missing parent directories; no error if it exists' '--no-prompt:never prompt: an action that needs approval is denied' '-h:display help for command' '--help:display help for command') ;;
    'http|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '-H:a request header '\''Name: value'\'' (repeatable)' '--header:a request header '\''Name: value'\'' (repeatable)' '-d:request body (form-encoded unless -H content-type says otherwise)' '--data:request body (form-encoded unless -H content-type says otherwise)' '--json-body:a JSON request body (sets content-type and accept)' '--data-binary:request body as given; @file reads a file (decided as a read), @- reads stdin' '--max-bytes:stop and fail when the response body is larger than this' '--timeout:give up after this long, exit 124 (default 30s)' '--max-redirects:follow at most this many redirects, each decided again (default 10; 0 prints the redirect)' '-i:print the status line and response headers before the body' '--include:print the status line and response headers before the body' '--json:print one JSON object: status, url, headers, body (or body_base64), bytes' '--block-private:refuse hosts that resolve to private, loopback or link-local addresses (also NOMOS_HTTP_BLOCK_PRIVATE=1)' '--no-prompt:never prompt: a request that needs approval is denied' '-h:display help for command' '--help:display help for command') ;;
    'hook|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '-h:display help for command' '--help:display help for command') ;;
    'mcp|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '--no-prompt:never prompt: a call that needs approval is denied' '--timeout:kill a command or request after this long (default 2m)' '-h:display help for command' '--help:display help for command') ;;
    'serve|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '--listen:TCP address, loopback only (default 127.0.0.1:8787; port 0 picks a free one); needs a bearer token' '--socket:listen on a Unix socket (mode 0600) instead of TCP' '--allow-remote:allow a non-loopback --listen address (put TLS in front)' '--max-body:largest request body accepted (default 1048576)' '-h:display help for command' '--help:display help for command') ;;
    'audit|') reply=('-h:display help for command' '--help:display help for command') ;;
    'audit tail|') reply=('-n:how many events' '--lines:how many events' '-f:keep printing new events, across rotation' '--follow:keep printing new events, across rotation' '--session:only this session' '--decision:only these decisions, e.g. deny,ask' '--rule:only decisions this rule took part in' '--since:only newer events: 30m, 1h, 2d or an ISO time' '--json:raw JSONL as stored' '-h:display help for command' '--help:display help for command') ;;
    'audit verify|') reply=('--key-file:HMAC key (default: $NOMOS_AUDIT_KEY_FILE)' '--no-head:do not compare the end with the head record' '--json:print the result as one JSON object' '-h:display help for command' '--help:display help for command') ;;
    'audit show|') reply=('--json:print {decision, outcome} as JSON' '-h:display help for command' '--help:display help for command') ;;
    'audit export|') reply=('--format:output format' '--since:only events at or after: 30m, 1h, 2d or an ISO time' '--until:only events at or before' '-h:display help for command' '--help:display help for command') ;;
    'audit help|') reply=() ;;
    'completion|') reply=('-h:display help for command' '--help:display help for command') ;;
    'init|') reply=('--profile:how cautious to start' '--agent:the agent to set up' '--write:merge the agent'\''s settings into its config file instead of printing them' '--force:overwrite an existing config and starter rule file' '-h:display help for command' '--help:display help for command') ;;
    'doctor|') reply=('--json:print the checks as JSON' '-h:display help for command' '--help:display help for command') ;;
    'lint|') reply=('--format:output format' '-h:display help for command' '--help:display help for command') ;;
    'test|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '-h:display help for command' '--help:display help for command') ;;
    'rules|') reply=('-h:display help for command' '--help:display help for command') ;;
    'rules list|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '--json:one JSON document' '-h:display help for command' '--help:display help for command') ;;
    'rules show|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '--json:one JSON document' '-h:display help for command' '--help:display help for command') ;;
    'rules help|') reply=() ;;
    'explain|') reply=('--session:session id (default: $NOMOS_SESSION, else derived from the calling process)' '--rules:an extra rule file, loaded after the config (repeatable)' '--no-builtin:leave out the shipped rule packs' '--json:print the explanation as one JSON object' '-h:display help for command' '--help:display help for command') ;;
    'trust|') reply=('--list:print the trusted configs and whether each is unchanged' '--revoke:stop trusting the config that governs the directory' '--json:one JSON document' '-h:display help for command' '--help:display help for command') ;;
    'daemon|') reply=('-h:display help for command' '--help:display help for command') ;;
    'daemon start|') reply=('--idle-timeout:stop after this long without a call' '--foreground:run in this process, logging to stderr, until stopped' '-h:display help for command' '--help:display help for command') ;;
    'daemon stop|') reply=('-h:display help for command' '--help:display help for command') ;;
    'daemon status|') reply=('--json:print as JSON' '-h:display help for command' '--help:display help for command') ;;
    'daemon help|') reply=() ;;
    'help|') reply=() ;;
    *) reply=() ;;
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

_nomos_candidates() {
  local cmdpath='' w REPLY value_of='' i
  local -i nargs=0 dashdash=0
  local -a reply
  _nomos_items=() _nomos_special=''
  for ((i = 2; i < CURRENT; i++)); do
    w=${words[i]}
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
    elif ((nargs == 0)) && _nomos_subcommands "$cmdpath" && (( ${reply[(I)$w:*]} || ${reply[(I)$w]} )); then
      cmdpath=${cmdpath:+$cmdpath }$w
    else
      _nomos_argument "$cmdpath" "$nargs"
      if [[ $REPLY == @command ]]; then _nomos_special="@command $i"; return 0; fi
      nargs+=1
    fi
  done
  if [[ -n $value_of ]]; then
    _nomos_option_value "$cmdpath" "$value_of"
  elif ((!dashdash)) && [[ ${words[CURRENT]} == -* ]]; then
    _nomos_options "$cmdpath"
    _nomos_items=("${reply[@]}")
    return 0
  else
    if ((nargs == 0 && !dashdash)); then _nomos_subcommands "$cmdpath"; _nomos_items=("${reply[@]}"); fi
    _nomos_argument "$cmdpath" "$nargs"
  fi
  if [[ $REPLY == @command ]]; then _nomos_special="@command $CURRENT"; return 0; fi
  _nomos_special=${(M)REPLY##@*}
  _nomos_items+=(${=REPLY%%@*})
}

_nomos() {
  local -a _nomos_items ids
  local _nomos_special
  _nomos_candidates
  case $_nomos_special in
    @command*)
      local -i n=${_nomos_special#@command }
      words=("${(@)words[n,-1]}")
      ((CURRENT -= n - 1))
      _normal
      return ;;
    @file) _files ;;
    @dynamic*)
      ids=(${(f)"$(command nomos completion --candidates ${_nomos_special#@dynamic } 2>/dev/null)"})
      compadd -a ids ;;
  esac
  ((${#_nomos_items})) && _describe -t nomos nomos _nomos_items
  return 0
}

if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
  _nomos "$@"
else
  compdef _nomos nomos
fi
