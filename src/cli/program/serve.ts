// `nomos serve`: the commander definition; the implementation is imported when the command runs.
import { Command } from 'commander';
import type { ServeOptions } from '../commands/serve.js';
import { addPolicyOptions } from './policy-options.js';
import type { CliEnv } from '../context.js';

const run = () => import('../commands/serve.js');

export function makeServeCommand(cli: CliEnv, setExit: (code: number) => void): Command {
  return addPolicyOptions(new Command('serve'))
    .description('Serve the decision API over HTTP: /v1/check, /v1/exec, /v1/audit, /v1/pending, /v1/approve/:id, /healthz')
    .option('--listen <host:port>', 'TCP address, loopback only (default 127.0.0.1:8787; port 0 picks a free one); needs a bearer token')
    .option('--socket <path>', 'listen on a Unix socket (mode 0600) instead of TCP')
    .option('--allow-remote', 'allow a non-loopback --listen address (put TLS in front)')
    .option('--max-body <bytes>', 'largest request body accepted (default 1048576)')
    .action(async (options: ServeOptions) => setExit(await (await run()).runServe(options, cli)));
}
