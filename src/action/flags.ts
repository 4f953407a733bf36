/** Flags and positionals of an argument vector, with short-option clusters split. */
export interface SplitArgs {
  /** `-rf` → `-r`, `-f`; `--force=true` → `--force`. */
  flags: string[];
  args: string[];
}

/**
 * Splits arguments into flags and positionals without knowing the program: `--` ends
 * options. Program-specific option values (`-n 5`) are the programs/ tables' job.
 */
export function splitFlags(argv: string[]): SplitArgs {
  const flags: string[] = [];
  const args: string[] = [];
  let options = true;
  for (const word of argv) {
    if (options && word === '--') {
      options = false;
    } else if (options && word.startsWith('--') && word.length > 2) {
      flags.push(word.split('=')[0]!);
    } else if (options && word.startsWith('-') && word.length > 1 && !/^-\d/.test(word)) {
      for (const ch of word.slice(1)) flags.push(`-${ch}`);
    } else {
      args.push(word);
    }
  }
  return { flags, args };
}
