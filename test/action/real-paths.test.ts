import { describe, expect, it } from 'vitest';
import { withRealPaths } from '../../src/action/real-paths.js';
import type { Action } from '../../src/action/types.js';

// The lookup is passed in (analysis never touches the filesystem): here, a world of links.
const LINKS: Record<string, string> = { '/w/notes': '/h/.ssh/id_rsa', '/w/cfg': '/h/.ssh' };
const realPath = (path: string, followFinal: boolean) => {
  if (path === '/w/loop') return undefined;
  const dir = path.slice(0, path.lastIndexOf('/'));
  const name = path.slice(path.lastIndexOf('/'));
  const realDir = LINKS[dir] ?? dir;
  const joined = `${realDir}${name}`;
  return followFinal ? LINKS[joined] ?? joined : joined;
};
const file = (op: string, path: string, extra: object = {}) => ({ kind: 'file', op, path, via: ['cat'], ...extra }) as Action;

describe('file actions where a symlink leads elsewhere', () => {
  it('are decided as written and where they really lead', () => {
    expect(withRealPaths([file('read', '/w/notes')], realPath)).toEqual([file('read', '/w/notes'), file('read', '/h/.ssh/id_rsa')]);
    expect(withRealPaths([file('read', '/w/cfg/id_rsa')], realPath)).toEqual([file('read', '/w/cfg/id_rsa'), file('read', '/h/.ssh/id_rsa')]);
    expect(withRealPaths([file('copy', '/w/a', { target: '/w/cfg/x' })], realPath)).toEqual([file('copy', '/w/a', { target: '/w/cfg/x' }), file('copy', '/w/a', { target: '/h/.ssh/x' })]);
  });

  it('a delete or move acts on the link itself, through linked directories', () => {
    expect(withRealPaths([file('delete', '/w/notes')], realPath)).toEqual([file('delete', '/w/notes')]);
    expect(withRealPaths([file('delete', '/w/cfg/id_rsa')], realPath)).toEqual([file('delete', '/w/cfg/id_rsa'), file('delete', '/h/.ssh/id_rsa')]);
  });

  it('a delete or move of a path written with a trailing slash acts where the link leads (rm -rf link/ empties the target)', () => {
    expect(withRealPaths([file('delete', '/w/cfg', { slash: true })], realPath)).toEqual([file('delete', '/w/cfg', { slash: true }), file('delete', '/h/.ssh', { slash: true })]);
  });

  it('leaves plain paths, dynamic paths, device paths, failed lookups and other actions alone', () => {
    const same = [file('read', '/w/plain'), file('read', '/w/notes', { dynamic: true }), file('write', '/dev/stdout'), file('read', '/w/loop'), { kind: 'http', method: 'GET', url: 'https://x', host: 'x', via: [] } as unknown as Action];
    expect(withRealPaths(same, realPath)).toEqual(same);
  });
});
