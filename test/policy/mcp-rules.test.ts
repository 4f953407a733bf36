import * as cel from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { analyzeToolCall } from '../../src/action/mcp-tools.js';
import { compileRules } from '../../src/policy/compile.js';
import { createConditionEngine } from '../../src/policy/conditions.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { checkExamples, describeFailure } from '../../src/policy/examples.js';
import { contradictions, riskyAllow } from '../../src/policy/lint/semantics.js';
import { parseRuleFile } from '../../src/policy/load.js';
import { buildPolicy, candidates } from '../../src/policy/policy.js';
import type { RuleSpec } from '../../src/policy/schema.js';
import { parseTestFile } from '../../src/policy/test-file.js';
import { runCase } from '../../src/policy/testing.js';

const conditions = createConditionEngine(cel);
const noShell = () => { throw new Error('no shell analysis in these tests'); };

function policyOf(rules: string, fallback: 'allow' | 'ask' | 'deny' = 'ask') {
  const file = parseRuleFile(`version: 1\nrules:\n${rules}`, 't.yaml');
  return buildPolicy(compileRules([file], { home: '/h', workspace: '/w', conditions }), { default: fallback, opaque: 'ask', sources: ['t.yaml'] });
}
/** Decides a tool call as a hook does (without the disk): the mcp action and what the tool is, each asked for directly. */
function decide(rules: string, server: string, tool: string, input: unknown = {}, fallback: 'allow' | 'ask' | 'deny' = 'ask') {
  return evaluate(policyOf(rules, fallback), analyzeToolCall(server, tool, input, { cwd: '/w', home: '/h' }, ['test']), { direct: true, cwd: '/w' });
}

const GITHUB = `  - id: t.github-read
    match: { mcp: { server: github, tool: ["get_*", "list_*"] } }
    decision: allow
  - id: t.github-delete
    match: { mcp: { server: "git*", tool: "delete_*" } }
    decision: deny
    message: Deleting on GitHub is for humans.
  - id: t.issue-in-acme
    match: { mcp: { server: github, tool: create_issue } }
    when: 'action.input.repo.startsWith("acme/")'
    decision: allow
`;

describe('match: { mcp: { server, tool } }', () => {
  it('matches server and tool by glob; the strictest match wins; no match gets the default', () => {
    expect(decide(GITHUB, 'github', 'get_issue')).toMatchObject({ decision: 'allow', rules: [{ id: 't.github-read' }] });
    expect(decide(GITHUB, 'gitlab', 'delete_repo')).toMatchObject({ decision: 'deny', reason: 't.github-delete: Deleting on GitHub is for humans.' });
    expect(decide(GITHUB, 'github', 'merge_pull_request')).toMatchObject({ decision: 'ask', reason: 'no rule matches tool github/merge_pull_request; the default is ask', rules: [] });
    // Names are compared as the agent reports them: case matters.
    expect(decide(GITHUB, 'GitHub', 'get_issue').decision).toBe('ask');
    expect(decide(GITHUB, 'github', 'Get_issue').decision).toBe('ask');
  });

  it('when: sees the tool arguments as action.input; a condition that cannot be evaluated never allows', () => {
    expect(decide(GITHUB, 'github', 'create_issue', { repo: 'acme/web', title: 't' })).toMatchObject({ decision: 'allow', rules: [{ id: 't.issue-in-acme' }] });
    expect(decide(GITHUB, 'github', 'create_issue', { repo: 'evil/web' }).decision).toBe('ask');
    expect(decide(GITHUB, 'github', 'create_issue', {}).decision).toBe('ask');
    const deny = `  - id: t.big
    match: { mcp: { tool: transfer } }
    when: 'action.input.amount > 100'
    decision: deny
`;
    expect(decide(deny, 'bank', 'transfer', { amount: 500 }, 'allow').decision).toBe('deny');
    expect(decide(deny, 'bank', 'transfer', { amount: 5 }, 'allow').decision).toBe('allow');
    // Fail closed: no amount, the condition fails, the deny counts.
    expect(decide(deny, 'bank', 'transfer', {}, 'allow')).toMatchObject({ decision: 'deny', rules: [{ id: 't.big', note: expect.stringMatching(/^condition failed/) }] });
  });

  it('not: takes mcp keys too', () => {
    const rules = `  - id: t.fs-but-reads
    match: { mcp: { server: fs }, not: { mcp: { tool: "read_*" } } }
    decision: deny
`;
    expect(decide(rules, 'fs', 'write_file', { path: '/w/x' }, 'allow').decision).toBe('deny');
    expect(decide(rules, 'fs', 'read_text_file', { path: '/w/x' }, 'allow').decision).toBe('allow');
  });

  it('an mcp rule meets only mcp actions, and other rules never meet mcp actions', () => {
    const policy = policyOf(`${GITHUB}  - id: t.cat
    match: { command: cat }
    decision: deny
  - id: t.files
    match: { file: { path: "/**" } }
    decision: deny
`);
    const [call] = analyzeToolCall('github', 'delete_repo', {}, { cwd: '/w', home: '/h' }, []).actions;
    expect(candidates(policy, call!).map((r) => r.id)).toEqual(['t.github-read', 't.github-delete', 't.issue-in-acme']);
    expect(policy.rules.find((r) => r.id === 't.github-delete')!.test({ kind: 'exec', program: 'delete_repo', argv: ['delete_repo'], flags: [], args: [], env: {}, via: [] })).toBe(0);
  });

  it('a well-known tool is decided as what it does too: file rules meet an MCP read under any server name, whatever mcp rules allow', () => {
    const rules = `  - id: t.fs-all
    match: { mcp: { server: fs } }
    decision: allow
  - id: t.keys
    match: { file: { op: read, path: "~/.ssh/id_*" } }
    decision: deny
`;
    expect(decide(rules, 'fs', 'read_file', { path: '~/.ssh/id_rsa' })).toMatchObject({ decision: 'deny', rules: [{ id: 't.fs-all' }, { id: 't.keys', action: 1 }] });
    expect(decide(rules, 'renamed', 'read_text_file', { path: '/h/.ssh/id_ed25519' }).decision).toBe('deny');
    // A relative path may be any file: it meets the deny (fail closed).
    expect(decide(rules, 'fs', 'read_file', { path: '.ssh/id_rsa' }).decision).toBe('deny');
    // The file action is asked for directly: with no file rule for it, the default applies, as for Claude Code's Read.
    expect(decide(rules, 'fs', 'read_file', { path: '/w/README.md' })).toMatchObject({ decision: 'ask', reason: 'no rule matches read /w/README.md; the default is ask' });
    expect(decide(rules, 'fs', 'read_file', { path: '/w/README.md' }, 'allow').decision).toBe('allow');
  });
});

