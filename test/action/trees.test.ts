import { describe, expect, it } from 'vitest';
import { withTreeFiles, type TreeFilter } from '../../src/action/trees.js';
import type { Action, FileAction, TreeListing } from '../../src/action/types.js';

const grep: Action = { kind: 'exec', program: 'grep', argv: ['grep', '-r', 'x', '.'], flags: ['-r'], args: ['x', '.'], env: {}, via: [] };
const tree = (path = '/w'): FileAction => ({ kind: 'file', op: 'read', path, via: ['grep'], recursive: true });
const listing: TreeListing = {
  paths: ['/w/a', '/w/a/.env', '/w/src', '/w/src/x.ts', '/w/key', '/w/docs'],
  links: [{ path: '/w/key', real: '/h/.ssh/id_rsa', directory: false }, { path: '/w/docs', real: '/h/.ssh', directory: true }, { path: '/w/gone' }],
  complete: true,
};
/** Lets through .env files and anything under /h/.ssh; counts what it was asked about. */
function filterOf(asked: string[] = []): TreeFilter {
  return () => (found) => {
    asked.push(found.path);
    return found.path.endsWith('/.env') || found.path.startsWith('/h/.ssh');
  };
}

describe('withTreeFiles: a recursive op meets the files listed below its directory', () => {
  it('lists nothing for a request without a recursive op (the same actions back)', () => {
    const actions: Action[] = [grep, { kind: 'file', op: 'read', path: '/w/a.txt', via: ['cat'] }, { ...tree(), dynamic: true }];
    const listed: string[] = [];
    expect(withTreeFiles(actions, (dir) => (listed.push(dir), listing), filterOf())).toBe(actions);
    expect(listed).toEqual([]);
  });

  it('lists nothing where no rule may meet a file below (the filter says so)', () => {
    const listed: string[] = [];
    const actions = [grep, tree()];
    expect(withTreeFiles(actions, (dir) => (listed.push(dir), listing), () => undefined)).toEqual(actions);
    expect(listed).toEqual([]);
  });

  it('adds the same op on each path a rule may meet, below the directory; a link also where it leads (a directory as a recursive op)', () => {
    const asked: string[] = [];
    const out = withTreeFiles([grep, tree()], () => listing, filterOf(asked));
    expect(out).toEqual([
      grep,
      tree(),
      { kind: 'file', op: 'read', path: '/w/a/.env', via: ['grep'], below: '/w' },
      { kind: 'file', op: 'read', path: '/h/.ssh/id_rsa', via: ['grep'], below: '/w' },
      { kind: 'file', op: 'read', path: '/h/.ssh', via: ['grep'], below: '/w', recursive: true },
    ]);
    // Every path listed was offered, and each link's target; a link that leads nowhere only by its own name.
    expect(asked).toEqual([...listing.paths, '/h/.ssh/id_rsa', '/h/.ssh']);
  });

  it('marks an op whose directory was listed only in part, and still decides the files listed', () => {
    const out = withTreeFiles([tree()], () => ({ ...listing, complete: false }), filterOf());
    expect(out[0]).toEqual({ ...tree(), listedInPart: true });
    expect(out.map((a) => (a as FileAction).path)).toContain('/w/a/.env');
  });

  it('lists a directory once per request, and adds a file once per op and via', () => {
    const listed: string[] = [];
    const out = withTreeFiles([tree(), tree(), { ...tree(), via: ['tar'] }], (dir) => (listed.push(dir), listing), filterOf());
    expect(listed).toEqual(['/w']);
    expect(out.filter((a) => (a as FileAction).path === '/w/a/.env').map((a) => a.via)).toEqual([['grep'], ['tar']]);
  });

  it('does not list a directory found below another in turn (one level of links)', () => {
    const listed: string[] = [];
    withTreeFiles([{ ...tree('/h/.ssh'), below: '/w' }], (dir) => (listed.push(dir), listing), filterOf());
    expect(listed).toEqual([]);
  });
});
