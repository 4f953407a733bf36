import type { Command } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hotArgs, type HotCall } from '../../src/cli/hot/args.js';
import { makeProgram } from '../../src/cli/main.js';

const quiet = { cwd: '/', env: {}, stdout: () => {}, stderr: () => {} };

/** What commander makes of argv for check/exec/hook, with the command implementations replaced by a recorder. */
async function commanderParse(argv: string[]): Promise<HotCall | 'error' | 'other'> {
  const program = makeProgram(quiet, () => {});
  program.configureOutput({ writeOut: () => {}, writeErr: () => {} });
  let call: HotCall | 'other' = 'other';
  const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const on = (name: string) => program.commands.find((c: Command) => c.name() === name)!;
  on('check').action((words: string[], options: Record<string, unknown>) => void (call = { command: 'check', words, options: clean(options) }));
  on('exec').action((words: string[], options: Record<string, unknown>) => void (call = { command: 'exec', words, options: clean(options) }));
  on('hook').action((agent: string, options: Record<string, unknown>) => void (call = { command: 'hook', agent, options: clean(options) }));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch {
    return 'error';
  }
  return call;
}

/** The hot parser must agree with commander wherever it claims a command line. */
async function agree(argv: string[]): Promise<void> {
  const hot = hotArgs(argv);
  if (hot === undefined) return;
  expect(await commanderParse(argv), argv.join(' ')).toEqual(hot);
}

describe('hot argument parser', () => {
  it('parses the command lines agents send, as commander does', async () => {
    const lines = [
      ['check', '--', 'git status && ls -la | grep x'],
      ['check', '--json', '--', 'rm -rf /'],
      ['check', 'git', 'status'],
      ['check', '--session', 's1', '--rules', 'a.yaml', '--rules=b.yaml', '--no-builtin', '--', 'ls'],
      ['check', '--session=', '--', 'ls'],
      ['exec', '--', 'true'],
      ['exec', '--timeout', '5s', '--no-prompt', '--approval-timeout=30s', '--', 'sleep', '1'],
      ['exec', 'ls', '--json', '-la'],
      ['exec', '--', '--json'],
      ['hook', 'claude-code'],
      ['hook', 'gemini-cli', '--session', 'x'],
      ['hook', '--rules', 'r.yaml', 'json'],
      ['hook', '--', 'claude-code'],
    ];
    for (const argv of lines) {
      expect(hotArgs(argv), argv.join(' ')).toBeDefined();
      await agree(argv);
    }
  });

  it('leaves help, unknown options, missing values and other commands to the full CLI', () => {
    const full = [
      [], ['--version'], ['check'], ['check', '--help'], ['check', '-h', '--', 'ls'], ['check', '--jsn', '--', 'ls'],
      ['check', '--json=yes', '--', 'ls'], ['check', '--session'], ['check', '--session', '--json', '--', 'ls'],
      ['exec', '--timeout'], ['hook'], ['hook', 'a', 'b'], ['hook', '--json', 'claude-code'], ['audit', 'tail'], ['explain', '--', 'ls'],
    ];
    for (const argv of full) expect(hotArgs(argv), argv.join(' ')).toBeUndefined();
  });

  it('agrees with commander on generated command lines', async () => {
    const token = fc.constantFrom('check', 'exec', 'hook', '--', '--json', '--session', '--session=a', '--rules', '--rules=r', '--no-builtin',
      '--timeout', '--timeout=1s', '--no-prompt', '--approval-timeout', '-x', '--x', 'ls', '-la', 'a b', '', '--json=1', 'claude-code');
    const argv = fc.tuple(fc.constantFrom('check', 'exec', 'hook'), fc.array(token, { maxLength: 7 })).map(([c, rest]) => [c, ...rest]);
    let claimed = 0;
    await fc.assert(fc.asyncProperty(argv, async (a) => {
      if (hotArgs(a)) claimed++;
      await agree(a);
    }), { numRuns: 400 });
    expect(claimed).toBeGreaterThan(50);
  });
});