describe('examples, test cases and lint for mcp rules', () => {
  const compiled = (yaml: string) => compileRules([parseRuleFile(`version: 1\nrules:\n${yaml}`, 't.yaml')], { home: '/home/user', workspace: '/workspace', conditions })[0]!;

  it('examples may be tool calls {server, tool, input}, decided as a hook maps them', () => {
    const rule = compiled(`  - id: t.acme
    match: { mcp: { server: github, tool: create_issue } }
    when: 'action.input.repo == "acme/web"'
    decision: allow
    examples:
      match: [{ server: github, tool: create_issue, input: { repo: acme/web } }, { server: github, tool: create_issue, input: { repo: evil/x } }]
      no_match: [{ server: github, tool: create_issue, input: { repo: acme/web, x: 1 } }, "ls"]
`);
    const failures = checkExamples(rule, () => ({ actions: [], opaque: [] }), '/workspace');
    expect(failures.map((f) => describeFailure(rule, f))).toEqual([
      'example "github/create_issue {\\"repo\\":\\"evil/x\\"}" should match rule t.acme but does not',
      'no_match example "github/create_issue {\\"repo\\":\\"acme/web\\",\\"x\\":1}" matches rule t.acme',
    ]);
  });

  it('a file rule\'s example may be an MCP tool call: it is decided as the file action it is', () => {
    const rule = compiled(`  - id: t.keys
    match: { file: { op: read, path: "~/.ssh/**" } }
    decision: deny
    examples:
      match: [{ server: anything, tool: read_text_file, input: { path: ~/.ssh/id_rsa } }]
      no_match: [{ server: anything, tool: write_file, input: { path: ~/.ssh/id_rsa, content: x } }]
`);
    expect(checkExamples(rule, noShell, '/workspace')).toEqual([]);
  });

  it('nomos test cases: action {kind: mcp, server, tool, input} is decided with the actions its tool is', () => {
    // In the examples' world (home /home/user), as nomos test runs cases.
    const world = buildPolicy(compileRules([parseRuleFile('version: 1\nrules:\n  - id: t.keys\n    match: { file: { op: read, path: "~/.ssh/**" } }\n    decision: deny\n', 't.yaml')], { home: '/home/user', workspace: '/workspace', conditions }), { default: 'allow', opaque: 'ask', sources: [] });
    const cases = parseTestFile(`- { action: { kind: mcp, server: fs, tool: read_file, input: { path: "~/.ssh/id_rsa" } }, want: deny, rules: [t.keys] }
- { action: { kind: mcp, server: fs, tool: read_file, input: { path: "~/notes" } }, want: allow }
`, 'c.test.yaml');
    expect(cases.map((c) => runCase(world, c, noShell)).map((r) => [r.ok, r.got.decision])).toEqual([[true, 'deny'], [true, 'allow']]);
    expect(() => parseTestFile('- { action: { kind: mcp, tool: read_file }, want: deny }\n', 'c.test.yaml')).toThrow(/names its server and tool/);
  });

  it('lint: an allow of any server\'s tools is risky; mixing mcp with other kinds never fires', () => {
    const rule = (match: RuleSpec['match'], decision: RuleSpec['decision'] = 'allow'): RuleSpec => ({ id: 't.x', match, decision });
    expect(riskyAllow(rule({ mcp: { tool: 'read_file' } }))).toMatch(/any server/);
    expect(riskyAllow(rule({ mcp: { server: ['github', '*'] } }))).toMatch(/any server/);
    expect(riskyAllow(rule({ mcp: { server: 'github' } }))).toBeUndefined();
    expect(riskyAllow(rule({ mcp: {} }, 'deny'))).toBeUndefined();
    expect(contradictions(rule({ mcp: { server: 'x' }, command: 'ls' }))).toMatch(/mixes/);
    expect(contradictions(rule({ mcp: { server: 'x' }, http: { host: 'h' } }))).toMatch(/mixes/);
    expect(contradictions(rule({ mcp: { server: 'x' }, actor: 'a' }))).toBeUndefined();
  });
});
