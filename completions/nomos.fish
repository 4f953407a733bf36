# fish completion for nomos.
# Generated from the CLI itself (nomos completion fish, scripts/gen-completions.mjs): do not edit.
# Install: copy to ~/.config/fish/completions/nomos.fish,
# or run  nomos completion fish | source  in config.fish.

# Subcommands of command path $argv[1].
function __nomos_subcommands
    switch "$argv[1]|$argv[2]"
        case '|'
            printf '%s\n' 'exec' 'check' 'session' 'approve' 'fs' 'http' 'hook' 'mcp' 'serve' 'audit' 'completion' 'init' 'doctor' 'lint' 'test' 'rules' 'explain' 'trust' 'daemon' 'help'
        case 'session|'
            printf '%s\n' 'start' 'show' 'list' 'end' 'help'
        case 'audit|'
            printf '%s\n' 'tail' 'verify' 'show' 'export' 'help'
        case 'rules|'
            printf '%s\n' 'list' 'show' 'help'
        case 'daemon|'
            printf '%s\n' 'start' 'stop' 'status' 'help'
        case '*'
            return 1
    end
end

# Whether option $argv[2] of path $argv[1] takes a value.
function __nomos_takes_value
    switch "$argv[1]|$argv[2]"
        case 'exec|--session' 'exec|--rules' 'exec|--timeout' 'exec|--approval-timeout' 'check|--session' 'check|--rules' 'session start|--name' 'session start|--ttl' 'session show|--last' 'approve|--reason' 'fs|--session' 'fs|--rules' 'fs|--content' 'http|--session' 'http|--rules' 'http|-H' 'http|--header' 'http|-d' 'http|--data' 'http|--json-body' 'http|--data-binary' 'http|--max-bytes' 'http|--timeout' 'http|--max-redirects' 'hook|--session' 'hook|--rules' 'mcp|--session' 'mcp|--rules' 'mcp|--timeout' 'serve|--session' 'serve|--rules' 'serve|--listen' 'serve|--socket' 'serve|--max-body' 'audit tail|-n' 'audit tail|--lines' 'audit tail|--session' 'audit tail|--decision' 'audit tail|--rule' 'audit tail|--since' 'audit verify|--key-file' 'audit export|--format' 'audit export|--since' 'audit export|--until' 'init|--profile' 'init|--agent' 'lint|--format' 'test|--session' 'test|--rules' 'rules list|--session' 'rules list|--rules' 'rules show|--session' 'rules show|--rules' 'explain|--session' 'explain|--rules' 'daemon start|--idle-timeout'
            return 0
        case '*'
            return 1
    end
end

# Whether path $argv[1] runs its positional words as a command (options end there).
function __nomos_rest_is_command
    switch "$argv[1]|$argv[2]"
        case 'exec|' 'check|' 'explain|'
            return 0
        case '*'
            return 1
    end
end

function __nomos_at
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

