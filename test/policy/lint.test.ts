import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../src/cli/commands/lint.js';
import { formatFindings } from '../../src/policy/lint/format.js';
import { LINT_CODES } from '../../src/policy/lint/lint.js';
import { riskyAllow } from '../../src/policy/lint/semantics.js';

const dir = join(import.meta.dirname, 'lint-corpus');

async function lint(paths: string[], format: 'json' | 'human' | 'github' | 'sarif' = 'json') {
  let out = '';
  const code = await runLint(paths, { format }, { cwd: dir, env: { HOME: '/home/user' }, stdout: (t) => (out += t), stderr: () => {} });
  return { code, out };
}

// One broken file per finding code, with the exact place each is reported at.
const EXPECTED: Record<string, string> = {
  'yaml.yaml': 'yaml.yaml:5:5 nomos.rules.yaml',
  'schema.yaml': 'schema.yaml:5:15 nomos.rules.schema',
  'unknown-key.yaml': 'unknown-key.yaml:4:14 nomos.rules.unknown-key',
  'pattern.yaml': 'pattern.yaml:4:35 nomos.rules.pattern',
  'cel.yaml': 'cel.yaml:5:11 nomos.rules.cel',
  'example.yaml': 'example.yaml:7:15 nomos.rules.example',
  'duplicate-id.yaml': 'duplicate-id.yaml:6:9 nomos.rules.duplicate-id',
  'never-fires.yaml': 'never-fires.yaml:4:12 nomos.rules.never-fires',
  'shadowed.yaml': 'shadowed.yaml:6:5 nomos.rules.shadowed',
  'risky-allow.yaml': 'risky-allow.yaml:4:12 nomos.rules.risky-allow',
};

describe('nomos lint', () => {
  it('has a corpus file for every finding code', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.values(EXPECTED).map((e) => e.split(' ')[1]).sort()).toEqual([...LINT_CODES].sort());
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`reports ${want}`, async () => {
      const { code, out } = await lint([file]);
      expect(code).toBe(1);
      const findings = JSON.parse(out) as { file: string; line: number; col: number; code: string }[];
      expect(findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.line}:${f.col} ${f.code}`)).toEqual([want]);
    });
  }

  it('suggests the key that was meant', async () => {
    expect((await lint(['unknown-key.yaml'], 'human')).out).toContain('unknown key "comand"; did you mean "command"?');
  });

  it('collects findings of every file before reporting, in every format', async () => {
    const all = await lint(['.']);
    const found = (JSON.parse(all.out) as { file: string; line: number; col: number; code: string }[]).map((f) => `${f.file.slice(dir.length + 1)}:${f.line}:${f.col} ${f.code}`);
    // Each file's own finding, plus the ids every file shares (`a`) as duplicates across files.
    expect(found).toEqual(expect.arrayContaining(Object.values(EXPECTED)));
    expect(found.filter((f) => f.endsWith('duplicate-id')).length).toBeGreaterThan(1);
    const github = await lint(['cel.yaml'], 'github');
    expect(github.out).toMatch(/^::error file=.*cel\.yaml,line=5,col=11,title=nomos\.rules\.cel::a: CEL: /);
    const sarif = JSON.parse((await lint(['cel.yaml'], 'sarif')).out);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'nomos.rules.cel', locations: [{ physicalLocation: { region: { startLine: 5, startColumn: 11 } } }] });
  });

  it('github: a file name cannot issue a workflow command of its own (line breaks, : and , escaped in properties)', () => {
    const file = '/r/a\n::warning file=README.md,line=1::Approved\n%.yaml';
    const out = formatFindings([{ file, line: 3, col: 2, code: 'nomos.rules.schema', message: 'bad\nvalue' }], 'github');
    expect(out).toBe('::error file=/r/a%0A%3A%3Awarning file=README.md%2Cline=1%3A%3AApproved%0A%25.yaml,line=3,col=2,title=nomos.rules.schema::bad%0Avalue\n');
    expect(out.trimEnd().split('\n')).toHaveLength(1);
  });

  it('finds nothing in the shipped packs', async () => {
    const { code, out } = await lint([join(import.meta.dirname, '../../rules')], 'human');
    expect(out).toBe('no findings\n');
    expect(code).toBe(0);
  });
});

describe('risky-allow', () => {
  const rule = (match: Record<string, unknown>) => ({ id: 'r', decision: 'allow' as const, match });
  it('lets find be allowed when every option that runs a command is excluded, and only then', () => {
    const running = ['-exec', '-execdir', '-ok', '-okdir'];
    expect(riskyAllow(rule({ command: 'find', not: { flags: [...running, '-delete'] } }))).toBeUndefined();
    expect(riskyAllow(rule({ command: 'find' }))).toMatch(/allow of find/);
    for (const left of running) expect(riskyAllow(rule({ command: 'find', not: { flags: running.filter((o) => o !== left) } })), left).toMatch(/allow of find/);
    // fd runs a command with -x, -X (and ls with -l): an allow of it must leave them out.
    expect(riskyAllow(rule({ command: 'fd' }))).toMatch(/allow of fd/);
    expect(riskyAllow(rule({ command: ['fd', 'fdfind'], not: { flags: ['-x', '--exec', '-X', '--exec-batch', '-l', '--list-details'] } }))).toBeUndefined();
    expect(riskyAllow(rule({ command: 'fdfind', not: { flags: ['-x', '--exec'] } }))).toMatch(/allow of fdfind/);
    // Other runners run through their arguments, not through an option that can be excluded.
    expect(riskyAllow(rule({ command: 'parallel', not: { flags: running } }))).toMatch(/allow of parallel/);
  });
  it('lets wrappers whose command is decided on its own be allowed, but not sudo, shells or nohup', () => {
    for (const wrapper of ['env', 'xargs', 'timeout', 'nice', 'time', 'stdbuf', 'command', 'builtin']) expect(riskyAllow(rule({ command: wrapper })), wrapper).toBeUndefined();
    for (const runner of ['sudo', 'bash', 'nohup', 'make']) expect(riskyAllow(rule({ command: runner })), runner).toMatch(/runs other programs/);
  });
});
