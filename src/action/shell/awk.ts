import { parseArgs } from '../flags.js';
import type { ExecAction } from '../types.js';
import type { InnerRun } from './executors.js';

const LITERAL = String.raw`"((?:[^"\\]|\\.)*)"`;
const SYSTEM = new RegExp(String.raw`system\s*\(\s*${LITERAL}\s*\)`, 'g');
const PIPE_TO = new RegExp(String.raw`\|&?\s*${LITERAL}`, 'g');
const PIPE_FROM = new RegExp(String.raw`${LITERAL}\s*\|&?\s*getline`, 'g');

/**
 * awk runs shell commands with `system(…)`, `print | "cmd"` and `"cmd" | getline`. Literal
 * commands are parsed; when any command is built at run time the whole program is opaque.
 */
export function awkCommands(action: ExecAction): InnerRun[] {
  const parsed = parseArgs(action.argv.slice(1), { shortValues: 'fvFe', longValues: ['--file', '--assign', '--field-separator', '--source', '--exec', '--include', '--load'], stopAtPositional: true });
  if (parsed.options.some((o) => ['-f', '--file', '--exec', '-E', '--include', '-i', '--load', '-l'].includes(o.name))) {
    return [{ via: action.program, opaque: `${action.program} runs a program file nomos cannot see` }];
  }
  const programs = [...parsed.options.filter((o) => o.name === '-e' || o.name === '--source').map((o) => o.value ?? ''), parsed.positionals[0]?.value ?? ''];
  const runs: InnerRun[] = [];
  for (const program of programs) {
    const callers = (program.match(/\bsystem\b|(?<!\|)\|(?!\|)/g) ?? []).length;
    const literals = [...program.matchAll(SYSTEM), ...program.matchAll(PIPE_TO), ...program.matchAll(PIPE_FROM)].map((m) => unescapeAwk(m[1]!));
    if (literals.length < callers) return [{ via: action.program, opaque: `${action.program} runs a command built at run time` }];
    runs.push(...literals.map((value) => ({ via: `${action.program} system`, shell: { value, dynamic: false } })));
  }
  return runs;
}

function unescapeAwk(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
}