complete -c nomos -f
complete -c nomos -n "__nomos_at '' 0" -a 'exec' -d 'Decide a command, ask a human if a rule says so, record it, then run it'
complete -c nomos -n "__nomos_at '' 0" -a 'check' -d 'Decide a command without running it (exit 0 allow, 75 would ask, 77 deny)'
complete -c nomos -n "__nomos_at '' 0" -a 'session' -d 'Sessions: the shared history stateful rules (budgets, counts) decide on'
complete -c nomos -n "__nomos_at '' 0" -a 'approve' -d 'Answer pending approval requests: a live list, or one request by id (never from inside an agent'\''s command)'
complete -c nomos -n "__nomos_at '' 0" -a 'fs' -d 'Read, write and manage files through nomos, decided by the same rules as shell commands (read|write|append|delete|list|move|copy|mkdir|stat)'
complete -c nomos -n "__nomos_at '' 0" -a 'http' -d 'Send an HTTP request through nomos: decided by the rules, every redirect hop decided again'
complete -c nomos -n "__nomos_at '' 0" -a 'hook' -d 'Answer an agent'\''s pre-tool hook: tool call JSON on stdin, decision JSON on stdout (claude-code, gemini-cli, json)'
complete -c nomos -n "__nomos_at '' 0" -a 'mcp' -d 'Serve shell, read_file, write_file, list_dir and http_request as MCP tools over stdio, each through the firewall'
complete -c nomos -n "__nomos_at '' 0" -a 'serve' -d 'Serve the decision API over HTTP: /v1/check, /v1/exec, /v1/audit, /v1/pending, /v1/approve/:id, /healthz'
complete -c nomos -n "__nomos_at '' 0" -a 'audit' -d 'Read and check the tamper-evident audit log'
complete -c nomos -n "__nomos_at '' 0" -a 'completion' -d 'Print the shell completion script for bash, zsh or fish'
complete -c nomos -n "__nomos_at '' 0" -a 'init' -d 'Write a commented project config and starter rules, and put an agent behind nomos'
complete -c nomos -n "__nomos_at '' 0" -a 'doctor' -d 'Check the installation (node, parser, state dir, audit log, config, agent hook) and say what to fix'
complete -c nomos -n "__nomos_at '' 0" -a 'lint' -d 'Check rule files: YAML, schema, CEL, patterns, examples, duplicate ids, shadowed and risky rules (exit 0 clean, 1 findings, 78 unreadable)'
complete -c nomos -n "__nomos_at '' 0" -a 'test' -d 'Run policy tests (*.test.yaml) and every rule'\''s examples against the effective policy (exit 1 on failure)'
complete -c nomos -n "__nomos_at '' 0" -a 'rules' -d 'Show the effective rule set: which layer each rule came from, and what is disabled'
complete -c nomos -n "__nomos_at '' 0" -a 'explain' -d 'Show what bash would run for a command: programs, via chains, file/http actions, opaque parts, matched rules and the decision'
complete -c nomos -n "__nomos_at '' 0" -a 'trust' -d 'Trust a project'\''s config as it is now: until then (and after any change) it may only tighten the policy, since it comes with the repository'
complete -c nomos -n "__nomos_at '' 0" -a 'daemon' -d 'A background process that keeps nomos loaded, so check, exec and hook calls start faster (optional; see docs/daemon.md)'
complete -c nomos -n "__nomos_at '' 0" -a 'help' -d 'display help for command'
complete -c nomos -n "__nomos_at ''" -s V -l version -d 'output the version number'
complete -c nomos -n "__nomos_at ''" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'exec' 0" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'exec' 0" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'exec' 0" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'exec' 0" -l timeout -x -d 'kill the command after this long (30s, 5m); exit 124'
complete -c nomos -n "__nomos_at 'exec' 0" -l no-prompt -d 'never prompt: a command that needs approval is denied'
complete -c nomos -n "__nomos_at 'exec' 0" -l approval-timeout -x -d 'how long to wait for an approval before denying (default: $NOMOS_APPROVAL_TIMEOUT, else 120s)'
complete -c nomos -n "__nomos_at 'exec' 0" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'check' 0" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'check' 0" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'check' 0" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'check' 0" -l json -d 'print the decision as one JSON object'
complete -c nomos -n "__nomos_at 'check' 0" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'session' 0" -a 'start' -d 'Start a session; eval the printed line: eval "$(nomos session start)"'
complete -c nomos -n "__nomos_at 'session' 0" -a 'show' -d 'Counters, sums and the last actions of a session'
complete -c nomos -n "__nomos_at 'session' 0" -a 'list' -d 'All sessions, most recently active first'
complete -c nomos -n "__nomos_at 'session' 0" -a 'end' -d 'Discard a session'\''s state'
complete -c nomos -n "__nomos_at 'session' 0" -a 'help' -d 'display help for command'
complete -c nomos -n "__nomos_at 'session'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'session start'" -l name -x -d 'a label shown by session list'
complete -c nomos -n "__nomos_at 'session start'" -l ttl -x -d 'remove after this long idle (default 24h)'
complete -c nomos -n "__nomos_at 'session start'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'session show'" -l json -d 'print as JSON'
complete -c nomos -n "__nomos_at 'session show'" -l last -x -d 'how many recent events to show'
complete -c nomos -n "__nomos_at 'session show'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'session list'" -l json -d 'print as JSON'
complete -c nomos -n "__nomos_at 'session list'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'session end'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'approve'" -l allow -d 'allow the request'
complete -c nomos -n "__nomos_at 'approve'" -l deny -d 'deny the request'
complete -c nomos -n "__nomos_at 'approve'" -l reason -x -d 'with --deny: the reason the agent sees'
complete -c nomos -n "__nomos_at 'approve'" -l session-wide -d 'with --allow: allow the same command for the rest of its session'
complete -c nomos -n "__nomos_at 'approve'" -l list -d 'print the pending requests, newest first'
complete -c nomos -n "__nomos_at 'approve'" -l json -d 'with --list: as one JSON array'
complete -c nomos -n "__nomos_at 'approve'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'fs'" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'fs'" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'fs'" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'fs'" -l content -x -d 'content for write/append (default: read stdin)'
complete -c nomos -n "__nomos_at 'fs'" -l json -d 'list and stat: print JSON'
complete -c nomos -n "__nomos_at 'fs'" -s r -l recursive -d 'delete: remove a directory and everything in it'
complete -c nomos -n "__nomos_at 'fs'" -s p -l parents -d 'mkdir: create missing parent directories; no error if it exists'
complete -c nomos -n "__nomos_at 'fs'" -l no-prompt -d 'never prompt: an action that needs approval is denied'
complete -c nomos -n "__nomos_at 'fs'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'http'" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'http'" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'http'" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'http'" -s H -l header -x -d 'a request header '\''Name: value'\'' (repeatable)'
complete -c nomos -n "__nomos_at 'http'" -s d -l data -x -d 'request body (form-encoded unless -H content-type says otherwise)'
complete -c nomos -n "__nomos_at 'http'" -l json-body -x -d 'a JSON request body (sets content-type and accept)'
complete -c nomos -n "__nomos_at 'http'" -l data-binary -x -d 'request body as given; @file reads a file (decided as a read), @- reads stdin'
complete -c nomos -n "__nomos_at 'http'" -l max-bytes -x -d 'stop and fail when the response body is larger than this'
complete -c nomos -n "__nomos_at 'http'" -l timeout -x -d 'give up after this long, exit 124 (default 30s)'
complete -c nomos -n "__nomos_at 'http'" -l max-redirects -x -d 'follow at most this many redirects, each decided again (default 10; 0 prints the redirect)'
complete -c nomos -n "__nomos_at 'http'" -s i -l include -d 'print the status line and response headers before the body'
complete -c nomos -n "__nomos_at 'http'" -l json -d 'print one JSON object: status, url, headers, body (or body_base64), bytes'
complete -c nomos -n "__nomos_at 'http'" -l block-private -d 'refuse hosts that resolve to private, loopback or link-local addresses (also NOMOS_HTTP_BLOCK_PRIVATE=1)'
complete -c nomos -n "__nomos_at 'http'" -l no-prompt -d 'never prompt: a request that needs approval is denied'
complete -c nomos -n "__nomos_at 'http'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'hook'" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'hook'" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'hook'" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'hook'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'mcp'" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'mcp'" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'mcp'" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'mcp'" -l no-prompt -d 'never prompt: a call that needs approval is denied'
complete -c nomos -n "__nomos_at 'mcp'" -l timeout -x -d 'kill a command or request after this long (default 2m)'
complete -c nomos -n "__nomos_at 'mcp'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'serve'" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'serve'" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'serve'" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'serve'" -l listen -x -d 'TCP address, loopback only (default 127.0.0.1:8787; port 0 picks a free one); needs a bearer token'
complete -c nomos -n "__nomos_at 'serve'" -l socket -r -F -d 'listen on a Unix socket (mode 0600) instead of TCP'
complete -c nomos -n "__nomos_at 'serve'" -l allow-remote -d 'allow a non-loopback --listen address (put TLS in front)'
complete -c nomos -n "__nomos_at 'serve'" -l max-body -x -d 'largest request body accepted (default 1048576)'
complete -c nomos -n "__nomos_at 'serve'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'audit' 0" -a 'tail' -d 'Print the newest events, one line each (-f: keep following)'
complete -c nomos -n "__nomos_at 'audit' 0" -a 'verify' -d 'Check every seal and link of the log (exit 0 intact, 1 broken)'
complete -c nomos -n "__nomos_at 'audit' 0" -a 'show' -d 'Print one decision with its outcome'
complete -c nomos -n "__nomos_at 'audit' 0" -a 'export' -d 'Write events for a SIEM'
complete -c nomos -n "__nomos_at 'audit' 0" -a 'help' -d 'display help for command'
complete -c nomos -n "__nomos_at 'audit'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'audit tail'" -s n -l lines -x -d 'how many events'
complete -c nomos -n "__nomos_at 'audit tail'" -s f -l follow -d 'keep printing new events, across rotation'
complete -c nomos -n "__nomos_at 'audit tail'" -l session -x -d 'only this session'
complete -c nomos -n "__nomos_at 'audit tail'" -l decision -x -d 'only these decisions, e.g. deny,ask'
complete -c nomos -n "__nomos_at 'audit tail'" -l rule -x -d 'only decisions this rule took part in'
complete -c nomos -n "__nomos_at 'audit tail'" -l since -x -d 'only newer events: 30m, 1h, 2d or an ISO time'
complete -c nomos -n "__nomos_at 'audit tail'" -l json -d 'raw JSONL as stored'
complete -c nomos -n "__nomos_at 'audit tail'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'audit verify'" -l key-file -r -F -d 'HMAC key (default: $NOMOS_AUDIT_KEY_FILE)'
complete -c nomos -n "__nomos_at 'audit verify'" -l no-head -d 'do not compare the end with the head record'
complete -c nomos -n "__nomos_at 'audit verify'" -l json -d 'print the result as one JSON object'
complete -c nomos -n "__nomos_at 'audit verify'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'audit show'" -l json -d 'print {decision, outcome} as JSON'
complete -c nomos -n "__nomos_at 'audit show'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'audit export'" -l format -x -a 'jsonl csv cef' -d 'output format'
complete -c nomos -n "__nomos_at 'audit export'" -l since -x -d 'only events at or after: 30m, 1h, 2d or an ISO time'
complete -c nomos -n "__nomos_at 'audit export'" -l until -x -d 'only events at or before'
complete -c nomos -n "__nomos_at 'audit export'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'completion'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'init'" -l profile -x -a 'strict balanced permissive' -d 'how cautious to start'
complete -c nomos -n "__nomos_at 'init'" -l agent -x -a 'claude-code gemini-cli mcp none' -d 'the agent to set up'
complete -c nomos -n "__nomos_at 'init'" -l write -d 'merge the agent'\''s settings into its config file instead of printing them'
complete -c nomos -n "__nomos_at 'init'" -l force -d 'overwrite an existing config and starter rule file'
complete -c nomos -n "__nomos_at 'init'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'doctor'" -l json -d 'print the checks as JSON'
complete -c nomos -n "__nomos_at 'doctor'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'lint'" -l format -x -a 'human json github sarif' -d 'output format'
complete -c nomos -n "__nomos_at 'lint'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'test'" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'test'" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'test'" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'test'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'rules' 0" -a 'list' -d ''
complete -c nomos -n "__nomos_at 'rules' 0" -a 'show' -d ''
complete -c nomos -n "__nomos_at 'rules' 0" -a 'help' -d 'display help for command'
complete -c nomos -n "__nomos_at 'rules'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'rules list'" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'rules list'" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'rules list'" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'rules list'" -l json -d 'one JSON document'
complete -c nomos -n "__nomos_at 'rules list'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'rules show'" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'rules show'" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'rules show'" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'rules show'" -l json -d 'one JSON document'
complete -c nomos -n "__nomos_at 'rules show'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'explain' 0" -l session -x -d 'session id (default: $NOMOS_SESSION, else derived from the calling process)'
complete -c nomos -n "__nomos_at 'explain' 0" -l rules -r -F -d 'an extra rule file, loaded after the config (repeatable)'
complete -c nomos -n "__nomos_at 'explain' 0" -l no-builtin -d 'leave out the shipped rule packs'
complete -c nomos -n "__nomos_at 'explain' 0" -l json -d 'print the explanation as one JSON object'
complete -c nomos -n "__nomos_at 'explain' 0" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'trust'" -l list -d 'print the trusted configs and whether each is unchanged'
complete -c nomos -n "__nomos_at 'trust'" -l revoke -d 'stop trusting the config that governs the directory'
complete -c nomos -n "__nomos_at 'trust'" -l json -d 'one JSON document'
complete -c nomos -n "__nomos_at 'trust'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'daemon' 0" -a 'start' -d 'Start this user'\''s daemon (for NOMOS_STATE_DIR); check, exec and hook calls use it while it runs'
complete -c nomos -n "__nomos_at 'daemon' 0" -a 'stop' -d 'Stop the daemon (calls are then decided in their own process again)'
complete -c nomos -n "__nomos_at 'daemon' 0" -a 'status' -d 'Whether a daemon of this build answers calls (exit 0) or not (exit 1)'
complete -c nomos -n "__nomos_at 'daemon' 0" -a 'help' -d 'display help for command'
complete -c nomos -n "__nomos_at 'daemon'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'daemon start'" -l idle-timeout -x -d 'stop after this long without a call'
complete -c nomos -n "__nomos_at 'daemon start'" -l foreground -d 'run in this process, logging to stderr, until stopped'
complete -c nomos -n "__nomos_at 'daemon start'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'daemon stop'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'daemon status'" -l json -d 'print as JSON'
complete -c nomos -n "__nomos_at 'daemon status'" -s h -l help -d 'display help for command'
complete -c nomos -n "__nomos_at 'exec' 0" -f -a '(__fish_complete_command)'
complete -c nomos -n "__nomos_at 'exec' 1+" -F
complete -c nomos -n "__nomos_at 'check' 0" -f -a '(__fish_complete_command)'
complete -c nomos -n "__nomos_at 'check' 1+" -F
complete -c nomos -n "__nomos_at 'session show' 0" -f -a '(command nomos completion --candidates session-ids 2>/dev/null)'
complete -c nomos -n "__nomos_at 'session end' 0" -f -a '(command nomos completion --candidates session-ids 2>/dev/null)'
complete -c nomos -n "__nomos_at 'session help' 0" -f -a 'start show list end'
complete -c nomos -n "__nomos_at 'approve' 0" -f -a '(command nomos completion --candidates pending-ids 2>/dev/null)'
complete -c nomos -n "__nomos_at 'fs' 1" -F
complete -c nomos -n "__nomos_at 'audit help' 0" -f -a 'tail verify show export'
complete -c nomos -n "__nomos_at 'completion' 0" -f -a 'bash zsh fish'
complete -c nomos -n "__nomos_at 'rules show' 0" -f -a '(command nomos completion --candidates rule-ids 2>/dev/null)'
complete -c nomos -n "__nomos_at 'rules help' 0" -f -a 'list show'
complete -c nomos -n "__nomos_at 'explain' 0" -f -a '(__fish_complete_command)'
complete -c nomos -n "__nomos_at 'explain' 1+" -F
complete -c nomos -n "__nomos_at 'trust' 0" -F
complete -c nomos -n "__nomos_at 'daemon help' 0" -f -a 'start stop status'
complete -c nomos -n "__nomos_at 'help' 0" -f -a 'exec check session approve fs http hook mcp serve audit completion init doctor lint test rules explain trust daemon'
