import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { patternMatcher } from '../../src/policy/patterns.js';

// patternMatcher tests picomatch's regex without its matcher (which builds a result object per call):
// it must answer as picomatch itself does, which is what rules were written against.
const PATTERNS = ['**/.env', '**/.env.*', '**/*.env', '**/*.pem', '**/id_rsa', '**/.config', '**/*.{pem,key}', '**/+(a|b).txt', '**/[ab].md', '**/?.x', '**/!x', '**/.claude/settings.json', '/h/.ssh/id_*', '~/x', 'src/*.ts', '**', '*', 'a[b]', '/w/(a)', '/w/{a,b}', '**/[a-z]'];
const INPUTS = [
  '', '.env', '/.env', '//.env', '/w/.env', '/w/a/b/.env', '/w/.env/', '/w/.env.local', '/w/x.env', '/w/.env.', 'a/.env', './.env', '/w/./.env', '/w/../.env', '../.env',
  '..', '.', '/', '/w/k.pem', '/w/k.key', '/w/k.pem/', '/w/id_rsa', '/w/id_rsa.pub', '/w/.config', '/w/.config/', '/w/a.txt', '/w/c.txt', '/w/a.md', '/w/?.x', '/w/a.x',
  '/w/!x', '/w/x', '/w/.claude/settings.json', '/h/.ssh/id_rsa', '~/x', 'src/a.ts', 'a[b]', 'ab', '/w/(a)', '/w/a', '/w/{a,b}', '**/[a-z]', '/w/[a-z]', '/w/schlüssel.pem', '/w/.env\n', '/w/a\\/.env', '/w/..env', '/w/.../.env', '/w/.hidden/.env', '/w/.git/x.pem', '/.env/.env', 'x/./y.pem', '/w/a.env/',
];

describe('patternMatcher answers as picomatch does (dot: true)', () => {
  it.each(PATTERNS)('%s', (pattern) => {
    const ours = patternMatcher(pattern);
    const theirs = picomatch(pattern, { dot: true });
    for (const input of INPUTS) expect(ours(input), JSON.stringify(input)).toBe(theirs(input));
  });
});
