/**
 * The strict command lines of the hot path (`check`, `exec`, `hook`): the forms agents
 * send on every action, parsed without commander. Anything else (help, an unknown or
 * misplaced option, a missing value) is not a hot call: the full CLI parses it and says
 * what is wrong. test/cli/hot-args.test.ts holds this to commander's parse.
 */
export type HotCall =
  | { command: 'check'; words: string[]; options: HotOptions }
  | { command: 'exec'; words: string[]; options: HotOptions }
  | { command: 'hook'; agent: string; options: HotOptions };

export interface HotOptions {
  session?: string;
  rules?: string[];
  builtin?: boolean;
  json?: boolean;
  timeout?: string;
  prompt?: boolean;
  approvalTimeout?: string;
}

type Spec = Record<string, { key: keyof HotOptions; value?: true; repeat?: true; set?: boolean }>;

const POLICY: Spec = {
  '--session': { key: 'session', value: true },
  '--rules': { key: 'rules', value: true, repeat: true },
  '--no-builtin': { key: 'builtin', set: false },
};
const SPECS: Record<HotCall['command'], Spec> = {
  check: { ...POLICY, '--json': { key: 'json', set: true } },
  exec: {
    ...POLICY,
    '--timeout': { key: 'timeout', value: true },
    '--no-prompt': { key: 'prompt', set: false },
    '--approval-timeout': { key: 'approvalTimeout', value: true },
  },
  hook: POLICY,
};

/** The hot call `argv` (after `node nomos`) asks for, or undefined for the full CLI. */
export function hotArgs(argv: readonly string[]): HotCall | undefined {
  const command = argv[0];
  if (command !== 'check' && command !== 'exec' && command !== 'hook') return undefined;
  const spec = SPECS[command];
  // The defaults commander gives these flags, so either parser hands the command the same options.
  const options: HotOptions = command === 'exec' ? { builtin: true, prompt: true } : { builtin: true };
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--' || (command !== 'hook' && !arg.startsWith('-'))) {
      // check and exec pass everything from their first word (or after `--`) through.
      positional.push(...argv.slice(arg === '--' ? i + 1 : i));
      break;
    }
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const option = spec[name];
    if (!option) return undefined;
    if (!option.value) {
      if (eq > 0) return undefined;
      (options as Record<string, unknown>)[option.key] = option.set;
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('-'))) return undefined;
    if (option.repeat) (options as Record<string, string[]>)[option.key] = [...((options as Record<string, string[] | undefined>)[option.key] ?? []), value];
    else (options as Record<string, string>)[option.key] = value;
  }
  if (command === 'hook') return positional.length === 1 ? { command, agent: positional[0]!, options } : undefined;
  return positional.length > 0 ? { command, words: positional, options } : undefined;
}
