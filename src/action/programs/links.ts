import { posix } from 'node:path';
import type { FileAction } from '../types.js';

/** Where the links go and how their text reads. */
export interface LinkPlace {
  /** Made inside the target directory, each named after its source (`-t DIR`, several sources). */
  into: boolean;
  /** `ln -r`: the source is read from where ln runs, not from the link's directory. */
  relative: boolean;
}

/**
 * The symbolic link `ln -s src target` (or `cp -s`) makes, as a write of its name marked with
 * where it leads (FileAction.linksTo, followed by src/action/made-links.ts). The link's text is
 * read from the link's own directory (`ln -s ../x sub/y` leads to ./x) unless it is absolute or
 * `-r` made it. A target that may be a directory names two places: itself, and the source's
 * name inside it. `at` resolves a path as the command's file actions do.
 */
export function symbolicLinks(src: string, target: string, place: LinkPlace, at: (path: string) => FileAction): FileAction[] {
  const name = posix.basename(src.replace(/(.)\/+$/, '$1'));
  const names = place.into || target.endsWith('/') ? [posix.join(target, name)] : [target, posix.join(target, name)];
  const from = at(src);
  const unknown = from.dynamic === true || at(target).dynamic === true;
  return names.map((written) => {
    const link = at(written);
    const to = src.startsWith('/') || src.startsWith('~') || place.relative ? from : at(posix.join(posix.dirname(written), src));
    return { ...link, op: 'write', linksTo: to.path, ...(unknown || to.dynamic || link.dynamic ? { dynamic: true } : {}) };
  });
}
