import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { renderBash } from '../../src/cli/completion/bash.js';
import { describeProgram } from '../../src/cli/completion/model.js';
import { BIN, makeSandbox, runCli, type Sandbox } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const script = (shell: string) => join(ROOT, 'completions', `nomos.${shell}`);
let sb: Sandbox;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    if (spawnSync(shell, ['-c', 'true']).status !== 0) throw new Error(`${shell} is needed for these tests: .ci/run installs it (apt-get install ${shell})`);
  }
  sb = makeSandbox();
  // The real CLI on PATH as `nomos`, as a user has it.
  const bin = join(sb.root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'nomos'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'nomos'), 0o755);
  env = { ...sb.env, PATH: `${bin}:${process.env.PATH}` };
});

/** The candidates bash's completion function offers for these words (the last is being completed). */
function bashComplete(words: string[], file = script('bash'), prelude = ''): string[] {
  const code = `${prelude}\nsource "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}; _nomos; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', code, 'bash', file, ...words], { cwd: sb.cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter(Boolean);
}

describe('checked-in completion scripts', () => {
  it.each(['bash', 'zsh', 'fish'])('%s matches what the generator prints for the current program', async (shell) => {
    const r = await runCli(['completion', shell], sb);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(500);
    expect(readFileSync(script(shell), 'utf8')).toBe(r.stdout);
  });

  it('rejects an unknown shell with a usage error', async () => {
    expect((await runCli(['completion', 'tcsh'], sb)).code).toBe(64);
  });
});

describe('bash (COMP_WORDS / COMP_CWORD driven)', () => {
  it('completes subcommands, options, fixed values and files', () => {
    expect(bashComplete(['nomos', 'ch'])).toEqual(['check']);
    expect(bashComplete(['nomos', ''])).toEqual(expect.arrayContaining(['exec', 'check', 'completion', 'init', 'doctor']));
    expect(bashComplete(['nomos', 'exec', '--ti'])).toEqual(['--timeout']);
    expect(bashComplete(['nomos', 'init', '--profile', ''])).toEqual(['strict', 'balanced', 'permissive']);
    expect(bashComplete(['nomos', 'init', '--agent', 'g'])).toEqual(['gemini-cli']);
    expect(bashComplete(['nomos', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    writeFileSync(join(sb.cwd, 'team-rules.yaml'), 'version: 1\n');
    expect(bashComplete(['nomos', 'check', '--rules', 'team'])).toEqual(['team-rules.yaml']);
  });

  it('hands the words after exec -- to the command completion (bash-completion loaded or not)', () => {
    expect(bashComplete(['nomos', 'exec', '--', 'bas'])).toContain('bash');
    const withLib = bashComplete(['nomos', 'check', '--', 'bas'], script('bash'), 'source /usr/share/bash-completion/bash_completion 2>/dev/null');
    expect(withLib).toContain('bash');
  });

  it('asks nomos for rule ids at `rules show` (wiring, with a program that has rules list)', () => {
    const program = new Command('nomos');
    program.command('rules').command('show').argument('<id>');
    const file = join(sb.root, 'dyn.bash');
    writeFileSync(file, renderBash(describeProgram(program)));
    // Stands in for `nomos completion --candidates rule-ids` of a version that has `rules list`.
    const shim = `mkdir -p "${sb.root}/shim"; printf '#!/bin/sh\\n[ "$*" = "completion --candidates rule-ids" ] && printf "git.force-push\\\\ngit.reset-hard\\\\nbase.read-only\\\\n"\\n' > "${sb.root}/shim/nomos"; chmod +x "${sb.root}/shim/nomos"; PATH="${sb.root}/shim:$PATH"`;
    expect(bashComplete(['nomos', 'rules', 'show', 'git.'], file, shim)).toEqual(['git.force-push', 'git.reset-hard']);
  });
});

describe('dynamic ids from the real CLI', () => {
  it('completes session ids at `session show` and `session end` in bash and fish', async () => {
    const started = await runCli(['session', 'start', '--name', 'completion-test'], sb);
    expect(started.code).toBe(0);
    const id = /s-[0-9a-f]+/.exec(started.stdout)?.[0];
    expect(id).toBeDefined();
    expect(bashComplete(['nomos', 'session', 'show', ''])).toContain(id);
    expect(bashComplete(['nomos', 'session', 'end', id!.slice(0, 4)])).toContain(id);
    const fish = spawnSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C "nomos session show "', script('fish')], { cwd: sb.cwd, env, encoding: 'utf8' });
    expect(fish.stdout.split('\n')).toContain(id);
  });
});

describe('zsh', () => {
  it('loads after compinit without errors and offers candidates with descriptions', () => {
    const code = `autoload -Uz compinit && compinit -u -D; source "$1"; shift
      words=("$@"); CURRENT=$#; _nomos_candidates; print -rl -- "special=$_nomos_special" $_nomos_items`;
    const run = (...words: string[]) => spawnSync('zsh', ['-f', '-c', code, 'zsh', script('zsh'), ...words], { cwd: sb.cwd, env, encoding: 'utf8' });
    const top = run('nomos', 'ch');
    expect(top.stderr).toBe('');
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/^check:Decide a command without running it/m);
    expect(top.stdout).toMatch(/^doctor:/m);
    expect(run('nomos', 'init', '--profile', '').stdout.split('\n').slice(1).filter(Boolean)).toEqual(['strict', 'balanced', 'permissive']);
    expect(run('nomos', 'check', '--rules', '').stdout).toMatch(/^special=@file$/m);
    expect(run('nomos', 'exec', '--', 'gi').stdout).toMatch(/^special=@command 4$/m);
  });
});

describe('fish', () => {
  const complete = (line: string) =>
    spawnSync('fish', ['--no-config', '-c', `source $argv[1]; complete -C "${line}"`, script('fish')], { cwd: sb.cwd, env, encoding: 'utf8' });

  it('loads without errors and answers complete -C', () => {
    const r = complete('nomos ch');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^check\tDecide a command without running it/m);
    expect(complete('nomos completion ').stdout.split('\n').filter(Boolean).sort()).toEqual(['bash', 'fish', 'zsh']);
    expect(complete('nomos init --profile=').stdout).toContain('--profile=strict');
    expect(complete('nomos doctor --j').stdout).toMatch(/^--json\t/m);
    expect(complete('nomos exec -- bas').stdout).toMatch(/^bash\b/m);
  });
});

describe('nomos completion --candidates', () => {
  it('exits 0 for every kind, printing only ids (none where the listing command is absent)', async () => {
    for (const kind of ['rule-ids', 'pending-ids', 'session-ids']) {
      const r = await runCli(['completion', '--candidates', kind], sb);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^([^\s]+\n)*$/);
    }
  });
});
