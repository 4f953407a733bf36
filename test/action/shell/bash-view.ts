import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// bash's own view of which programs a command runs, for differential tests of the analysis.
// Safety: commands name made-up programs only (p1, p2 …); bash runs with `env -i`, PATH an
// empty directory, in an empty directory, so no program can be found: every program bash
// would start reaches command_not_found_handle instead, which logs its name to fd 3 and
// returns a chosen status (0 or 1, so both sides of `&&`/`||`/`if` get their turn); for a
// wrapper (env, nice, nohup, xargs, sudo) it runs the wrapped command the same way. All
// expansions, substitutions, aliases and functions still happen as in a real run. A DEBUG
// trap bounds loops. `declare -f` of the command wrapped in a function gives bash's canonical
// text of it (aliases expanded, keywords re-read), a static view of branches that never ran.

/** A sandbox for bash runs: an empty PATH directory, an empty work directory and the prelude. */
export interface BashSandbox {
  root: string;
  work: string;
  path: string;
  prelude: string;
}

export function makeSandbox(): BashSandbox {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-bashview-')));
  const box = { root, work: join(root, 'work'), path: join(root, 'empty-path'), prelude: join(root, 'prelude.sh') };
  mkdirSync(box.work);
  mkdirSync(box.path);
  writeFileSync(
    box.prelude,
    [
      'command_not_found_handle() {',
      '  printf \'%s\\n\' "$1" >&3',
      // Wrappers follow their command (through this handler again): env and nice past options and assignments.
      '  case $1 in env|nice|nohup|xargs|sudo) shift; while [[ $1 == -* || $1 == *=* ]]; do shift; done; (($#)) && "$@"; return;; esac',
      '  return "${NOMOS_VIEW_RC:-0}"',
      '}',
      'set -T',
      "trap '((++NOMOS_VIEW_N > 300)) && exit 0' DEBUG",
      '',
    ].join('\n'),
  );
  return box;
}

export function dropSandbox(box: BashSandbox): void {
  rmSync(box.root, { recursive: true, force: true });
}

function bash(box: BashSandbox, args: string[], env: Record<string, string> = {}) {
  return spawnSync('/bin/bash', ['--norc', '--noprofile', ...args], {
    cwd: box.work,
    env: { PATH: box.path, HOME: box.work, LANG: 'C.UTF-8', ...env },
    input: '',
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 3000,
    killSignal: 'SIGKILL',
  });
}

/** Whether bash accepts the command's syntax (`bash -n`). */
export function bashAccepts(box: BashSandbox, cmd: string): boolean {
  return bash(box, ['-n', '-c', cmd]).status === 0;
}

/** The programs bash tries to run for `cmd`, over runs where every program succeeds and where every one fails. */
export function bashRuns(box: BashSandbox, cmd: string): string[] {
  const names = new Set<string>();
  for (const rc of ['0', '1']) {
    const r = bash(box, ['-c', `${cmd}\nwait`], { BASH_ENV: box.prelude, NOMOS_VIEW_RC: rc });
    const log = (r.output?.[3] as string | null) ?? '';
    for (const line of log.split('\n')) if (line !== '') names.add(line);
  }
  return [...names];
}

/** bash's canonical text of the command (`declare -f` of a function holding it), or undefined when it does not parse. */
export function bashCanonical(box: BashSandbox, cmd: string): string | undefined {
  // bash prints a here-doc in a pipeline wrongly (`a <<'E' | b` as `a <<'E' |` then the body).
  if (cmd.includes('<<')) return undefined;
  const r = bash(box, ['-c', `nomos_view_f() {\n${cmd}\n}\ndeclare -f nomos_view_f`]);
  if (r.status !== 0 || !r.stdout) return undefined;
  const lines = r.stdout.split('\n');
  // "nomos_view_f () ", "{ ", body with 4 spaces of indent, "}"
  if (lines[0] !== 'nomos_view_f () ' || lines[1] !== '{ ') return undefined;
  const end = lines.lastIndexOf('}');
  return lines.slice(2, end).join('\n');
}
