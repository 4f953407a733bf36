import { userInfo } from 'node:os';
import { insideNomosCommand } from '../../approval/marker.js';
import { approvalsDir } from '../../approval/private-dir.js';
import { listRequests, writeAnswer } from '../../approval/queue.js';
import { loadApprovalKey } from '../../approval/signing.js';
import { stateDir, userConfigDir } from '../../config/paths.js';
import { DeniedError, ExitCode, UsageError } from '../../errors.js';
import { visible } from '../../visible.js';
import type { CliEnv } from '../context.js';

/** Flags of `nomos approve`. */
export interface ApproveOptions {
  allow?: boolean;
  deny?: boolean;
  reason?: string;
  sessionWide?: boolean;
  list?: boolean;
  json?: boolean;
}

/** `nomos approve`: answer pending requests (the list, one by id, or print them). Returns the exit code. */
export async function runApprove(id: string | undefined, options: ApproveOptions, cli: CliEnv): Promise<number> {
  // An agent must never approve its own requests: refuse anywhere below a command nomos ran.
  if (insideNomosCommand(cli.env)) throw new DeniedError('nomos approve refuses to run inside a command nomos executed: approvals come from a human in a terminal of their own');
  const dir = approvalsDir(stateDir(cli.env));
  if (options.list || options.json) return printList(dir, options, cli);
  const key = loadApprovalKey(userConfigDir(cli.env));
  const by = `approve:${userInfo().username}`;
  if (id) return answerById(dir, key, by, id, options, cli);
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('the list of pending requests needs a terminal; use nomos approve --list, or nomos approve ID --allow|--deny');
  const { runApproveApp } = await import('../../approval/approve-app.js');
  await runApproveApp({ dir, key, by, stdin: process.stdin, stdout: process.stdout });
  return ExitCode.ok;
}

function printList(dir: string, options: ApproveOptions, cli: CliEnv): number {
  const requests = listRequests(dir).map((e) => e.request);
  if (options.json) {
    cli.stdout(`${JSON.stringify(requests.map(({ id, created, expires, session, actor, cwd, command, evaluation, unavailable }) => ({ id, created, expires, session, actor, cwd, command, decision: evaluation.decision, reason: evaluation.reason, rules: evaluation.rules.filter((r) => r.decision === 'ask').map((r) => r.id), unavailable })))}\n`);
  } else if (requests.length === 0) cli.stdout('no pending requests\n');
  else for (const r of requests) cli.stdout(`${visible(`${r.id}  ${r.session}  ${r.command}`)}\n`);
  return ExitCode.ok;
}

function answerById(dir: string, key: Buffer, by: string, id: string, options: ApproveOptions, cli: CliEnv): number {
  if (Boolean(options.allow) === Boolean(options.deny)) throw new UsageError('give exactly one of --allow or --deny');
  if (options.sessionWide && !options.allow) throw new UsageError('--session-wide goes with --allow');
  const matches = listRequests(dir).filter((e) => e.request.id.startsWith(id.toLowerCase()));
  if (matches.length !== 1) throw new UsageError(matches.length ? `"${id}" matches ${matches.length} requests; give more of the id` : `no pending request "${id}" (answered, timed out or never there); nomos approve --list shows what is waiting`);
  const { request, text } = matches[0]!;
  if (options.sessionWide && request.unavailable.session) throw new UsageError(`request ${request.id} cannot be allowed for its session: ${request.unavailable.session}; use --allow alone`);
  const choice = options.allow ? (options.sessionWide ? 'session' : 'once') : 'deny';
  writeAnswer(dir, key, request.id, text, { choice, ...(options.reason ? { text: options.reason } : {}), by });
  cli.stdout(`${choice === 'deny' ? 'denied' : choice === 'session' ? 'allowed for its session' : 'allowed once'}: ${visible(`${request.id} (${request.command})`)}\n`);
  return ExitCode.ok;
}

/** The `approve` subcommand. */
