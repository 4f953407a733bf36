import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFast } from '../../../src/action/shell/fast-parse.js';
import { loadBothParsers, loadShellCases } from './harness.js';

// The grammars alone: a parser that tried the fast path first would compare it with itself.
const parsers = await loadBothParsers(true);
const PIECES = ['ls', '-la', 'git', 'status', '--force=true', 'a.b/c', '~/x', '5', '10', '0', '5a', '-5', 'x=1', 'a=b', '"q"', '""', "''", "'a b'", '"a b"', '"$x"', 'if', 'time', 'export', '{', '!', 'r', 'ｒｍ', '@', '%s', 'a:b', ',', '^', '+x', '"a"b', "a'b'", '*', '*.ts', 'src/**/*.ts', 'a?b', '?', '5*', '-*', "'a'*", '*"a"', 'x=*', '*=1', '?(a)', '*(b|c)', '[ab]c', '!*', '>out', '> out', '2>&1', '2>/dev/null', '>>log', '<in', '&>all', '&>>all', '1>&2', '>&2', '2> "e f"', '>5', '3>x', '>&-', '0<x', '0>x', '01>x', '<<EOF', '<<<x', '>|x', '<>x', '>(x)', '2>&1x', 'a>b', '>'];
const OPS = [' ', '  ', '\t', ' && ', '||', ' | ', '|', '; ', ';', ' ;', '&', ' |& ', ';;'];
const plain = fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...OPS)), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.flat().join(''))
  .chain((s) => fc.constantFrom(s, s.trim(), ` ${s}`));

// Commands the fast path mostly accepts, redirects among them, so the redirects' trees are held to the grammar often.
const WORDS = ['ls', '-la', 'git', 'x', '"q"', "'a b'", '5', '*.ts', 'a.b/c'];
const REDIRECTS = ['>out', '> out', '2>&1', '2>/dev/null', '>>log', '<in', '&>all', '&>>all', '1>&2', '>&2', '2> "e f"', '>5', '3>x', '0<x', '>&-'];
const CHAIN = [' && ', ' || ', ' | ', '|', '; ', ';', ' ; '];
const command = fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom(...REDIRECTS), { maxLength: 2 }))
  .map(([words, redirects]) => [...words, ...redirects].join(' '));
const redirecting = fc.tuple(command, fc.array(fc.tuple(fc.constantFrom(...CHAIN), command), { maxLength: 4 }))
  .map(([head, rest]) => head + rest.map(([op, c]) => op + c).join(''));

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
    fc.assert(fc.property(plain, (cmd) => void (expectSameTree(cmd) && accepted++)), { numRuns: Number(process.env.FAST_RUNS ?? 4000) });
    expect(accepted).toBeGreaterThan(50);
  });

  it('gives tree-sitter’s exact tree for generated commands with redirects', () => {
    let redirected = 0;
    fc.assert(fc.property(redirecting, (cmd) => void (expectSameTree(cmd) && /[<>]/.test(cmd) && redirected++)), { numRuns: Number(process.env.FAST_RUNS ?? 4000) });
    expect(redirected).toBeGreaterThan(300);
  });

  it.each(['git status', 'ls -la && rm -rf /', "git commit -m 'fix: x' | cat; echo \"done\"", 'timeout 5 rm x', 'wc -l src/**/*.ts', 'rm -f *.o a?.tmp', 'cargo build 2>&1 | tail -5', 'npm test > out.log 2>&1 && cat out.log', 'ls x 2>/dev/null || echo none', 'sort < in >> out'])('accepts %j', (cmd) => {
    expect(expectSameTree(cmd)).toBe(true);
  });

  it.each(['echo $x', 'a > b c', '> b a', 'a <<EOF', 'a >&-', 'cat <(ls)', 'a &', 'x=1 cmd', 'if true; then a; fi', 'echo "a$b"', 'a\nb', 'echo {a,b}', 'a # c', "echo 'a", 'r\\m', 'ls [ab]*', 'ls ?(a|b)', 'ls @(x)'])('leaves %j to tree-sitter', (cmd) => {
    expect(parseFast(cmd)).toBeUndefined();
  });
});
