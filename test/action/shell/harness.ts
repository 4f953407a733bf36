import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { analyzeShell } from '../../../src/action/shell/analyze.js';
import { loadShellParserBackend, type ShellParser } from '../../../src/action/shell/parser.js';
import type { Analysis, ExecAction } from '../../../src/action/types.js';

/** One case of a test/cases/shell-*.yaml file (the shared file has the same shape). */
export interface ShellCase {
  cmd: string;
  /** Programs bash could run: every one must be reported. */
  programs?: string[];
  /** Programs that must not be reported (a comment, a quoted string). */
  not_programs?: string[];
  /** true: must have an opaque part; otherwise it must have none. */
  opaque?: boolean;
  /** `op:path` file actions that must be reported (relative paths are under the cwd); ` (dynamic)` at the end when so. */
  files?: string[];
  /** true: `files` is every file action reported, none besides. */
  only_files?: boolean;
  /** `METHOD host` network actions that must be reported. */
  http?: string[];
  /** `program:argIndex` of a word that must be dynamic (xargs tails, find's `{}`). */
  dynamic?: string[];
  /** Where the case came from, for messages. */
  file?: string;
}

const casesDir = new URL('../../cases/', import.meta.url);

/** Every shell case: the shared public file and our own shell-*.yaml files. */
export function loadShellCases(): ShellCase[] {
  const files = readdirSync(casesDir).filter((f) => f === 'shared-shell.yaml' || /^shell-.*\.yaml$/.test(f)).sort();
  return files.flatMap((file) => (parse(readFileSync(new URL(file, casesDir), 'utf8')) as ShellCase[]).map((c) => ({ ...c, file })));
}

/** The analysis context every case runs in. */
export const CASE_CTX = { cwd: '/work', home: '/home/u', env: { HOME: '/home/u', USER: 'u' } };

/** Both parser back ends, loaded explicitly. */
export async function loadBothParsers(grammarOnly = false): Promise<ShellParser[]> {
  return Promise.all([loadShellParserBackend('native', grammarOnly), loadShellParserBackend('wasm', grammarOnly)]);
}

/** Analyses a command as the cases expect. */
export function analyseCase(cmd: string, parser: ShellParser): Analysis {
  return analyzeShell(cmd, parser.parse, CASE_CTX);
}

/** The program names an analysis reports. */
export function programsOf(analysis: Analysis): string[] {
  return analysis.actions.filter((a): a is ExecAction => a.kind === 'exec').map((a) => a.program);
}
