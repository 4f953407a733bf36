import { parseArgs, type OptionSpec } from '../flags.js';
import { table } from '../table.js';
import type { ExecAction } from '../types.js';
import type { WordValue } from './words.js';

/**
 * Package runners and node, which start another program named in their words. nomos itself
 * is followed through them (`npx nomos trust`, `node …/bin/nomos.js approve 1`): its own
 * commands for a human (self.approve) and its policy flags (self.policy-flags) are decided
 * on the nomos command, however it was started. Other packages are not unwrapped: allow rules
 * written for `npx prettier` keep meaning what they say.
 */
interface Launcher {
  /** Words after the program before its own options (`npm exec`, `pnpm dlx`). */
  sub?: string;
  options: OptionSpec;
  /** Options whose value is a command string run by a shell (`npx -c 'cmd'`). */
  shell?: string[];
  /** The package word may be a path to nomos's script (node) or only its name or path (runners). */
  script?: boolean;
}

const RUNNER: OptionSpec = { shortValues: 'pc', longValues: ['--package', '--call', '--registry', '--cache', '--userconfig', '--prefix', '--workspace', '-w'] };
const LAUNCHERS = table<string, Launcher[]>({
  npx: [{ options: RUNNER, shell: ['-c', '--call'] }],
  bunx: [{ options: { shortValues: 'p', longValues: ['--package'] } }],
  npm: [{ sub: 'exec', options: RUNNER, shell: ['-c', '--call'] }, { sub: 'x', options: RUNNER, shell: ['-c', '--call'] }],
  pnpm: [{ sub: 'exec', options: { shortValues: 'C', longValues: ['--dir', '--filter'] } }, { sub: 'dlx', options: { longValues: ['--package'] } }],
  yarn: [{ sub: 'exec', options: {} }, { sub: 'dlx', options: { shortValues: 'p', longValues: ['--package'] } }],
  node: [{ options: { shortValues: 'rCe', longValues: ['--require', '--import', '--loader', '--experimental-loader', '--conditions', '--eval', '--input-type', '--env-file', '--title'] }, script: true }],
});

/** nomos's launcher script or package as a word: `nomos`, `nomos@1.2`, `…/bin/nomos(.js)`, `…/nomos.js`. */
const NOMOS_WORD = /^(?:nomos(?:@.*)?|(?:.*\/)?bin\/nomos(?:\.js)?|(?:.*\/)?nomos\.js)$/;

/** What a launcher starts: nomos's own words (from `nomos` on), or a shell string it runs. */
export function launched(action: ExecAction, words: WordValue[]): { nomos?: WordValue[]; shell?: WordValue } | undefined {
  const specs = LAUNCHERS[action.program];
  if (!specs) return undefined;
  const sub = words[1]?.value;
  const spec = specs.find((s) => s.sub === undefined || s.sub === sub);
  if (!spec) return undefined;
  const start = spec.sub === undefined ? 1 : 2;
  const rest = words.slice(start);
  const parsed = parseArgs(rest.map((w) => w.value), { ...spec.options, stopAtPositional: true });
  const shell = parsed.options.find((o) => spec.shell?.includes(o.name) && o.value !== undefined);
  if (shell) return { shell: { value: shell.value!, dynamic: rest[shell.valueIndex ?? shell.index]?.dynamic ?? true } };
  const first = parsed.positionals[0];
  if (!first || !NOMOS_WORD.test(first.value) || rest[first.index]!.dynamic) return undefined;
  // node runs a script: only a path to nomos's (a bare `nomos` word would be a file named so in cwd).
  if (spec.script && !first.value.includes('/') && !first.value.endsWith('.js')) return undefined;
  return { nomos: [{ ...rest[first.index]!, value: 'nomos' }, ...rest.slice(first.index + 1)] };
}
