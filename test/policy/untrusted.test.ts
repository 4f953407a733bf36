import { describe, expect, it } from 'vitest';
import type { ParsedRuleFile } from '../../src/policy/compile.js';
import { profileOf, settingsOf, tightenOnly } from '../../src/policy/untrusted.js';

const file = (spec: Record<string, unknown>, layer = 'project', name = '/r/.nomosrc.yaml'): ParsedRuleFile => {
  const rules = (spec.rules as unknown[] | undefined) ?? [];
  return { file: name, layer, spec: { version: 1, rules, ...spec } as ParsedRuleFile['spec'], ruleLocations: rules.map((_, i) => ({ line: 10 + i, col: 5 })) };
};
const rule = (id: string, decision: string) => ({ id, match: { command: id }, decision });
const isProject = (f: ParsedRuleFile) => f.layer === 'project';

describe('an untrusted project config may only tighten', () => {
  it('keeps deny and ask rules with their locations, and leaves out allow, modify and disable:', () => {
    const out = tightenOnly(file({ disable: 'git.*', rules: [rule('a', 'allow'), rule('d', 'deny'), rule('m', 'modify'), rule('q', 'ask')] }));
    expect(out.file.spec.rules.map((r) => r.id)).toEqual(['d', 'q']);
    expect(out.file.ruleLocations).toEqual([{ line: 11, col: 5 }, { line: 13, col: 5 }]);
    expect(out.file.spec.disable).toBeUndefined();
    expect(out.ignored).toEqual(['rule a (allow) at /r/.nomosrc.yaml:10', 'rule m (modify) at /r/.nomosrc.yaml:12', 'disable: ["git.*"] in /r/.nomosrc.yaml']);
    expect(tightenOnly(file({ disable: [], rules: [rule('d', 'deny')] })).ignored).toEqual([]); // nomos init writes `disable: []`
  });

  it('leaves out a deny rule with a re: pattern (a crafted command could make it run for minutes)', () => {
    const out = tightenOnly(file({ rules: [{ id: 'r', match: { command: 'echo', args: ['re:^(a|a)*$'] }, decision: 'deny' }, rule('d', 'deny')] }));
    expect(out.file.spec.rules.map((r) => r.id)).toEqual(['d']);
    expect(out.ignored).toEqual(['rule r (a re: pattern, which an untrusted file may not use) at /r/.nomosrc.yaml:10']);
  });

  it("keeps a deny rule's match but not its record: or tags: (they feed the user's session conditions)", () => {
    const out = tightenOnly(file({ rules: [{ ...rule('d', 'deny'), record: { deploys: -1000 }, tags: ['deploy'] }] }));
    expect(out.file.spec.rules).toEqual([rule('d', 'deny')]);
    expect(out.ignored).toEqual(['record:/tags: of rule d at /r/.nomosrc.yaml:10']);
  });

  it('takes a profile only where it is stricter than the one before it', () => {
    const ignored: string[] = [];
    expect(profileOf([file({ profile: 'permissive' })], isProject, ignored)).toBe('balanced');
    expect(profileOf([file({ profile: 'permissive' }, 'user'), file({ profile: 'balanced' })], isProject, ignored)).toBe('balanced');
    expect(profileOf([file({ profile: 'strict' }, 'user'), file({ profile: 'balanced' })], isProject, ignored)).toBe('strict');
    expect(profileOf([file({ profile: 'strict' })], isProject, ignored)).toBe('strict');
    expect(ignored).toEqual(['profile: permissive in /r/.nomosrc.yaml', 'profile: balanced in /r/.nomosrc.yaml']);
  });

  it('takes default: and opaque: only where they are stricter; a trusted layer sets them as written', () => {
    const ignored: string[] = [];
    const start = { default: 'ask', opaque: 'ask' } as const;
    expect(settingsOf([file({ default: 'allow', opaque: 'deny' })], start, isProject, ignored)).toEqual({ default: 'ask', opaque: 'deny' });
    expect(settingsOf([file({ default: 'deny' }, 'user'), file({ default: 'ask' })], start, isProject, ignored)).toEqual({ default: 'deny', opaque: 'ask' });
    expect(settingsOf([file({ default: 'allow' })], start, () => false, [])).toEqual({ default: 'allow', opaque: 'ask' });
    expect(ignored).toEqual(['default: allow in /r/.nomosrc.yaml', 'default: ask in /r/.nomosrc.yaml']);
  });
});
