import { table } from './table.js';
import type { FileAction, FileOp } from './types.js';

/** The operations `nomos fs` performs. */
export const FS_OPS = ['read', 'write', 'append', 'delete', 'list', 'move', 'copy', 'mkdir', 'stat'] as const;

/** One `nomos fs` operation. */
export type FsOp = (typeof FS_OPS)[number];

/** How each operation treats its paths, and which rule op it is decided as. */
interface OpShape {
  /** The FileOp rules match (`mkdir` writes, `stat` lists metadata). */
  ruleOp: FileOp;
  /** Whether the final component is followed when it is a symlink, as the kernel does for this call. */
  followsFinal: boolean;
  /** Whether the operation takes a TARGET. */
  target: boolean;
}

const SHAPES = table<FsOp, OpShape>({
  read: { ruleOp: 'read', followsFinal: true, target: false },
  write: { ruleOp: 'write', followsFinal: true, target: false },
  append: { ruleOp: 'append', followsFinal: true, target: false },
  // unlink, rename and lstat act on a link itself, never on what it points to.
  delete: { ruleOp: 'delete', followsFinal: false, target: false },
  stat: { ruleOp: 'list', followsFinal: false, target: false },
  list: { ruleOp: 'list', followsFinal: true, target: false },
  move: { ruleOp: 'move', followsFinal: false, target: true },
  copy: { ruleOp: 'copy', followsFinal: true, target: true },
  mkdir: { ruleOp: 'write', followsFinal: false, target: false },
});

/** Narrows a word to an operation, or undefined. */
export function toFsOp(word: string): FsOp | undefined {
  return (FS_OPS as readonly string[]).includes(word) ? (word as FsOp) : undefined;
}

/** How an operation treats its paths. */
export function opShape(op: FsOp): OpShape {
  return SHAPES[op];
}

/** Whether the TARGET of a copy/move follows a final symlink: cp writes through it, mv replaces it. */
export function targetFollowsFinal(op: FsOp): boolean {
  return op === 'copy';
}

/**
 * The actions a `nomos fs` call is decided on, from paths already resolved the way the
 * kernel will resolve them. Copy and move also imply a read/delete of the source and a
 * write of the target, exactly as shell analysis reports `cp` and `mv`, so one rule
 * about reads or writes covers `nomos fs copy` and `cp` alike. The first action is the
 * one performed.
 */
export function fsActions(op: FsOp, path: string, target?: string, recursive = false): FileAction[] {
  const via = ['nomos fs'];
  const ruleOp = SHAPES[op].ruleOp;
  return [fileOpAction(ruleOp, path, via, target, ruleOp === 'move' || (op === 'delete' && recursive)), ...impliedFileActions(ruleOp, path, target, via)];
}

/**
 * A file operation as it is decided, for every front end that asks for one by op and path
 * (`nomos fs`, an agent's file tools): a directory moved, or deleted with --recursive, is every
 * file below it (src/action/trees.ts lists them for the rules).
 */
export function fileOpAction(op: FileOp, path: string, via: string[], target?: string, recursive = op === 'move'): FileAction {
  return { kind: 'file', op, path, via, ...(target !== undefined ? { target } : {}), ...(recursive ? { recursive: true } : {}) };
}

/**
 * What a copy or move does besides itself: it reads (copy) or deletes (move) its source and
 * writes its target, as `cp` and `mv` are analysed. Every front end that decides a copy or move
 * adds these, so a rule about writes (nomos's own files, ~/.ssh) sees the target of a copy too.
 */
export function impliedFileActions(op: FileOp, path: string, target: string | undefined, via: string[]): FileAction[] {
  if (target === undefined || (op !== 'copy' && op !== 'move')) return [];
  return [
    // A directory moved takes every file below it away (`mv .claude x`), as `mv` is decided.
    op === 'copy' ? { kind: 'file', op: 'read', path, via } : { kind: 'file', op: 'delete', path, via, recursive: true },
    { kind: 'file', op: 'write', path: target, via },
  ];
}
