import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runCompletion } from '../../../src/cli/commands/completion.js';
import { extractIds } from '../../../src/cli/completion/dynamic.js';
import { describeProgram } from '../../../src/cli/completion/model.js';

describe('extractIds', () => {
  it('reads arrays, wrapped lists and JSON lines, and drops what is not an id', () => {
    expect(extractIds('[{"id":"git.force-push"},{"id":"base.read-only","layer":"shipped"}]')).toEqual(['git.force-push', 'base.read-only']);
    expect(extractIds('{"rules":[{"id":"a.b"}],"disabled":["c.d"]}')).toEqual(['a.b']);
    expect(extractIds('{"id":"p1","age":3}\n{"id":"p2"}\n')).toEqual(['p1', 'p2']);
    expect(extractIds('{"pending":[{"id":7}]}')).toEqual(['7']);
    expect(extractIds('["s-1","has space","s-1"]')).toEqual(['s-1']);
    expect(extractIds('')).toEqual([]);
    expect(extractIds('not json')).toEqual([]);
  });
});

/** A real commander program with the listing command the rule-language work adds. */
export function programWithRules(): Command {
  const program = new Command('nomos');
  const rules = program.command('rules');
  rules.command('list').option('--json').action(() => undefined);
  rules.command('show').argument('<id>').action(() => undefined);
  program.command('completion').argument('[shell]').action(() => undefined);
  return program;
}

describe('nomos completion --candidates', () => {
  it('asks the listing command and prints its ids, one a line', async () => {
    let out = '';
    const asked: string[][] = [];
    const code = await runCompletion(undefined, { candidates: 'rule-ids' }, {
      program: programWithRules(),
      cli: { cwd: '/', env: {}, stdout: (t) => (out += t), stderr: () => undefined },
      runSelf: async (args) => (asked.push(args), '[{"id":"git.force-push"},{"id":"project.test"}]'),
    });
    expect(code).toBe(0);
    expect(asked).toEqual([['rules', 'list', '--json']]);
    expect(out).toBe('git.force-push\nproject.test\n');
  });

  it('prints nothing, and asks nothing, when this version has no listing command', async () => {
    let out = '';
    let asked = 0;
    const program = new Command('nomos');
    program.command('check');
    const code = await runCompletion(undefined, { candidates: 'session-ids' }, {
      program,
      cli: { cwd: '/', env: {}, stdout: (t) => (out += t), stderr: () => undefined },
      runSelf: async () => (asked++, '["x"]'),
    });
    expect([code, out, asked]).toEqual([0, '', 0]);
  });
});

describe('describeProgram', () => {
  it('finds fixed choices, file values and the dynamic id slots', () => {
    const spec = describeProgram(programWithRules());
    const show = spec.subcommands.find((c) => c.name === 'rules')!.subcommands.find((c) => c.name === 'show')!;
    expect(show.path).toBe('rules show');
    expect(show.args[0]!.value).toEqual({ kind: 'dynamic', source: 'rule-ids' });
    const list = spec.subcommands.find((c) => c.name === 'rules')!.subcommands.find((c) => c.name === 'list')!;
    expect(list.options.map((o) => o.names)).toContainEqual(['--json']);
  });
});

describe('hasCommand', () => {
  it('walks subcommands, then accepts one positional argument within its choices', async () => {
    const { hasCommand } = await import('../../../src/cli/completion/model.js');
    const { Argument } = await import('commander');
    const program = programWithRules();
    program.command('hook').addArgument(new Argument('<agent>').choices(['claude-code', 'gemini-cli']));
    expect(hasCommand(program, ['rules', 'list'])).toBe(true);
    expect(hasCommand(program, ['rules', 'drop'])).toBe(false);
    expect(hasCommand(program, ['hook', 'claude-code'])).toBe(true);
    expect(hasCommand(program, ['hook', 'cursor'])).toBe(false);
    expect(hasCommand(program, ['mcp'])).toBe(false);
  });
});
