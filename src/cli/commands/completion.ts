import { Command } from 'commander';
import { ExitCode, UsageError } from '../../errors.js';
import { renderBash } from '../completion/bash.js';
import { DYNAMIC_SOURCES, extractIds, isDynamicKind } from '../completion/dynamic.js';
import { renderFish } from '../completion/fish.js';
import { describeProgram, hasCommand } from '../completion/model.js';
import { renderZsh } from '../completion/zsh.js';
import type { CliEnv } from '../context.js';
import { runSelf } from '../setup/self.js';
import { SHELLS, type Shell } from '../completion/shells.js';

/** The shells nomos writes completion scripts for. */
export { SHELLS, type Shell } from '../completion/shells.js';

const RENDERERS = { bash: renderBash, zsh: renderZsh, fish: renderFish };

export interface CompletionOptions {
  /** Print the ids of one dynamic kind (used by the scripts at tab time). */
  candidates?: string;
}

/** What `runCompletion` needs: the program to describe, and a way to run one of its listing commands. */
export interface CompletionDeps {
  program: Command;
  cli: CliEnv;
  /** Runs `nomos <args>` and resolves to its stdout ('' on any failure). */
  runSelf?: (args: string[]) => Promise<string>;
}

/** `nomos completion <shell>`: prints the script; `--candidates KIND`: prints ids, one a line. */
export async function runCompletion(shell: string | undefined, options: CompletionOptions, deps: CompletionDeps): Promise<number> {
  if (options.candidates !== undefined) return printCandidates(options.candidates, deps);
  if (!shell) throw new UsageError(`name a shell: nomos completion ${SHELLS.join('|')}`);
  deps.cli.stdout(RENDERERS[shell as Shell](describeProgram(deps.program)));
  return ExitCode.ok;
}

async function printCandidates(kind: string, deps: CompletionDeps): Promise<number> {
  if (!isDynamicKind(kind)) throw new UsageError(`unknown candidate kind "${kind}": use ${Object.keys(DYNAMIC_SOURCES).join(', ')}`);
  const list = DYNAMIC_SOURCES[kind].list;
  // Asking a command this installation does not have would print a usage error at tab time.
  if (!hasCommand(deps.program, list.filter((w) => !w.startsWith('-')))) return ExitCode.ok;
  const ids = extractIds(await (deps.runSelf ?? listSelf)(list));
  if (ids.length) deps.cli.stdout(`${ids.join('\n')}\n`);
  return ExitCode.ok;
}

async function listSelf(args: string[]): Promise<string> {
  const result = await runSelf(args);
  return result.code === 0 ? result.stdout : '';
}

