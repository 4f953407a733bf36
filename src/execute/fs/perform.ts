import { Readable, type Writable } from 'node:stream';
import { monotonicMs } from '../../builtins.js';
import { opShape, type FsOp } from '../../action/fs-request.js';
import type { FileAction } from '../../action/types.js';
import type { RunOutcome } from '../run.js';
import { copyFile, streamFile, streamInto } from './content.js';
import { FsError } from './errors.js';
import { formatEntries, formatInfo, listChecked, statChecked } from './inspect.js';
import { deleteChecked, mkdirChecked, moveChecked } from './tree.js';

/** The caller's side of a file operation: where content comes from and goes to. */
export interface FsIo {
  /** Content for write/append (`--content`, else stdin). */
  input: () => Readable;
  /** Where read and listings go (stdout): a stream, so reads of any size pass through. */
  output: Writable;
  /** The descriptor behind `output` when it is the process's stdout: reads write to it directly (faster). */
  outputFd?: number;
  json?: boolean;
  recursive?: boolean;
  parents?: boolean;
  /** The file written had other names (hard links) when it was decided: the decision saw that (and asked). */
  linked?: boolean;
}

/**
 * Performs the decided action. It acts on the action as decided (after any `modify`
 * rewrite), not on the words the agent typed: `op` is what was asked, and when a
 * rewrite changed the action's operation (a delete turned into a move to a trash
 * directory) the action's own operation is performed instead.
 */
export async function performFs(asked: FsOp, action: FileAction, io: FsIo): Promise<RunOutcome> {
  const started = monotonicMs();
  const op: FsOp = opShape(asked).ruleOp === action.op ? asked : toFsOp(action);
  const detail = await perform(op, action, io);
  return { exitCode: 0, durationMs: Math.round(monotonicMs() - started), detail: { op, ...detail } };
}

function toFsOp(action: FileAction): FsOp {
  if (action.op === 'chmod' || action.op === 'arg') throw new FsError('ENOTSUP', `${action.op} is not an operation nomos fs performs (${action.path})`);
  return action.op;
}

async function perform(op: FsOp, action: FileAction, io: FsIo): Promise<Record<string, unknown>> {
  const { path } = action;
  switch (op) {
    case 'read':
      return streamFile(path, () => io.output, io.outputFd);
    case 'write':
    case 'append':
      return { bytes: await streamInto(path, op, io.input(), undefined, io.linked === true) };
    case 'copy':
      return { bytes: await copyFile(path, needTarget(action), io.linked === true) };
    case 'move':
      moveChecked(path, needTarget(action));
      return {};
    case 'delete':
      deleteChecked(path, io.recursive === true);
      return {};
    case 'mkdir':
      mkdirChecked(path, io.parents === true);
      return {};
    case 'list':
      return list(path, io);
    case 'stat':
      return stat(path, io);
  }
}

function needTarget(action: FileAction): string {
  if (action.target === undefined) throw new FsError('EINVAL', `${action.op} of ${action.path} needs a target`);
  return action.target;
}

function list(path: string, io: FsIo): Record<string, unknown> {
  const entries = listChecked(path);
  io.output.write(io.json ? `${JSON.stringify(entries)}\n` : formatEntries(entries));
  return { entries: entries.length };
}

function stat(path: string, io: FsIo): Record<string, unknown> {
  const info = statChecked(path);
  io.output.write(io.json ? `${JSON.stringify(info)}\n` : formatInfo(info));
  return {};
}

/** `--content TEXT` as a stream, so write/append have one path for stdin and text. */
export function textInput(text: string): () => Readable {
  return () => Readable.from([Buffer.from(text)]);
}
