import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFast } from '../../../src/action/shell/fast-parse.js';
import { loadBothParsers, loadShellCases } from './harness.js';

// The grammars alone: a parser that tried the fast path first would compare it with itself.
const parsers = await loadBothParsers(true);
const PIECES = ['ls', '-la', 'git', 'status', '--force=true', 'a.b/c', '~/x', '5', '10', '0', '5a', '-5', 'x=1', 'a=b', '"q"', '""', "''", "'a b'", '"a b"', '"$x"', 'if', 'time', 'export', '{', '!', 'r', 'ｒｍ', '@', '%s', 'a:b', ',', '^', '+x', '"a"b', "a'b'", '*', '*.ts', 'src/**/*.ts', 'a?b', '?', '5*', '-*', "'a'*", '*"a"', 'x=*', '*=1', '?(a)', '*(b|c)', '[ab]c', '!*'];
const OPS = [' ', '  ', '\t', ' && ', '||', ' | ', '|', '; ', ';', ' ;', '&', ' |& ', ';;'];
const plain = fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...OPS)), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.flat().join(''))
  .chain((s) => fc.constantFrom(s, s.trim(), ` ${s}`));

/** Wherever the fast path answers, its tree is exactly tree-sitter's, on both back ends. */
function expectSameTree(cmd: string): boolean {
  const fast = parseFast(cmd);
  if (!fast) return false;
  for (const parser of parsers) expect(fast, `${parser.backend}: ${JSON.stringify(cmd)}`).toEqual(parser.parse(cmd));
  return true;
}

describe('parser-free fast path', () => {
  it('gives tree-sitter’s exact tree for every case it accepts', () => {
    const accepted = loadShellCases().filter((c) => expectSameTree(c.cmd));
    expect(accepted.length).toBeGreaterThan(50);
  });

  it('gives tree-sitter’s exact tree for generated plain commands', () => {
    let accepted = 0;
    fc.assert(fc.property(plain, (cmd) => void (expectSameTree(cmd) && accepted++)), { numRuns: Number(process.env.FAST_RUNS ?? 1500) });
    expect(accepted).toBeGreaterThan(50);
  });

  it.each(['git status', 'ls -la && rm -rf /', "git commit -m 'fix: x' | cat; echo \"done\"", 'timeout 5 rm x', 'wc -l src/**/*.ts', 'rm -f *.o a?.tmp'])('accepts %j', (cmd) => {
    expect(expectSameTree(cmd)).toBe(true);
  });

  it.each(['echo $x', 'a > b', 'a &', 'x=1 cmd', 'if true; then a; fi', 'echo "a$b"', 'a\nb', 'echo {a,b}', 'a # c', "echo 'a", 'r\\m', 'ls [ab]*', 'ls ?(a|b)', 'ls @(x)'])('leaves %j to tree-sitter', (cmd) => {
    expect(parseFast(cmd)).toBeUndefined();
  });
});
