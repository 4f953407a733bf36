import { describe, expect, it } from 'vitest';
import { WRAPPER_NAMES, wrapperSpec, wrapperTable } from '../../src/action/shell/wrapper-table.js';

// The wrapper table is built on the first wrapper a command names; the list of names decides
// whether a program is one. The two must name the same programs.
describe('the wrapper table', () => {
  it('lists exactly the programs it has a spec for, each once, between single spaces', () => {
    const names = WRAPPER_NAMES.slice(1, -1).split(' ');
    expect(WRAPPER_NAMES.startsWith(' ') && WRAPPER_NAMES.endsWith(' ')).toBe(true);
    expect(names.every((n) => n !== '')).toBe(true);
    expect([...names].sort()).toEqual(Object.keys(wrapperTable()).sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives a wrapper its spec and any other name none', () => {
    const table = wrapperTable();
    for (const name of Object.keys(table)) expect(wrapperSpec(name), name).toEqual(table[name]);
    for (const name of ['git', 'ls', 'constructor', '__proto__', 'sudo doas', '', 'sud', 'udo']) expect(wrapperSpec(name), name).toBeUndefined();
  });
});
