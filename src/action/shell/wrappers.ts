/**
 * Programs that run another program given in their arguments. Kept as data so a new
 * wrapper is one table entry: nomos finds the inner command and analyses it too.
 */
export interface WrapperSpec {
  /** Options that take a value, as a separate word or attached (`-u root`, `-uroot`, `--user=root`). */
  valueOptions?: string[];
  /** Positional words to skip before the inner command (`timeout 5 cmd`). */
  skipPositionals?: number;
  /** `VAR=value` words before the inner command are environment assignments (`env`, `sudo`). */
  assignments?: boolean;
  /** Options that mean the inner word is not run (`command -v rm` only looks it up). */
  noRunOptions?: string[];
  /** Options after which the rest of the words are the command, unparsed (`env -S`). */
  splitStringOptions?: string[];
}

/** Wrapper programs and how their inner command is found. */
export const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: {
    valueOptions: ['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout', '-R', '--chroot'],
    assignments: true,
    noRunOptions: ['-l', '--list', '-v', '--validate', '-k', '-K', '-V', '--version', '-e', '--edit'],
  },
  doas: { valueOptions: ['-u', '-C'] },
  env: {
    valueOptions: ['-u', '--unset', '-C', '--chdir', '--block-signal', '--default-signal', '--ignore-signal'],
    assignments: true,
    splitStringOptions: ['-S', '--split-string'],
  },
  nice: { valueOptions: ['-n', '--adjustment'] },
  nohup: {},
  timeout: { valueOptions: ['-s', '--signal', '-k', '--kill-after'], skipPositionals: 1 },
  time: { valueOptions: ['-f', '--format', '-o', '--output'] },
  command: { noRunOptions: ['-v', '-V'] },
  builtin: {},
  exec: { valueOptions: ['-a'] },
  stdbuf: { valueOptions: ['-i', '--input', '-o', '--output', '-e', '--error'] },
  setsid: {},
  ionice: { valueOptions: ['-c', '--class', '-n', '--classdata', '-p', '--pid', '-P', '--pgid', '-u', '--uid'] },
  chroot: { valueOptions: ['--userspec', '--groups'], skipPositionals: 1 },
  flock: { valueOptions: ['-w', '--timeout', '-E', '--conflict-exit-code'], skipPositionals: 1 },
  xargs: {
    valueOptions: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-e', '--eof', '-I', '-i', '--replace', '-L', '-l', '--max-lines', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var'],
  },
  watch: { valueOptions: ['-n', '--interval', '-d', '--differences', '-q', '--equexit'] },
};

/** Where the inner command starts in a wrapper's arguments, and what came before it. */
export interface Unwrapped {
  /** Index into args of the inner program word, or -1 when nothing is run. */
  index: number;
  env: Record<string, string>;
  /** An option like `env -S` hands a whole string to be split: treat the rest as a shell string. */
  splitString?: string;
}

/** Finds the inner command of a wrapper in its argument words (program word excluded). */
export function unwrapArgs(spec: WrapperSpec, args: string[]): Unwrapped {
  const env: Record<string, string> = {};
  let skip = spec.skipPositionals ?? 0;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') return { index: i + 1 < args.length ? i + 1 : -1, env };
    if (word.startsWith('-') && word.length > 1 && skip === (spec.skipPositionals ?? 0)) {
      const name = word.startsWith('--') ? word.split('=')[0]! : word.slice(0, 2);
      if (spec.noRunOptions?.includes(name)) return { index: -1, env };
      if (spec.splitStringOptions?.includes(name)) {
        const attached = word.startsWith('--') ? word.split('=').slice(1).join('=') : word.slice(2);
        const rest = attached ? [attached, ...args.slice(i + 1)] : args.slice(i + 1);
        return { index: -1, env, splitString: rest.join(' ') };
      }
      const takesValue = spec.valueOptions?.includes(name) && (word === name);
      if (takesValue) i++;
      continue;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
      const eq = word.indexOf('=');
      env[word.slice(0, eq)] = word.slice(eq + 1);
      continue;
    }
    if (skip > 0) {
      skip--;
      continue;
    }
    return { index: i, env };
  }
  return { index: -1, env };
}
