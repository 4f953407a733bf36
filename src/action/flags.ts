/** Flags and positionals of an argument vector, with short-option clusters split. */
export interface SplitArgs {
  /** `-rf` → `-r`, `-f`; `--force=true` → `--force`; `--rec` → `--recursive` (known programs). */
  flags: string[];
  args: string[];
}

/** How one program reads its options: which take a value, which long names exist. */
export interface OptionSpec {
  /** Short options that take a value (`-n 5`, `-n5`), without the dash: `'n'`. */
  shortValues?: string;
  /**
   * Short options whose value is optional (getopt `::`, `pr -n[SEP]`, `date -I[FMT]`): only the
   * rest of their word is the value, never the next word. Long ones (`--color[=WHEN]`) go in longFlags.
   */
  shortOptional?: string;
  /** Long options that take a value (`--lines 5`, `--lines=5`). */
  longValues?: string[];
  /** Long options without a value, or with an optional one (`--color[=WHEN]`: only `=` gives it); with longValues, the names unique prefixes expand to. */
  longFlags?: string[];
  /** Options end at the first positional (`sudo`, `ssh`, `find`), as with `+` in getopt. */
  stopAtPositional?: boolean;
  /** Long options are only read spelled in full (rsync's popt does not expand prefixes: `--group` is not `--groupmap`). */
  exactLong?: boolean;
  /** A word starting with a dash and a digit is options (`xargs -0a FILE`), not a number. */
  digitOptions?: boolean;
}

/** One parsed option occurrence. */
export interface ParsedOption {
  name: string;
  value?: string;
  /** Index into argv of the word holding the option. */
  index: number;
  /** Index into argv of the word holding its value (the option's own, or the next). */
  valueIndex?: number;
}

/** What getopt would make of an argv (program word excluded). */
export interface ParsedArgs {
  options: ParsedOption[];
  /** Positional words with their argv indices. */
  positionals: { value: string; index: number }[];
}

/** Expands a GNU-style unique long-option prefix (`--rec` → `--recursive`). */
export function expandLong(name: string, spec: OptionSpec): string {
  const all = [...(spec.longValues ?? []), ...(spec.longFlags ?? [])];
  if (spec.exactLong || all.includes(name)) return name;
  const hits = all.filter((n) => n.startsWith(name));
  return hits.length === 1 ? hits[0]! : name;
}

/**
 * Parses options as getopt_long does for the given spec: clusters split, attached and separate
 * values, `--` ends options, long prefixes expanded. Unknown options are taken as flags, which
 * errs on the side of reporting a word as a path rather than hiding it as an option value.
 */
export function parseArgs(argv: string[], spec: OptionSpec = {}): ParsedArgs {
  const out: ParsedArgs = { options: [], positionals: [] };
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!options || word === '-' || !word.startsWith('-') || (/^-\d/.test(word) && !spec.digitOptions)) {
      out.positionals.push({ value: word, index: i });
      if (spec.stopAtPositional) options = false;
    } else if (word === '--') options = false;
    else if (word.startsWith('--')) i = parseLong(argv, i, spec, out);
    else i = parseCluster(argv, i, spec, out);
  }
  return out;
}

function parseLong(argv: string[], i: number, spec: OptionSpec, out: ParsedArgs): number {
  const word = argv[i]!;
  const eq = word.indexOf('=');
  const name = expandLong(eq < 0 ? word : word.slice(0, eq), spec);
  if (eq >= 0) out.options.push({ name, value: word.slice(eq + 1), index: i, valueIndex: i });
  else if (spec.longValues?.includes(name)) {
    out.options.push({ name, value: argv[i + 1] ?? '', index: i, valueIndex: i + 1 });
    return i + 1;
  } else out.options.push({ name, index: i });
  return i;
}

function parseCluster(argv: string[], i: number, spec: OptionSpec, out: ParsedArgs): number {
  const word = argv[i]!;
  for (let k = 1; k < word.length; k++) {
    const ch = word[k]!;
    if (spec.shortOptional?.includes(ch)) {
      const rest = word.slice(k + 1);
      out.options.push(rest ? { name: `-${ch}`, value: rest, index: i, valueIndex: i } : { name: `-${ch}`, index: i });
      return i;
    }
    if (!spec.shortValues?.includes(ch)) {
      out.options.push({ name: `-${ch}`, index: i });
      continue;
    }
    if (k + 1 < word.length) {
      out.options.push({ name: `-${ch}`, value: word.slice(k + 1), index: i, valueIndex: i });
      return i;
    }
    out.options.push({ name: `-${ch}`, value: argv[i + 1] ?? '', index: i, valueIndex: i + 1 });
    return i + 1;
  }
  return i;
}

/** Flags and positionals for an ExecAction, by the program's spec when nomos knows it. */
export function splitFlags(argv: string[], spec: OptionSpec = {}): SplitArgs {
  const parsed = parseArgs(argv, spec);
  return { flags: parsed.options.map((o) => o.name), args: parsed.positionals.map((p) => p.value) };
}
