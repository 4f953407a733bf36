import { describe, expect, it } from 'vitest';
import { requestWarnings } from '../../src/approval/prompt/warnings.js';
import { ASKED_BY_DEFAULT, requestFor } from './fixtures.js';

describe('requestWarnings', () => {
  it('measures the longest run of spaces in a huge command without overflowing the stack', () => {
    const command = `${'a  '.repeat(300_000)}b${' '.repeat(40)}c`;
    expect(requestWarnings(requestFor(ASKED_BY_DEFAULT, command))).toEqual(['! The command holds a run of 40 spaces: read on past it.']);
  });

  it('says nothing about an ordinary command, and keeps a command\'s own line breaks out of the hidden-character warning', () => {
    expect(requestWarnings(requestFor(ASKED_BY_DEFAULT, 'uptime'))).toEqual([]);
    expect(requestWarnings(requestFor(ASKED_BY_DEFAULT, 'uptime\nuptime'))).toEqual([]);
    expect(requestWarnings(requestFor(ASKED_BY_DEFAULT, 'uptime\r\nuptime'))[0]).toMatch(/control or invisible characters/);
  });
});
