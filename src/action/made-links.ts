import { posix } from 'node:path';
import type { Action, FileAction } from './types.js';

/**
 * A symbolic link the command itself makes is not there when nomos decides, so no lookup can
 * follow it: `ln -s ~/.ssh x; cat x/id_rsa` read the key while nomos saw `./x/id_rsa`. Each file
 * action at or below such a link (FileAction.linksTo) is also decided where it leads (the
 * stricter wins), through links to links too; a delete or move of the link itself acts on the
 * link, unless written with a trailing slash. A recursive op above a link that follows links
 * (`grep -R`, `cp -r`; not `rm -r` or `mv`) reaches where it leads. Where the link leads is not
 * known (`ln -s "$D" x`): any file. Pure.
 */
export function withMadeLinks(actions: Action[]): Action[] {
  // Every analysis passes here: only a command that makes a link pays for more than this.
  if (!actions.some((a) => a.kind === 'file' && a.linksTo !== undefined)) return actions;
  const links = actions.filter((a): a is FileAction & { linksTo: string } => a.kind === 'file' && a.linksTo !== undefined);
  const out: Action[] = [...actions];
  let fresh = actions.filter((a): a is FileAction => a.kind === 'file' && a.linksTo === undefined);
  for (let round = 0; round < links.length && fresh.length > 0; round++) {
    const next = fresh.flatMap((action) => links.flatMap((link) => reached(action, link) ?? []));
    out.push(...next);
    fresh = next;
  }
  return out;
}

/** The action where the link leads, if it goes through the link. */
function reached(action: FileAction, link: FileAction & { linksTo: string }): FileAction | undefined {
  const onto = (p: string) => (p === link.path || p.startsWith(`${link.path}/`) ? posix.join(link.linksTo, p.slice(link.path.length)) : undefined);
  const ownLink = (action.op === 'delete' || action.op === 'move') && !action.slash && action.path === link.path;
  const path = ownLink ? undefined : onto(action.path);
  const target = action.target !== undefined ? onto(action.target) : undefined;
  const above = path === undefined && action.recursive === true && action.op !== 'delete' && action.op !== 'move' && link.path.startsWith(action.path === '/' ? '/' : `${action.path}/`);
  if (path === undefined && target === undefined && !above) return undefined;
  const { written: _written, below: _below, listedInPart: _listed, ...rest } = action;
  return { ...rest, path: path ?? (above ? link.linksTo : action.path), ...(target !== undefined ? { target } : {}), ...(link.dynamic ? { dynamic: true } : {}) };
}
