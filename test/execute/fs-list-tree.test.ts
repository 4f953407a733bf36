import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { analysisContext } from '../../src/config/context.js';
import { listTree, TREE_BUDGET } from '../../src/execute/fs/list-tree.js';

let root: string;
const at = (...parts: string[]) => join(root, ...parts);
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-tree-')));
  for (const dir of ['p/src/deep', 'p/.hidden', 'outside']) mkdirSync(at(dir), { recursive: true });
  for (const file of ['p/a.txt', 'p/.env', 'p/src/deep/.env', 'p/.hidden/key.pem', 'outside/id_rsa', 'outside/.env']) writeFileSync(at(file), '');
  symlinkSync(at('outside/id_rsa'), at('p/notes'));
  symlinkSync(at('outside'), at('p/src/out'));
  symlinkSync(at('nothing'), at('p/dangling'));
});

describe('listTree: what a recursive op on a directory reaches now', () => {
  it('lists every file and directory below it, hidden ones too, breadth first', () => {
    const tree = listTree(at('p'))!;
    expect(tree.complete).toBe(true);
    expect([...tree.paths].sort()).toEqual(['.env', '.hidden', '.hidden/key.pem', 'a.txt', 'dangling', 'notes', 'src', 'src/deep', 'src/deep/.env', 'src/out'].map((p) => at('p', p)));
    // Breadth first: everything directly below comes before anything deeper.
    const depth = (p: string) => p.slice(at('p').length).split('/').length;
    expect(tree.paths.map(depth)).toEqual([...tree.paths.map(depth)].sort());
  });

  it('reads node_modules and .git after the rest of the tree, so a budget covers the project\'s own files first', () => {
    for (const f of ['p/node_modules/a/index.js', 'p/node_modules/b/node_modules/c/x.js', 'p/.git/objects/ab/cd', 'p/src/deep/more/.env.local']) {
      mkdirSync(at(f, '..'), { recursive: true });
      writeFileSync(at(f), '');
    }
    const tree = listTree(at('p'))!;
    const firstLater = tree.paths.findIndex((p) => p.startsWith(at('p/node_modules/')) || p.startsWith(at('p/.git/')));
    expect(tree.paths.indexOf(at('p/src/deep/more/.env.local'))).toBeLessThan(firstLater);
    expect(tree.paths).toContain(at('p/node_modules/b/node_modules/c/x.js'));
    expect(tree.complete).toBe(true);
    // Enough budget for the project's own directories, not for what is below node_modules and .git.
    const part = listTree(at('p'), { left: 24 })!;
    expect(part.complete).toBe(false);
    expect(part.paths).toContain(at('p/src/deep/more/.env.local'));
    expect(part.paths).not.toContain(at('p/node_modules/b/node_modules/c/x.js'));
  });

  it('lists links without going through them, with where each leads', () => {
    const tree = listTree(at('p'))!;
    expect(tree.paths.some((p) => p.startsWith(at('p/src/out/')))).toBe(false);
    expect([...tree.links].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: at('p/dangling') },
      { path: at('p/notes'), real: at('outside/id_rsa'), directory: false },
      { path: at('p/src/out'), real: at('outside'), directory: true },
    ]);
  });

  it('stops at the decision\'s budget, shared by its trees, and says the listing is partial', () => {
    const budget = { left: 4 };
    const first = listTree(at('p'), budget)!;
    expect(first.complete).toBe(false);
    expect(first.paths).toContain(at('p/.env'));
    expect(first.paths).not.toContain(at('p/src/deep/.env'));
    expect(listTree(at('outside'), budget)).toEqual({ paths: [], links: [], complete: false });
    // Every tree of one decision shares one budget (analysisContext), apart from its globs'.
    const ctx = analysisContext(root, { HOME: root });
    expect(ctx.listTree!(at('p'))).toEqual(listTree(at('p')));
    expect(TREE_BUDGET).toBeLessThanOrEqual(200_000);
  });

  it('goes on below a directory whose name is not UTF-8 (read as bytes), naming its files with U+FFFD', () => {
    const odd = Buffer.concat([Buffer.from(at('p/src')), Buffer.from([0x2f, 0xff])]);
    mkdirSync(odd);
    writeFileSync(Buffer.concat([odd, Buffer.from('/.env')]), '');
    const tree = listTree(at('p'))!;
    expect(tree.paths).toContain(at('p/src/\uFFFD/.env'));
    expect(tree.complete).toBe(true);
    // A second name that reads the same cannot be gone on with: the listing is partial.
    mkdirSync(Buffer.concat([Buffer.from(at('p/src')), Buffer.from([0x2f, 0xfe])]));
    expect(listTree(at('p'))!.complete).toBe(false);
  });

  it('lists nothing below a file or a path that is not there, and nothing for a relative path', () => {
    expect(listTree(at('p/a.txt'))).toEqual({ paths: [], links: [], complete: true });
    expect(listTree(at('p/none'))).toEqual({ paths: [], links: [], complete: true });
    expect(listTree('p')).toBeUndefined();
  });
});
