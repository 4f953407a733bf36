import { chmodSync } from 'node:fs';
import type { Server } from 'node:http';
import { auditLogPath } from '../../config/paths.js';
import { ExitCode, UsageError } from '../../errors.js';
import { loadShellParser } from '../../action/shell/parser.js';
import { createFirewall } from '../../integrations/firewall.js';
import { generateToken, isLoopback } from '../../server/auth.js';
import { createDecisionServer } from '../../server/server.js';
import { resolveSessionId } from '../../session/identity.js';
import type { CliEnv } from '../context.js';
import type { PolicyFlags } from '../options.js';

export interface ServeOptions extends PolicyFlags {
  listen?: string;
  socket?: string;
  allowRemote?: boolean;
  maxBody?: string;
}

/** `nomos serve`: the HTTP decision API until SIGINT/SIGTERM. Returns the exit code. */
export async function runServe(options: ServeOptions, cli: CliEnv, stop: Promise<unknown> = signalled()): Promise<number> {
  if (options.listen && options.socket) throw new UsageError('give --listen or --socket, not both');
  const tcp = options.socket ? undefined : parseListen(options.listen ?? '127.0.0.1:8787', options.allowRemote === true);
  // A resident front end loads the grammar once, up front: no call then probes for the fast path.
  await loadShellParser();
  const firewall = createFirewall({
    // The environment as the server started: a plain copy, read on every decision (process.env's own reads cost each one tens of µs).
    cwd: cli.cwd, env: { ...cli.env }, via: 'serve', session: resolveSessionId(options.session, cli.env),
    ...(options.rules ? { rules: options.rules } : {}), ...(options.builtin === false ? { builtin: false } : {}),
  });
  // Load the policy before listening: a broken rule file stops the server (exit 78), never a request.
  await firewall.check({ kind: 'argv', argv: ['true'] });
  const token = tcp ? (cli.env.NOMOS_SERVE_TOKEN || generateToken()) : undefined;
  const maxBodyBytes = options.maxBody ? Number(options.maxBody) : 1024 * 1024;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new UsageError(`--max-body must be a positive number of bytes, not ${options.maxBody}`);
  const server = createDecisionServer({ firewall, auditLog: auditLogPath(cli.env), maxBodyBytes, ...(token ? { token } : {}) });
  await listen(server, tcp ?? { path: options.socket! });
  if (options.socket) chmodSync(options.socket, 0o600); // the socket's mode is its access control
  const address = server.address();
  const where = typeof address === 'string' ? `unix:${address}` : `http://${tcp!.host.includes(':') ? `[${tcp!.host}]` : tcp!.host}:${address!.port}`;
  cli.stdout(`nomos serve: listening on ${where}\n`);
  if (token) cli.stdout(cli.env.NOMOS_SERVE_TOKEN ? 'nomos serve: bearer token from NOMOS_SERVE_TOKEN\n' : `nomos serve: bearer token ${token}\n`);
  await stop;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return ExitCode.ok;
}

function parseListen(text: string, allowRemote: boolean): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  if (!match) throw new UsageError(`--listen takes HOST:PORT (e.g. 127.0.0.1:8787), not "${text}"`);
  const host = match[1] ?? match[2]!;
  if (!isLoopback(host) && !allowRemote) throw new UsageError(`refusing to listen on ${host}: nomos serve is local-only; use a loopback address, --socket, or --allow-remote behind your own TLS`);
  return { host, port: Number(match[3]) };
}

function listen(server: Server, where: { host: string; port: number } | { path: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new UsageError(`address in use: ${'path' in where ? where.path : `${where.host}:${where.port}`}`) : e));
    server.listen(where, resolve);
  });
}

function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
