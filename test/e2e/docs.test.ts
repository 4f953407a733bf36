import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeSandbox } from '../helpers/cli.js';

// Every ```sh example in the README and docs/ runs here, in order, in one bash per page
// (so a page's examples may build on each other, as in a terminal) with the built CLI on PATH as
// `nomos`. A line's expected exit code is the `exit N` in its comment, else 0. Lines
// marked `# not run: <why>` are skipped: keep those few (network, a real agent, the suite itself).

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

interface Example { line: number; command: string; exit: number }

/** The commands of a page's sh blocks, with their line numbers and expected exit codes. */
export function extractExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  let inSh = false;
  let pending = '';
  for (const [i, raw] of markdown.split('\n').entries()) {
    if (/^```/.test(raw)) {
      inSh = !inSh && /^```sh\s*$/.test(raw);
      continue;
    }
    if (!inSh) continue;
    const text = pending + raw;
    if (text.endsWith('\\')) {
      pending = `${text.slice(0, -1)} `;
      continue;
    }
    pending = '';
    const command = text.trim();
    if (!command || command.startsWith('#') || /#\s*not run:/.test(command)) continue;
    const exit = /\s#\s.*?\bexit (\d+)\b/.exec(command);
    examples.push({ line: i + 1, command, exit: exit ? Number(exit[1]) : 0 });
  }
  return examples;
}

describe('extractExamples', () => {
  it('takes sh blocks only, joins continuations, reads "exit N", skips "not run"', () => {
    const md = ['```sh', 'nomos check -- ls   # deny: exit 77', 'echo a \\', '  b', '# a comment', 'curl x  # not run: network', '```', '```yaml', 'x: 1', '```'].join('\n');
    expect(extractExamples(md)).toEqual([
      { line: 2, command: 'nomos check -- ls   # deny: exit 77', exit: 77 },
      { line: 4, command: 'echo a    b', exit: 0 },
    ]);
  });
});

/** Runs a page's examples in one bash, in order, as a user typing them would; returns each exit status. */
function runPage(examples: Example[]): { statuses: Map<number, number>; stderr: string } {
  const sb = makeSandbox();
  chmodSync(sb.state, 0o700); // as nomos creates it
  const bin = join(sb.root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'nomos'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'nomos'), 0o755);
  // No NOMOS_SESSION: the session is derived from the calling shell, as for a user.
  const env: NodeJS.ProcessEnv = { ...sb.env, PATH: `${bin}:${process.env.PATH}` };
  delete env.NOMOS_SESSION;
  // No terminal and CI=true, as for an agent in CI: ask is an immediate denial (77), never a 120 s wait.
  env.CI = 'true';
  // Each status goes to fd 3, so the examples' own output cannot be mistaken for it.
  const script = examples.map((e, i) => `${e.command}\nprintf '%s %s\\n' ${i} $? >&3`).join('\n');
  const r = spawnSync('bash', ['-c', script], { cwd: sb.cwd, env, encoding: 'utf8', timeout: 100_000, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const statuses = new Map(String(r.output[3] ?? '').split('\n').filter(Boolean).map((l) => l.split(' ').map(Number) as [number, number]));
  return { statuses, stderr: r.stderr };
}

const examplesOf = (page: string) => extractExamples(readFileSync(join(ROOT, page), 'utf8'));
/** Pages without a sh block (pure reference pages) have nothing to run. */
const RUNNABLE = PAGES.filter((page) => examplesOf(page).length > 0);

it('finds the examples of the README and the set-up pages', () => {
  expect(RUNNABLE).toEqual(expect.arrayContaining(['README.md', 'docs/agents.md', 'docs/threat-model.md', 'docs/troubleshooting.md']));
});

describe.each(RUNNABLE)('examples in %s', (page) => {
  const examples = examplesOf(page);

  it('run with the exit codes the page states', () => {
    const { statuses, stderr } = runPage(examples);
    const results = examples.map((e, i) => ({ at: `${page}:${e.line}`, command: e.command, exit: statuses.get(i) }));
    expect(results, stderr).toEqual(examples.map((e) => ({ at: `${page}:${e.line}`, command: e.command, exit: e.exit })));
  }, 120_000);
});
