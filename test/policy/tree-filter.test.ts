import { describe, expect, it } from 'vitest';
import { loadShellParser } from '../../src/action/shell/parser.js';
import type { AnalysisContext, FileAction, TreeListing } from '../../src/action/types.js';
import { decide } from '../../src/pipeline.js';
import { compileRules } from '../../src/policy/compile.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { parseRuleFile } from '../../src/policy/load.js';
import { mayMatchBelow } from '../../src/policy/patterns.js';
import { buildPolicy } from '../../src/policy/policy.js';
import { treeFilter } from '../../src/policy/tree-filter.js';

const parser = await loadShellParser();
const env = { actor: 'agent', session: 's', cwd: '/w' };

const RULES = `version: 1
rules:
  - id: t.dotenv
    match: { file: { op: [read, copy], path: ["**/.env"] }, not: { file: { path: "**/ok/.env" } } }
    decision: ask
  - id: t.ssh
    match: { file: { op: read, path: "~/.ssh/id_*" } }
    decision: ask
  - id: t.secrets-dir
    match: { file: { op: read, path: "/w/secrets/**" } }
    decision: deny
  - id: t.md
    match: { file: { op: read, path: "**/*.md" } }
    decision: allow
  - id: t.pem-write
    match: { file: { op: write, path: "**/*.pem" } }
    decision: deny
  - id: t.keys-anywhere
    match: { file: { op: read, path: ["**/.ssh/**", "**/{.npmrc,.pypirc}", "**/cred?(s).json"] } }
    decision: ask
  - id: t.brace
    match: { file: { op: read, path: "**/{deep/k.key,k.pem}" } }
    decision: ask
  - id: t.grep
    match: { command: grep }
    decision: allow
`;
const policy = buildPolicy(compileRules([parseRuleFile(RULES, 'test.yaml')], { home: '/h', workspace: '/w' }), { default: 'ask', opaque: 'ask', sources: ['test.yaml'] });
const op = (path: string, more: Partial<FileAction> = {}): FileAction => ({ kind: 'file', op: 'read', path, via: ['grep'], recursive: true, ...more });
const found = (path: string, more: Partial<FileAction> = {}): FileAction => ({ kind: 'file', op: 'read', path, via: ['grep'], below: '/w', ...more });

describe('mayMatchBelow: whether a rule path glob may match a path strictly below a directory', () => {
  it('holds for a glob that may match anywhere, one whose leading segments match the directory, and one below it', () => {
    expect(mayMatchBelow('**/.env', '/w')).toBe(true);
    expect(mayMatchBelow('re:(^|/)\\.env$', '/w')).toBe(true);
    expect(mayMatchBelow('/w/**/.env', '/w/src')).toBe(true);
    expect(mayMatchBelow('/w/secrets/**', '/w')).toBe(true);
    expect(mayMatchBelow('/tmp/nomos-[0-9]*/approvals/**', '/tmp/nomos-0')).toBe(true);
    expect(mayMatchBelow('/{a,b}/x', '/c')).toBe(true);
  });

  it('fails for a glob whose leading segments name other directories, or that has no segments past the directory', () => {
    expect(mayMatchBelow('/tmp/nomos-[0-9]*/approvals/**', '/tmp/proj')).toBe(false);
    expect(mayMatchBelow('/h/.ssh/id_*', '/w')).toBe(false);
    expect(mayMatchBelow('/w/.env', '/w/.env')).toBe(false);
    expect(mayMatchBelow('/w/*', '/w/src')).toBe(false);
  });
});

