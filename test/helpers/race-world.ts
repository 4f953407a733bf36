import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A workspace holding dir/a.txt ("harmless") beside a secret dir holding a.txt ("SECRET"): where a racing symlink would lead. */
export function raceWorld(prefix: string): { root: string; work: string; secret: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const work = join(root, 'work');
  const secret = join(root, 'secret');
  mkdirSync(join(work, 'dir'), { recursive: true });
  mkdirSync(secret);
  writeFileSync(join(work, 'dir/a.txt'), 'harmless');
  writeFileSync(join(secret, 'a.txt'), 'SECRET');
  return { root, work, secret };
}
