import { parseArgs, type OptionSpec } from '../flags.js';
import type { FileOp } from '../types.js';

/** What a sed command does beyond printing: files it reads and writes, commands it runs. */
export interface SedEffects {
  files: [op: FileOp, path: string][];
  /** Shell commands from the `e command` command. */
  commands: string[];
  /** Why part of it cannot be known (a script file, `s///e`, a script nomos cannot parse). */
  opaque?: string;
}

/**
 * GNU sed's options and script: `-i` edits its files in place (writes), `w file` / `W`
 * and the `s///w file` flag write, `r file` / `R` read, `e command` runs a command, and
 * `e` alone or the `s///e` flag runs the pattern space (text nomos cannot know). Without
 * this, an allow rule for sed also allowed `sed -n '1e rm -rf ~' x` and `sed -i … ~/.bashrc`.
 */
export function sedEffects(argv: string[]): SedEffects {
  let effects = parsed.get(argv);
  if (!effects) parsed.set(argv, (effects = readSed(argv)));
  return effects;
}

/** Per argv (the walk hands the same array to executorRuns and to the file actions): parsed once. */
const parsed = new WeakMap<string[], SedEffects>();

/** GNU sed's options, read with getopt's rules (`--expr` is `--expression`, `-i[SUFFIX]`, `-ni`, `-es/a/b/`). */
const SED_OPTIONS: OptionSpec = {
  shortValues: 'efl',
  shortOptional: 'i',
  longValues: ['--expression', '--file', '--line-length'],
  longFlags: ['--in-place', '--quiet', '--silent', '--debug', '--posix', '--regexp-extended', '--separate', '--sandbox', '--unbuffered',
    '--null-data', '--zero-terminated', '--follow-symlinks', '--binary', '--help', '--version'],
};

function readSed(argv: string[]): SedEffects {
  const parsed = parseArgs(argv.slice(1), SED_OPTIONS);
  const scripts = parsed.options.flatMap((o) => (o.name === '-e' || o.name === '--expression' ? [o.value ?? ''] : []));
  const scriptFile = parsed.options.some((o) => o.name === '-f' || o.name === '--file');
  const inPlace = parsed.options.some((o) => o.name === '-i' || o.name === '--in-place');
  const positionals = parsed.positionals.map((p) => p.value);
  // Without -e or -f, the first word that is not an option is the script.
  if (scripts.length === 0 && !scriptFile && positionals.length > 0) scripts.push(positionals.shift()!);
  const effects = parseScript(scripts.join('\n'));
  for (const p of positionals) if (p !== '-') effects.files.push([inPlace ? 'write' : 'read', p]);
  if (scriptFile) effects.opaque ??= 'sed runs a script file nomos cannot see';
  return effects;
}

const NO_ARGUMENT = new Set(['=', 'd', 'D', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', 'z', 'F', '{']);
const NUMBER_ARGUMENT = new Set(['q', 'Q', 'l', 'L']);

/** Walks a sed script command by command (GNU syntax); anything it cannot read makes it opaque. */
function parseScript(script: string): SedEffects {
  const out: SedEffects = { files: [], commands: [] };
  let i = 0;
  const fail = (why: string): SedEffects => ({ ...out, opaque: `sed ${why}` });
  const restOfLine = () => {
    const end = script.indexOf('\n', i);
    const text = script.slice(i, end < 0 ? script.length : end);
    i = end < 0 ? script.length : end + 1;
    return text.trim();
  };
  /** A delimited part (`/re/`, an `s` part); false when it does not end. */
  const delimited = (delim: string): boolean => {
    for (; i < script.length; i++) {
      if (script[i] === '\\') i++;
      else if (script[i] === delim) {
        i++;
        return true;
      } else if (script[i] === '\n' && delim !== '\n') return false;
    }
    return false;
  };
  const address = (): boolean => {
    if (/\d/.test(script[i] ?? '')) {
      while (/[\d~]/.test(script[i] ?? '')) i++;
    } else if (script[i] === '$') i++;
    else if (script[i] === '/' || script[i] === '\\') {
      const delim = script[i] === '\\' ? script[++i] : '/';
      i++;
      if (!delim || !delimited(delim)) return false;
      while (script[i] === 'I' || script[i] === 'M') i++;
    }
    return true;
  };
  while (i < script.length) {
    const c0 = script[i]!;
    if (/[\s;}]/.test(c0)) {
      i++;
      continue;
    }
    if (c0 === '#') {
      restOfLine();
      continue;
    }
    if (!address()) return fail('has an address nomos cannot read');
    if (script[i] === ',') {
      i++;
      if (script[i] === '+' || script[i] === '~') i++;
      if (!address()) return fail('has an address nomos cannot read');
    }
    while (script[i] === ' ' || script[i] === '\t' || script[i] === '!') i++;
    const cmd = script[i++];
    if (cmd === undefined) break;
    if (NO_ARGUMENT.has(cmd)) continue;
    if (NUMBER_ARGUMENT.has(cmd)) {
      while (/[\s\d]/.test(script[i] ?? '') && script[i] !== '\n') i++;
    } else if (cmd === 'e') {
      const command = restOfLine();
      if (!command) return fail('runs its pattern space as a command (e)');
      out.commands.push(command);
    } else if (cmd === 's' || cmd === 'y') {
      const delim = script[i++];
      if (!delim || delim === '\\' || delim === '\n' || !delimited(delim) || !delimited(delim)) return fail(`has an ${cmd} command nomos cannot read`);
      if (cmd === 'y') continue;
      for (; i < script.length && /[gpiImMe\d]/.test(script[i]!); i++) if (script[i] === 'e') return fail('runs the result of a substitution as a command (s///e)');
      if (script[i] === 'w') {
        i++;
        addFile(out, 'write', restOfLine());
      }
    } else if (cmd === 'r' || cmd === 'R' || cmd === 'w' || cmd === 'W') {
      addFile(out, cmd === 'r' || cmd === 'R' ? 'read' : 'write', restOfLine());
    } else if (cmd === 'a' || cmd === 'i' || cmd === 'c') {
      while (i < script.length) {
        const line = restOfLine();
        if (!line.endsWith('\\')) break;
      }
    } else if (cmd === 'b' || cmd === 't' || cmd === 'T' || cmd === ':' || cmd === 'v') {
      while (i < script.length && !/[;\n]/.test(script[i]!)) i++;
    } else return fail(`has a command nomos does not know (${cmd})`);
  }
  return out;
}

/** A file a command names; the standard streams are not files. */
function addFile(out: SedEffects, op: FileOp, path: string): void {
  if (path && !/^\/dev\/std(in|out|err)$/.test(path)) out.files.push([op, path]);
}
