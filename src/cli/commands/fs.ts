import { Readable, type Writable } from 'node:stream';
import { FS_OPS, toFsOp, type FsOp } from '../../action/fs-request.js';
import type { Request } from '../../action/request.js';
import type { FileAction } from '../../action/types.js';
import { ExitCode, UsageError } from '../../errors.js';
import { performFs, textInput } from '../../execute/fs/perform.js';
import { planFsRequest } from '../../execute/fs/plan.js';
import { execute } from '../../pipeline.js';
import { cliStreams, loadActionDeps, type ActionFlags } from '../action-deps.js';
import { analysisContext } from '../../config/context.js';
import type { CliEnv } from '../context.js';
import { formatDenial } from '../format.js';

export interface FsOptions extends ActionFlags {
  content?: string;
  json?: boolean;
  recursive?: boolean;
  parents?: boolean;
}

/** `nomos fs OP PATH [TARGET]`: resolve the real paths, decide, record, then perform it here. Returns the exit code. */
export async function runFs(words: string[], options: FsOptions, cli: CliEnv): Promise<number> {
  const [op, path, target] = parseWords(words);
  const { home, hardLinked } = analysisContext(cli.cwd, cli.env);
  const actions = planFsRequest(op, path, target, { cwd: cli.cwd, home, parents: options.parents === true, recursive: options.recursive === true });
  // Whether the file changed has other names now, before the decision (which asks about it then).
  const changed = op === 'copy' ? actions[0]!.target : actions[0]!.path;
  const linked = changed !== undefined && hardLinked?.(changed) === true;
  const streams = cliStreams(cli);
  const io = {
    input: options.content !== undefined ? textInput(options.content) : () => streams.stdin as Readable,
    // Read when used: building process.stdout makes a pipe non-blocking, and a read writes to fd 1 directly.
    get output() {
      return streams.stdout as Writable;
    },
    ...(cli.stdoutFd !== undefined ? { outputFd: cli.stdoutFd } : {}),
    json: options.json === true,
    recursive: options.recursive === true,
    parents: options.parents === true,
    linked,
  };
  const request: Request = { kind: 'actions', actions, text: requestText(op, actions[0]!) };
  const deps = await loadActionDeps(options, cli, { perform: (decided) => performFs(op, decided[0] as FileAction, io) }, request);
  const { verdict, outcome } = await execute(request, deps);
  if (!outcome) {
    cli.stderr(`${formatDenial(verdict.evaluation, verdict.approval?.reason)}\n`);
    return ExitCode.denied;
  }
  return outcome.exitCode;
}

function parseWords(words: string[]): [FsOp, string, string | undefined] {
  const [word, path, target, ...rest] = words;
  const op = word === undefined ? undefined : toFsOp(word);
  if (!op) throw new UsageError(`unknown operation "${word ?? ''}": use one of ${FS_OPS.join(', ')}`);
  if (path === undefined) throw new UsageError(`nomos fs ${op} needs a PATH`);
  const needsTarget = op === 'copy' || op === 'move';
  if (needsTarget && target === undefined) throw new UsageError(`nomos fs ${op} needs a PATH and a TARGET`);
  if ((!needsTarget && target !== undefined) || rest.length > 0) throw new UsageError(`too many arguments for nomos fs ${op}`);
  return [op, path, target];
}

/** How the request reads in the audit log and a prompt: the real paths, never the content. */
function requestText(op: FsOp, action: FileAction): string {
  return ['nomos fs', op, action.path, ...(action.target !== undefined ? [action.target] : [])].join(' ');
}
