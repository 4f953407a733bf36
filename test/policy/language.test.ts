import * as cel from '@marcbachmann/cel-js';
import { quote } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { analyzeShell } from '../../src/action/shell/analyze.js';
import { loadShellParser } from '../../src/action/shell/parser.js';
import { compileRules } from '../../src/policy/compile.js';
import { createConditionEngine } from '../../src/policy/conditions.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { parseRuleFile } from '../../src/policy/load.js';
import { buildPolicy } from '../../src/policy/policy.js';
import { settleModify } from '../../src/policy/rewrite.js';
import { listSessionView, type SessionEvent } from '../../src/policy/session-view.js';

const parser = await loadShellParser();
const ctx = { cwd: '/w', home: '/h', env: { HOME: '/h' } };
const conditions = createConditionEngine(cel);
const analyze = (cmd: string) => analyzeShell(cmd, parser.parse, ctx);

function policyOf(rules: string) {
  const file = parseRuleFile(`version: 1\nrules:\n${rules}`, 't.yaml');
  return buildPolicy(compileRules([file], { home: '/h', workspace: '/w', conditions }), { default: 'ask', opaque: 'ask', sources: ['t.yaml'] });
}
const event = (e: Partial<SessionEvent>): SessionEvent => ({ time: new Date().toISOString(), kind: 'exec', decision: 'allow', rules: [], tags: [], record: {}, ...e });

function decide(rules: string, cmd: string, options: Parameters<typeof evaluate>[2] = {}) {
  const policy = policyOf(rules);
  const opts = { cwd: '/w', ...options };
  return settleModify(policy, evaluate(policy, analyze(cmd), opts), { kind: 'shell', command: cmd }, (argv) => evaluate(policy, analyze(quote(argv)), opts));
}

describe('when: CEL conditions', () => {
  const budget = `  - id: t.deploys
    match: { command: ./deploy.sh }
    when: 'session.count({"rule": "t.deploys"}) >= 2 || actor == "intern"'
    decision: deny
  - id: t.ls
    match: { command: ls }
    decision: allow
`;
  it('sees the session history and the actor', () => {
    expect(decide(budget.replace('./deploy.sh', 'deploy'), 'deploy').decision).toBe('ask');
    const session = listSessionView('s', [event({ rules: ['t.deploys'] }), event({ rules: ['t.deploys'] })]);
    expect(decide(budget.replace('./deploy.sh', 'deploy'), 'deploy', { session }).decision).toBe('deny');
    expect(decide(budget.replace('./deploy.sh', 'deploy'), 'deploy', { actor: 'intern' }).decision).toBe('deny');
  });

  it('sums recorded values and records new ones', () => {
    const rules = `  - id: t.pay
    match: { command: pay }
    when: session.sum("amount") + double(action.args[0]) > 100.0
    decision: deny
  - id: t.pay-record
    match: { command: pay }
    decision: allow
    record: { amount: "=double(action.args[0])", kind: payment }
`;
    const session = listSessionView('s', [event({ record: { amount: 90 } })]);
    expect(decide(rules, 'pay 5', { session })).toMatchObject({ decision: 'allow', records: [{ action: 0, values: { amount: 5, kind: 'payment' } }] });
    expect(decide(rules, 'pay 20', { session }).decision).toBe('deny');
  });

  it('fails closed when a condition cannot be evaluated', () => {
    const rules = `  - id: t.bad
    match: { command: x }
    when: action.nope == "y"
    decision: deny
`;
    const e = decide(rules, 'x');
    expect(e.decision).toBe('deny');
    expect(e.rules[0]!.note).toMatch(/condition failed/);
  });

  it('type-checks at load', () => {
    expect(conditions.check('session.count() > "3"')?.message).toMatch(/no such overload/);
    expect(conditions.check('action.program')?.message).toBeUndefined();
    expect(conditions.check('"a"', 'bool')?.message).toMatch(/must be a bool/);
  });
});

