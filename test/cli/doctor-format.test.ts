import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatResults } from '../../src/cli/commands/doctor.js';

describe('doctor text output', () => {
  it('escapes control and bidi characters in details and fixes (paths, hook commands from settings an agent can write), keeping line breaks', () => {
    const text = formatResults([{ name: 'hook', status: 'warn', detail: 'in /w/\x1b[2K.claude\nrun \u202ex', fix: 'edit \r it' }], new Chalk({ level: 0 }));
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/);
    expect(text).toContain('! hook  in /w/⟦ESC⟧[2K.claude\n');
    expect(text).toContain('run ⟦U+202E⟧x');
    expect(text).toContain('fix: edit ⟦CR⟧ it');
  });
});