describe('treeFilter: which files listed below a recursive op become actions', () => {
  it('is undefined where no rule beyond those the op meets as a whole may meet a file below (nothing is listed)', () => {
    // Only fixed-directory rules there: the op on ~/.ssh meets t.ssh itself.
    const ssh = buildPolicy(policy.rules.filter((r) => r.id === 't.ssh'), { default: 'ask', opaque: 'ask', sources: [] });
    expect(treeFilter(ssh, env)(op('/h/.ssh'))).toBeUndefined();
    expect(treeFilter(ssh, env)(op('/w'))).toBeUndefined();
    // No deny or ask rule for this op: allow rules never count.
    expect(treeFilter(policy, env)(op('/w', { op: 'chmod' }))).toBeUndefined();
  });

  it('lets through the files an ask or deny rule for the same op may meet, not those only an allow rule or another op meets', () => {
    const wanted = treeFilter(policy, env)(op('/w'))!;
    expect(wanted(found('/w/a/b/.env'))).toBe(true);
    expect(wanted(found('/w/ok/.env'))).toBe(false);
    expect(wanted(found('/w/README.md'))).toBe(false);
    expect(wanted(found('/w/cert.pem'))).toBe(false);
    expect(wanted(found('/w/src/a.ts'))).toBe(false);
    // The op on /w meets t.secrets-dir as a whole already; its files are not added again.
    expect(wanted(found('/w/secrets/k'))).toBe(false);
  });

  it('tests a file in full where its name may match a rule\'s last segment, or the last segment may be anything', () => {
    const wanted = treeFilter(policy, env)(op('/w/app'))!;
    expect(wanted(found('/w/app/x/.ssh/deep/k'))).toBe(true);
    expect(wanted(found('/w/app/.npmrc'))).toBe(true);
    expect(wanted(found('/w/app/creds.json'))).toBe(true);
    expect(wanted(found('/w/app/deep/k.key'))).toBe(true);
    expect(wanted(found('/w/app/x/ssh/k'))).toBe(false);
    expect(wanted(found('/w/app/npmrc'))).toBe(false);
  });

  it('lets through a link target outside the directory by the rules of its own place', () => {
    const wanted = treeFilter(policy, env)(op('/w'))!;
    expect(wanted(found('/h/.ssh/id_rsa'))).toBe(true);
    expect(wanted(found('/h/notes.txt'))).toBe(false);
    expect(wanted(found('/h/.ssh', { recursive: true }))).toBe(true);
  });
});

describe('evaluate and decide: files found below a recursive op', () => {
  it('names the file below the directory that met the rule', () => {
    const e = evaluate(policy, { actions: [op('/w/app'), found('/w/app/a/.env', { below: '/w/app' })], opaque: [] });
    expect(e.decision).toBe('ask');
    expect(e.reason).toBe('t.dotenv: ask by rule (read /w/app/a/.env, found below /w/app)');
  });

  it('says where a directory was listed only in part', () => {
    const e = evaluate(policy, { actions: [op('/w/app', { listedInPart: true })], opaque: [] });
    expect(e.decision).toBe('allow');
    expect(e.reason).toBe('every action is allowed by a rule (not all of /w/app was listed: rules that may match anywhere below it, like **/.env, met only the files listed)');
    expect(evaluate(policy, { actions: [op('/w/app')], opaque: [] }).reason).toBe('every action is allowed by a rule');
    // A deny is not made stricter by what was not listed: its reason is the rule's alone.
    const denied = evaluate(policy, { actions: [op('/w/app', { listedInPart: true }), found('/w/secrets/k')], opaque: [] });
    expect([denied.decision, denied.reason]).toEqual(['deny', 't.secrets-dir: deny by rule (read /w/secrets/k, found below /w)']);
  });

  it('gives a file found below no default when asked for directly: only a rule that meets it counts', () => {
    const e = evaluate(policy, { actions: [found('/w/other')], opaque: [] }, { direct: true });
    expect(e.decision).toBe('allow');
    expect(evaluate(policy, { actions: [op('/w/other', { recursive: false })], opaque: [] }, { direct: true }).decision).toBe('ask');
  });

  it('lists a directory only for a request with a recursive op, and decides the files listed', () => {
    const listed: string[] = [];
    const listing: TreeListing = { paths: ['/w/app/src', '/w/app/src/.env', '/w/app/README.md'], links: [], complete: true };
    const ctx: AnalysisContext = { cwd: '/w/app', home: '/h', env: { HOME: '/h' }, listTree: (dir) => (listed.push(dir), listing) };
    const deps = { policy, parser, ctx };
    expect(decide({ kind: 'shell', command: 'grep x a.txt | grep -v y' }, deps).decision).toBe('allow');
    expect(listed).toEqual([]);
    const e = decide({ kind: 'shell', command: 'grep -r x .' }, deps);
    expect(listed).toEqual(['/w/app']);
    expect(e.decision).toBe('ask');
    expect(e.actions).toContainEqual({ kind: 'file', op: 'read', path: '/w/app/src/.env', via: ['grep'], below: '/w/app' });
    expect(e.actions.filter((a) => a.kind === 'file')).toHaveLength(2);
  });
});
