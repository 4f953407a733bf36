import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { withExpandedGlobs } from '../../src/action/globs.js';
import type { Action, FileAction } from '../../src/action/types.js';
import { analysisContext } from '../../src/config/context.js';
import { expandGlob, GLOB_BUDGET } from '../../src/execute/fs/glob.js';

let root: string;
const at = (...parts: string[]) => join(root, ...parts);
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-glob-')));
  for (const dir of ['src/lib/deep', 'build', 'other']) mkdirSync(at(dir), { recursive: true });
  for (const file of ['src/a.ts', 'src/b.ts', 'src/.env.ts', 'src/notes.md', 'src/lib/c.ts', 'src/lib/deep/d.ts', 'build/x.o', 'other/x.o']) writeFileSync(at(file), '');
});

describe('expandGlob: what a glob word names now (a superset of what bash makes of it)', () => {
  it('matches names in the directory, dotfiles too (as with dotglob: stricter)', () => {
    expect(expandGlob(at('src/*.ts'))).toEqual([at('src/.env.ts'), at('src/a.ts'), at('src/b.ts')]);
    expect(expandGlob(at('src/?.ts'))).toEqual([at('src/a.ts'), at('src/b.ts')]);
    expect(expandGlob(at('src/[ab].ts'))).toEqual([at('src/a.ts'), at('src/b.ts')]);
  });

  it('stops reading directories once the decision has read its budget: the glob is "any file" (a command of thousands of globs was decided after the agent stopped waiting)', () => {
    const budget = { left: 5 };
    expect(expandGlob(at('src/*.ts'), budget)).toBeDefined();
    expect(expandGlob(at('src/**/*.ts'), budget)).toBeUndefined();
    expect(expandGlob(at('build/*.o'), budget)).toBeUndefined();
    // Every glob of one decision shares one budget (analysisContext): not the unbudgeted function itself.
    const ctx = analysisContext(root, { HOME: root });
    expect(ctx.expandGlob).not.toBe(expandGlob);
    expect(ctx.expandGlob!(at('src/*.ts'))).toEqual(expandGlob(at('src/*.ts')));
    expect(GLOB_BUDGET).toBeLessThanOrEqual(200_000);
  });

  it('is "any file" where a directory holds a name that is not UTF-8 (its files cannot be named: find u -exec cat {} + read u/\\xff/key)', () => {
    mkdirSync(Buffer.concat([Buffer.from(at('src/lib/deep')), Buffer.from([0x2f, 0xff])]));
    writeFileSync(Buffer.concat([Buffer.from(at('src/lib/deep')), Buffer.from([0x2f, 0xff, 0x2f, 0x6b])]), '');
    expect(expandGlob(at('src/**'))).toBeUndefined();
    expect(expandGlob(at('src/lib/deep/*/*'))).toBeUndefined();
    expect(expandGlob(at('src/*.ts'))).toEqual([at('src/.env.ts'), at('src/a.ts'), at('src/b.ts')]);
    writeFileSync(at('src/\uFFFD.ts'), '');
    expect(expandGlob(at('src/*.ts'))).toContain(at('src/\uFFFD.ts'));
  });

  it('reads ? and [...] as bytes too (the C locale): schl??ssel.pe? is schlüssel.pem there', () => {
    writeFileSync(at('src/schlüssel.pem'), '');
    expect(expandGlob(at('src/schl??ssel.pe?'))).toEqual([at('src/schlüssel.pem')]);
    expect(expandGlob(at('src/schl?ssel.pe?'))).toEqual([at('src/schlüssel.pem')]);
    expect(expandGlob(at('src/schl[!x][!x]ssel.pem'))).toEqual([at('src/schlüssel.pem')]);
    expect(expandGlob(at('src/schl???ssel.pe?'))).toEqual([]);
  });

  it('descends for ** (as with globstar), and takes directories for a glob before a /', () => {
    expect(expandGlob(at('src/**/*.ts'))).toEqual([at('src/.env.ts'), at('src/a.ts'), at('src/b.ts'), at('src/lib/c.ts'), at('src/lib/deep/d.ts')]);
    expect(expandGlob(at('*/x.o'))).toEqual([at('build/x.o'), at('other/x.o')]);
    expect(expandGlob(at('src/**'))).toContain(at('src/lib/deep/d.ts'));
  });

  it('follows a linked directory for * (bash does) and lists a dangling link', () => {
    symlinkSync(at('src/lib'), at('build/linked'));
    symlinkSync(at('nowhere'), at('src/dangling.ts'));
    expect(expandGlob(at('build/*/c.ts'))).toEqual([at('build/linked/c.ts')]);
    expect(expandGlob(at('src/*.ts'))).toContain(at('src/dangling.ts'));
  });

  it('is bash\'s * for ** too (globstar is off by default): through a linked directory', () => {
    symlinkSync(at('src/lib'), at('build/linked'));
    // bash: `cat build/**/c.ts` is build/*/c.ts, which reads build/linked/c.ts.
    expect(expandGlob(at('build/**/c.ts'))).toEqual([at('build/linked/c.ts')]);
    expect(expandGlob(at('build/**/*'))).toContain(at('build/linked/c.ts'));
  });

  it('takes every other character as itself, and [ also as itself (its quoting is lost)', () => {
    // Quote removal has run: `'\\'*`, `\{x,y}*`, `!*`, `+\(*`, `"[ab]"*` name these files in bash.
    for (const name of ['\\k', '{x,y}k', '!k', '+(k)', '@(k)', '[ab]k', 'k]', '^k']) writeFileSync(at('other', name), '');
    expect(expandGlob(at('other/\\*'))).toEqual([at('other/\\k')]);
    expect(expandGlob(at('other/{x,y}*'))).toEqual([at('other/{x,y}k')]);
    expect(expandGlob(at('other/!*'))).toEqual([at('other/!k')]);
    expect(expandGlob(at('other/+(*'))).toEqual([at('other/+(k)')]);
    expect(expandGlob(at('other/@(k)*'))).toEqual([at('other/@(k)')]);
    expect(expandGlob(at('other/[ab]*'))).toEqual([at('other/[ab]k')]);
    expect(expandGlob(at('other/[ab]*'))).toEqual([at('other/[ab]k')]);
    expect(expandGlob(at('other/[!x]*'))).toHaveLength(9);
    expect(expandGlob(at('other/[[:alpha:]]]'))).toEqual([at('other/k]')]);
    expect(expandGlob(at('other/[]k]*'))).toEqual([at('other/k]')]);
    expect(expandGlob(at('other/[w-y].o'))).toEqual([at('other/x.o')]);
    expect(expandGlob(at('other/[W-Y].o'))).toEqual([at('other/x.o')]);
    // The command may have set nocaseglob: `shopt -s nocaseglob; cat K*/id_rsa`.
    expect(expandGlob(at('other/X*'))).toEqual([at('other/x.o')]);
  });

  it('is empty when nothing matches, and cannot tell for .. after a glob, too many matches or a relative pattern', () => {
    expect(expandGlob(at('missing/*.ts'))).toEqual([]);
    expect(expandGlob(at('src/*.py'))).toEqual([]);
    expect(expandGlob(`${root}/src/*/../../*`)).toBeUndefined();
    expect(expandGlob('src/*.ts')).toBeUndefined();
    for (let i = 0; i < 1001; i++) writeFileSync(at(`other/f${i}`), '');
    expect(expandGlob(at('other/*'))).toBeUndefined();
  });
});

describe('withExpandedGlobs', () => {
  const glob = (path: string): FileAction => ({ kind: 'file', op: 'read', path, via: ['cat'], dynamic: true, glob: true });
  const lister = (pattern: string) => ({ '/w/*.ts': ['/w/a.ts', '/w/b.ts'], '/w/*.py': [] as string[] })[pattern];

  it('makes one plain action per match, the pattern itself when none, and leaves what cannot be listed dynamic', () => {
    const plain = (path: string): FileAction => ({ kind: 'file', op: 'read', path, via: ['cat'] });
    expect(withExpandedGlobs([glob('/w/*.ts')], lister)).toEqual([plain('/w/a.ts'), plain('/w/b.ts')]);
    expect(withExpandedGlobs([glob('/w/*.py')], lister)).toEqual([plain('/w/*.py')]);
    expect(withExpandedGlobs([glob('/w/*.rs')], lister)).toEqual([glob('/w/*.rs')]);
    const other: Action[] = [{ ...plain('/w/x'), dynamic: true }, { kind: 'exec', program: 'ls', argv: ['ls'], flags: [], args: [], env: {}, via: [] }];
    expect(withExpandedGlobs(other, lister)).toEqual(other);
  });
});
