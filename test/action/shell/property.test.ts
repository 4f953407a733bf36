import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyntaxNode } from '../../../src/action/shell/syntax.js';
import { analyseCase, CASE_CTX, loadBothParsers, loadShellCases } from './harness.js';

const parsers = await loadBothParsers();
const seeds = loadShellCases().map((c) => c.cmd);

const WORDS = ['rm', '-rf', '/', 'ls', 'r\'\'m', '"$x"', '$x', '$(rm x)', '`ls`', '{a,b}', '~', '*.ts', "$'\\x72m'", 'sudo', 'bash -c', "'rm x'", 'xargs', 'find . -exec rm {} \\;', 'eval', 'cd /', '${IFS}', 'ｒｍ', '\\\n', '#', '"', "'", '(', ')', '<<EOF', 'EOF', '>', '2>&1', 'git -c core.pager=x log'];
const OPS = [' ', '; ', ' && ', ' || ', ' | ', ' & ', '\n', ' $( ', ' ) ', ' { ', ' ; } ', ' `', '` '];

/** Commands built from shell-ish pieces, and mutations of the case corpus. */
const generated = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...OPS)), { maxLength: 16 }).map((parts) => parts.flat().join(''));
const mutated = fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.string({ maxLength: 4 }), fc.nat({ max: 3 })).map(([s, at, insert, cut]) => {
  const i = at % (s.length + 1);
  return s.slice(0, i) + insert + s.slice(i + cut);
});
const anything = fc.oneof(generated, mutated, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }));

/**
 * What nobody can know, read straight from the tree (independently of the analysis):
 * a parse error, or a command whose name is built by an expansion or is eval/source.
 */
function unknowable(node: SyntaxNode): boolean {
  if (node.type === 'ERROR' || node.missing) return true;
  if (node.type === 'command_name') {
    if (/^(eval|source|\.)$/.test(node.text)) return true;
    if (hasUnknownExpansion(node)) return true;
  }
  return node.children.some(unknowable);
}

/** An expansion other than a safe variable the context provides (`$HOME` is known). */
function hasUnknownExpansion(node: SyntaxNode): boolean {
  if (node.type === 'command_substitution' || node.type === 'arithmetic_expansion') return true;
  if (node.type === 'simple_expansion' || node.type === 'expansion') {
    const name = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(node.text)?.[1];
    return name === undefined || !Object.hasOwn(CASE_CTX.env, name);
  }
  return node.children.some(hasUnknownExpansion);
}

describe('property: analysis of any string', () => {
  it('never throws, stays fast, agrees across back ends, and is opaque where nothing can be known', () => {
    fc.assert(
      fc.property(anything, (cmd) => {
        const results = parsers.map((parser) => {
          const start = performance.now();
          const out = analyseCase(cmd, parser);
          // A guard against runaway (exponential) analysis, not a speed test (speed: npm run bench):
          // typical inputs take < 1 ms, and 250 ms tripped on a loaded machine's GC pause.
          expect(performance.now() - start).toBeLessThan(1000);
          const broken = unknowable(parser.parse(cmd));
          if (broken) expect(out.opaque.length).toBeGreaterThan(0);
          return { out, broken };
        });
        // The two tree-sitter runtimes recover from syntax errors differently; both must then
        // fail closed. Wherever the input parses, their analyses must be identical.
        if (!results[0]!.broken && !results[1]!.broken) expect(results[1]!.out).toEqual(results[0]!.out);
        else expect(results.every((r) => r.out.opaque.length > 0)).toBe(true);
      }),
      { numRuns: Number(process.env.NOMOS_PROPERTY_RUNS ?? 400) }, // raise for a longer hunt
    );
  });

  it.each([
    ['deep substitutions', `${'$('.repeat(3000)}rm${')'.repeat(3000)}`],
    ['deep subshells', `${'('.repeat(3000)}rm${')'.repeat(3000)}`],
    ['brace bomb', `echo ${'{a,b}'.repeat(40)}`],
    ['brace bomb as program', `${'{a,b}'.repeat(40)} x`],
    ['long pipeline', Array(5000).fill('a').join(' | ')],
    ['nested shells', `${"bash -c '".repeat(1)}${'sudo '.repeat(5000)}rm x'`],
    ['too long', `echo ${'x'.repeat(200_000)}`],
  ])('stays bounded on %s', (_name, cmd) => {
    for (const parser of parsers) {
      const start = performance.now();
      const out = analyseCase(cmd, parser);
      expect(performance.now() - start).toBeLessThan(3000);
      expect(out.actions.length + out.opaque.length).toBeGreaterThan(0);
    }
  });
});
