import { describe, expect, it } from 'vitest';
import { LAUNCH_NAMES, launchSpec, launchTable } from '../../src/action/programs/launch-table.js';

// The launcher table is built on the first launcher a command names; the list of names decides
// whether a program is one. The two must name the same programs.
describe('the launcher table', () => {
  it('lists exactly the programs it has a spec for, each once, between single spaces', () => {
    const names = LAUNCH_NAMES.slice(1, -1).split(' ');
    expect(LAUNCH_NAMES.startsWith(' ') && LAUNCH_NAMES.endsWith(' ')).toBe(true);
    expect(names.every((n) => n !== '')).toBe(true);
    expect([...names].sort()).toEqual(Object.keys(launchTable()).sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists every option of a spec in one kind only (an option both a flag and taking a value would move the command)', () => {
    for (const [name, spec] of Object.entries(launchTable())) {
      const lists = [spec.flags, spec.values, spec.pairs, spec.optional, spec.opaque, spec.opaqueFlags, spec.shell, spec.program, spec.chdir, spec.env, spec.mounts, spec.roMounts, spec.binary];
      const all = lists.flatMap((l) => (l ?? '').trim().split(/\s+/).filter(Boolean));
      const twice = all.filter((o, i) => all.indexOf(o) !== i);
      expect(twice, name).toEqual([]);
      for (const l of lists) if (l !== undefined) expect(l.startsWith(' ') && l.endsWith(' '), `${name}: ${l}`).toBe(true);
    }
  });

  it('gives a launcher its spec and any other name none', () => {
    for (const name of Object.keys(launchTable())) expect(launchSpec(name), name).toBeDefined();
  });
});
