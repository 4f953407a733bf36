import { parseArgs, type OptionSpec } from '../flags.js';
import { table } from '../table.js';
import type { ExecAction } from '../types.js';

interface InterpreterSpec {
  /** Options whose value is code in the interpreter's language (`python -c`, `node -e`). */
  inline: string[];
  options?: OptionSpec;
}

/** Interpreters: their one-liners and programs read from stdin are code nomos cannot analyse. */
const INTERPRETERS = table<string, InterpreterSpec>({
  python: { inline: ['-c'], options: { shortValues: 'cmWXQ' } },
  node: { inline: ['-e', '--eval', '-p', '--print'], options: { shortValues: 'erp', longValues: ['--eval', '--print', '--require', '--import', '--input-type', '--loader', '--experimental-loader'] } },
  perl: { inline: ['-e', '-E'], options: { shortValues: 'eEIMmx' } },
  ruby: { inline: ['-e'], options: { shortValues: 'eIrCE' } },
  php: { inline: ['-r', '-B', '-R', '-E', '-F'], options: { shortValues: 'rBREFcdfz' } },
  lua: { inline: ['-e'], options: { shortValues: 'el' } },
  deno: { inline: ['eval'] },
  bun: { inline: ['-e', '--eval', '-p', '--print'], options: { shortValues: 'ep' } },
  osascript: { inline: ['-e'], options: { shortValues: 'els' } },
  tclsh: { inline: [] },
  Rscript: { inline: ['-e'], options: { shortValues: 'e' } },
  pwsh: { inline: ['-c', '-Command', '-EncodedCommand'], options: { shortValues: 'c' } },
  // Tcl: `expect -c 'spawn …'`.
  expect: { inline: ['-c'], options: { shortValues: 'cfD' } },

});

const ALIASES = table<string, string>({ python2: 'python', python3: 'python', nodejs: 'node', perl5: 'perl', irb: 'ruby', php8: 'php' });

/** Options that print something and exit without reading a program. */
const INFO = new Set(['--version', '-V', '--help', '-h', '-v']);

/**
 * Why an interpreter call is opaque: inline code (`python3 -c …`) or a program read from
 * stdin (`curl … | python3`, `node <<EOF`). A script file is reported as the program only.
 */
export function interpreterReason(action: ExecAction): string | undefined {
  if (action.program === 'gdb') return gdbReason(action.argv);
  const name = ALIASES[action.program] ?? (/^python3?\.\d+$/.test(action.program) ? 'python' : action.program);
  const spec = INTERPRETERS[name];
  if (!spec) return undefined;
  const parsed = parseArgs(action.argv.slice(1), { ...spec.options, stopAtPositional: true });
  const words = action.argv.slice(1);
  if (parsed.options.some((o) => spec.inline.includes(o.name)) || spec.inline.some((i) => words[0] === i)) {
    return `${action.program} runs inline code nomos cannot analyse`;
  }
  if (parsed.options.some((o) => INFO.has(o.name) || o.name === '-m')) return undefined;
  // Code inside an option: a module loaded from a `data:` URL (`node --import 'data:text/javascript,…'`),
  // perl's `-M'Module;code'` (perl writes `use Module;code;`: only `Module` or `Module=args` is a module).
  if (parsed.options.some((o) => MODULE_OPTIONS.includes(o.name) && /^\s*data:/i.test(o.value ?? ''))) return `${action.program} loads a module given inline as a data: URL`;
  if (name === 'perl' && parsed.options.some((o) => (o.name === '-M' || o.name === '-m') && !/^-?[A-Za-z_][\w:]*(?:=[^\0]*)?$/.test(o.value ?? ''))) {
    return 'perl -M runs the code after the module name';
  }
  const script = parsed.positionals[0];
  // With no script the program comes from stdin: a pipe, a here-doc, or whatever the agent feeds it.
  if (script === undefined || STDIN_SCRIPT.test(script.value)) return `${action.program} runs a program read from its input`;
  // `python3 <(curl …)`: the program is what a command writes.
  if (action.pipes?.includes(script.index + 1)) return `${action.program} runs a program another command writes`;
  return undefined;
}

/** Options that load a module (node `--import`, `--loader`, `--require`). */
const MODULE_OPTIONS = ['--import', '--loader', '--experimental-loader', '--require', '-r'];

/** Script paths that are the interpreter's own input. */
const STDIN_SCRIPT = /^(?:-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0|\/proc\/\d+\/fd\/0)$/;

/** gdb's options that run gdb commands (`shell …`), or its program when told: any unique prefix, one dash or two. */
const GDB_CODE = ['ex', 'iex', 'x', 'ix', 'eval-command', 'init-eval-command', 'command', 'init-command', 'args'];

/**
 * gdb (getopt_long_only: `-ex`, `--ex`, `-eval`, `-init-eval-command=…`) runs gdb commands (`shell …`)
 * from its options, and from its input whatever else it is given (`echo 'shell …' | gdb -q ./app`):
 * it is opaque, with the reason that applies.
 */
function gdbReason(argv: string[]): string | undefined {
  for (const word of argv.slice(1)) {
    if (!word.startsWith('-')) continue;
    const name = word.replace(/^--?/, '').replace(/=.*$/, '');
    if (name !== '' && GDB_CODE.some((o) => o === name || (name.length >= 2 && o.startsWith(name)))) return 'gdb runs gdb commands (`shell …`) nomos cannot analyse';
  }
  return 'gdb runs gdb commands (`shell …`) read from its input';
}
