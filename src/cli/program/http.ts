// `nomos http`: the commander definition; the implementation is imported when the command runs.
import { Command, Option } from 'commander';
import type { HttpOptions } from '../commands/http.js';
import { addPolicyOptions, collect } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/http.js');

export function makeHttpCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('http'))
    .description('Send an HTTP request through nomos: decided by the rules, every redirect hop decided again')
    .argument('<words...>', '[METHOD] URL (GET, or POST when a body is given)')
    .addOption(new Option('-H, --header <line>', "a request header 'Name: value' (repeatable)").argParser(collect))
    .option('-d, --data <data>', 'request body (form-encoded unless -H content-type says otherwise)')
    .option('--json-body <json>', 'a JSON request body (sets content-type and accept)')
    .option('--data-binary <data>', 'request body as given; @file reads a file (decided as a read), @- reads stdin')
    .option('--max-bytes <n>', 'stop and fail when the response body is larger than this')
    .option('--timeout <duration>', 'give up after this long, exit 124 (default 30s)')
    .option('--max-redirects <n>', 'follow at most this many redirects, each decided again (default 10; 0 prints the redirect)')
    .option('-i, --include', 'print the status line and response headers before the body')
    .option('--json', 'print one JSON object: status, url, headers, body (or body_base64), bytes')
    .option('--block-private', 'refuse hosts that resolve to private, loopback or link-local addresses (also NOMOS_HTTP_BLOCK_PRIVATE=1)')
    .option('--no-prompt', 'never prompt: a request that needs approval is denied')
    .action(async (words: string[], options: HttpOptions) => setExit(await (await run()).runHttp(words, options, cli)));
}
