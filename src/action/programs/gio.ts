import { posix } from 'node:path';
import type { Action, FileAction, FileOp } from '../types.js';

/**
 * The files `gio` (GLib's file tool) changes: `gio trash` takes files and directories whole, `gio
 * remove` a file or an empty directory, `gio move` moves as mv does (a directory with everything
 * below it), `gio rename FILE NAME` renames within FILE's directory. Other subcommands name their
 * words as a program nomos does not model (`named`).
 */
export function gioFiles(words: string[], file: (op: FileOp, path: string, target?: string) => FileAction, named: () => Action[]): Action[] {
  const [sub, ...paths] = words;
  if (sub === 'trash') return paths.map((p) => ({ ...file('delete', p), recursive: true }));
  if (sub === 'remove') return paths.map((p) => file('delete', p));
  if (sub !== 'move' && sub !== 'rename') return named();
  if (paths.length < 2) return [];
  const to = sub === 'rename' ? posix.join(posix.dirname(paths[0]!), paths[1]!) : paths.at(-1)!;
  return [...paths.slice(0, -1).flatMap((p) => [{ ...file('move', p, to), recursive: true }, { ...file('delete', p), recursive: true }]), file('write', to)];
}
