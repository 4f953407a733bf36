import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexKey } from '../../src/policy/compile.js';

describe('a command pattern\'s index key', () => {
  /** The first implementation: a regex over the pattern's first two words. */
  const reference = (command: string) => {
    const words = /^\s*(\S*)(?:\s+(\S+))?/.exec(command)!;
    return words[2] === undefined ? words[1]! : `${words[1]} ${words[2]}`;
  };

  it('is the pattern\'s first two words, as the regex took them, whatever the spacing', () => {
    const part = fc.oneof(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', 'git', 'push', '--force', 'é', '\ud83d\ude00'), fc.string({ maxLength: 4 }));
    fc.assert(fc.property(fc.array(part, { maxLength: 8 }).map((p) => p.join('')), (command) => {
      expect(indexKey(command)).toBe(reference(command));
    }), { numRuns: 5000 });
    expect(indexKey('  git\tpush --force')).toBe('git push');
    expect(indexKey('ls')).toBe('ls');
  });
});
