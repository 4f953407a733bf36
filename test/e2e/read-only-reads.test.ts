import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeSandbox, runCli } from '../helpers/cli.js';

// base.read-only allows its programs outright; what they read must still meet the secrets
// pack. Every program on that list either names the files it reads (checked here: reading
// an SSH key through it asks) or reads no file content at all (listed below, by reason).
const NO_FILE_CONTENT = new Set([
  // print their arguments or facts about the system
  'echo', 'printf', 'true', 'false', 'test', '[', 'which', 'type', 'date', 'whoami', 'id', 'uname', 'hostname', 'pwd', 'seq', 'sleep', 'cd', 'exit', ':',
  // work on names or metadata, not contents
  'basename', 'dirname', 'realpath', 'readlink', 'ls', 'stat', 'du', 'df', 'tree',
  // read only their standard input (a redirection from a file is a file action of its own); read's operands are variable names
  'tr', 'read',
]);
/** Programs whose first operand is a pattern or filter, not a file. */
const PATTERN_FIRST = new Set(['grep', 'egrep', 'fgrep', 'rg', 'jq']);

const base = parse(readFileSync(join(import.meta.dirname, '../../rules/base.yaml'), 'utf8')) as { rules: { id: string; match: { command: string[] } }[] };
const programs = base.rules.find((r) => r.id === 'base.read-only')!.match.command;

describe('base.read-only and the secrets pack', () => {
  it('reading an SSH key through any of the programs that read asks (nomos test over generated cases)', async () => {
    const sb = makeSandbox();
    const readers = programs.filter((p) => !NO_FILE_CONTENT.has(p));
    expect(readers.length).toBeGreaterThan(15);
    const lines = readers.map((p) => `- { cmd: "${p}${PATTERN_FIRST.has(p) ? ' x' : ''} /home/user/.ssh/id_rsa", want: ask, rules: [secrets.ssh-keys] }`);
    const file = sb.write('work/reads.test.yaml', `${lines.join('\n')}\n`);
    const r = await runCli(['test', file], sb);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed\n$/m);
    expect(Number(/^(\d+) passed/m.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(readers.length);
    expect(r.code).toBe(0);
  });
});
