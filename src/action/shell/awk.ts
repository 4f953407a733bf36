import { parseArgs } from '../flags.js';
import type { ExecAction, FileOp } from '../types.js';
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
  const { programs, scriptFile } = awkPrograms(action);
  if (scriptFile) return [{ via: action.program, opaque: `${action.program} runs a program file nomos cannot see` }];
  const runs: InnerRun[] = [];
  for (const program of programs) {
    if (redirects(program).some((r) => r.path === undefined)) return [{ via: action.program, opaque: `${action.program} reads or writes a file named at run time` }];
    const callers = (program.match(/\bsystem\b|(?<!\|)\|(?!\|)/g) ?? []).length;
    const literals = [...program.matchAll(SYSTEM), ...program.matchAll(PIPE_TO), ...program.matchAll(PIPE_FROM)].map((m) => unescapeAwk(m[1]!));
    if (literals.length < callers) return [{ via: action.program, opaque: `${action.program} runs a command built at run time` }];
    runs.push(...literals.map((value) => ({ via: `${action.program} system`, shell: { value, dynamic: false } })));
  }
  return runs;
}

const AWK_OPTIONS = { shortValues: 'fvFe', longValues: ['--file', '--assign', '--field-separator', '--source', '--exec', '--include', '--load'], stopAtPositional: true };

function awkPrograms(action: ExecAction): { programs: string[]; files: string[]; scriptFile: boolean } {
  const parsed = parseArgs(action.argv.slice(1), AWK_OPTIONS);
  const scriptFile = parsed.options.some((o) => ['-f', '--file', '--exec', '-E', '--include', '-i', '--load', '-l'].includes(o.name));
  const inline = parsed.options.filter((o) => o.name === '-e' || o.name === '--source').map((o) => o.value ?? '');
  const words = parsed.positionals.map((p) => p.value);
  const programs = scriptFile || inline.length > 0 ? inline : words.splice(0, 1);
  // Operands are input files, except `var=value` assignments and `-` (stdin).
  return { programs, scriptFile, files: words.filter((w) => w !== '-' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) };
}

/** `print … > "f"`, `>> "f"` and `getline < "f"` in an awk program; `path` is undefined when it is not a literal. */
function redirects(program: string): { op: FileOp; path?: string }[] {
  const out: { op: FileOp; path?: string }[] = [];
  // Scanned with string contents masked (a `>` inside "a > b" is text); targets are taken from the program itself.
  const masked = program.replace(/"(?:[^"\\]|\\.)*"/g, (s) => `"${'_'.repeat(s.length - 2)}"`);
  const original = (m: RegExpMatchArray, group: number) => program.slice(...m.indices![group]!);
  for (const m of masked.matchAll(/\bprintf?\b([^;{}\n]*?)(>>?)\s*("[^"]*"|[^;{}\n]+)/dg)) {
    if (depth(m[1]!) > 0) continue; // inside parentheses: a comparison
    out.push({ op: m[2] === '>>' ? 'append' : 'write', ...literal(original(m, 3)) });
  }
  for (const m of masked.matchAll(/\bgetline\b[^<;{}\n]*<\s*("[^"]*"|[^;{}\n)]+)/dg)) out.push({ op: 'read', ...literal(original(m, 1)) });
  return out;
}

function depth(text: string): number {
  let d = 0;
  for (const c of text) d += c === '(' ? 1 : c === ')' ? -1 : 0;
  return d;
}

function literal(target: string): { path?: string } {
  const t = target.trim();
  return /^"(?:[^"\\]|\\.)*"$/.test(t) ? { path: unescapeAwk(t.slice(1, -1)) } : {};
}

/** Files an awk command reads (its operands, `getline < "f"`) and writes (`print > "f"`); `/dev/std*` are not files. */
export function awkFiles(action: ExecAction): [FileOp, string][] {
  const { programs, files } = awkPrograms(action);
  const named = programs.flatMap(redirects).flatMap((r): [FileOp, string][] => (r.path && !/^\/dev\/std(in|out|err)$/.test(r.path) && r.path !== '-' ? [[r.op, r.path]] : []));
  return [...named, ...files.map((f): [FileOp, string] => ['read', f])];
}

function unescapeAwk(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
}