describe('modify', () => {
  const rules = `  - id: t.lease
    match: { command: git push, flags: [--force, -f] }
    decision: modify
    modify: { replace: { "--force": "--force-with-lease" }, remove_flags: [-f], add_flags: [--force-with-lease] }
  - id: t.trash
    match: { command: rm }
    decision: modify
    modify: { program: trash, remove_flags: [-r, -f] }
  - id: t.no-trash-root
    match: { command: trash, args: ["/"] }
    decision: deny
  - id: t.git
    match: { command: git push }
    decision: allow
  - id: t.trash-ok
    match: { command: trash }
    decision: allow
`;
  it('rewrites the command and says what runs', () => {
    const e = decide(rules, 'rm -rf build');
    expect(e.decision).toBe('modify');
    expect(e.rewrite).toMatchObject({ argv: ['trash', 'build'], text: 'trash build', rules: ['t.trash'] });
    expect(decide(rules, 'git push -f origin topic').rewrite!.argv).toEqual(['git', 'push', '--force-with-lease', 'origin', 'topic']);
  });

  it('evaluates the rewrite again and a stricter decision wins', () => {
    const e = decide(rules, 'rm -rf /');
    expect(e.decision).toBe('deny');
    expect(e.rules.map((r) => r.id)).toContain('t.no-trash-root');
    expect(e.rewrite).toBeUndefined();
  });

  it('asks instead of rewriting a command with shell syntax it would lose', () => {
    expect(decide(rules, 'rm -rf build > log').decision).toBe('ask');
    expect(decide(rules, 'rm -rf "$X"').decision).toBe('ask');
    expect(decide(rules, 'ls; rm -rf build').decision).toBe('ask');
  });
});

describe('match keys', () => {
  it('argv globs per position, with ** for any rest', () => {
    const rules = '  - id: t.a\n    match: { command: git, argv: [push, "*", "main"] }\n    decision: deny\n  - id: t.b\n    match: { command: npm, argv: [run, "test*", "**"] }\n    decision: allow\n';
    expect(decide(rules, 'git push origin main').decision).toBe('deny');
    expect(decide(rules, 'git push origin main --tags').decision).toBe('ask');
    expect(decide(rules, 'npm run test:unit -- --watch').decision).toBe('allow');
    expect(decide(rules, 'npm run build').decision).toBe('ask');
  });

  it('paths under and outside, with ${workspace} and ~', () => {
    const rules = '  - id: t.out\n    match: { command: rm, paths: { outside: ["${workspace}"] } }\n    decision: deny\n  - id: t.home\n    match: { command: touch, paths: { under: "~" } }\n    decision: allow\n';
    expect(decide(rules, 'rm a/b ../x').decision).toBe('deny');
    expect(decide(rules, 'rm a/b').decision).toBe('ask');
    expect(decide(rules, 'touch ~/x').decision).toBe('allow');
  });

  it('actor, session, cwd and via', () => {
    const rules = '  - id: t.a\n    match: { command: make, actor: "ci-*", cwd: /w }\n    decision: allow\n  - id: t.s\n    match: { command: rm, via: sudo }\n    decision: deny\n';
    expect(decide(rules, 'make', { actor: 'ci-bot' }).decision).toBe('allow');
    expect(decide(rules, 'make', { actor: 'agent' }).decision).toBe('ask');
    expect(decide(rules.replace('cwd: /w', 'cwd: /other'), 'make', { actor: 'ci-bot' }).decision).toBe('ask');
    expect(decide(rules, 'sudo rm x').decision).toBe('deny');
  });

  it('regex args and single-dash words as flags', () => {
    const rules = '  - id: t.r\n    match: { command: curl, args: ["re:^https?://10\\\\."] }\n    decision: deny\n  - id: t.f\n    match: { command: find, flags: [-delete] }\n    decision: deny\n';
    expect(decide(rules, 'curl http://10.0.0.1/x').decision).toBe('deny');
    expect(decide(rules, 'find . -delete').decision).toBe('deny');
    expect(decide(rules, 'find . -name x').decision).toBe('ask');
  });
});
