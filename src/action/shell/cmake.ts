// cmake: `cmake -E` runs commands and file operations of its own, and configuring runs the
// compilers and launchers its cache variables and environment name (to test them). CMakeLists.txt
// and -P scripts are the program's own code, as a Makefile is make's.
import { table } from '../table.js';
import type { ExecAction } from '../types.js';
import type { InnerRun } from './executors.js';
import { programWords } from './toolchains.js';
import type { WordValue } from './words.js';

/** `cmake -E` file commands, as the program that does the same (`cmake -E rm -rf /` is `rm -rf /`). */
let fileCommands: Record<string, string[]> | undefined;

/** Made on the first `cmake -E`. */
const FILE_COMMANDS = (): Record<string, string[]> => (fileCommands ??= table<string, string[]>({
  rm: ['rm'], remove: ['rm'], remove_directory: ['rm', '-r'], copy: ['cp'], copy_if_different: ['cp'], copy_if_newer: ['cp'],
  copy_directory: ['cp', '-r'], copy_directory_if_different: ['cp', '-r'], copy_directory_if_newer: ['cp', '-r'], rename: ['mv'],
  make_directory: ['mkdir'], touch: ['touch'], touch_nocreate: ['touch'], create_symlink: ['ln', '-s'], create_hardlink: ['ln'],
  cat: ['cat'], tar: ['tar'], md5sum: ['md5sum'], sha1sum: ['sha1sum'], sha224sum: ['sha224sum'], sha256sum: ['sha256sum'],
  sha384sum: ['sha384sum'], sha512sum: ['sha512sum'], compare_files: ['cmp'], chdir: [],
}));

/** Cache variables naming a program configuring runs: compilers, launchers, the build tool, binutils. */
const PROGRAM_CACHE = /^CMAKE_(?:\w+_COMPILER(?:_LAUNCHER)?|\w+_LINKER_LAUNCHER|MAKE_PROGRAM|LINKER|AR|RANLIB|NM|OBJCOPY|OBJDUMP|STRIP|READELF|ADDR2LINE|CROSSCOMPILING_EMULATOR)$/;
/** Environment variables cmake takes a language's compiler or launcher from. */
const PROGRAM_ENV = /^(?:CC|CXX|FC|ASM\w*|CUDACXX|CUDAHOSTCXX|HIPCXX|OBJC|OBJCXX|RC|ISPC|SWIFTC|CMAKE_\w+_(?:COMPILER|LINKER)_LAUNCHER)$/;

/** What cmake runs from its words and environment. */
export function cmakeRuns(action: ExecAction, words: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  for (const name of Object.keys(action.env)) {
    if (PROGRAM_ENV.test(name)) runs.push(...programWords({ value: action.env[name]!, dynamic: action.dynamicEnv?.includes(name) ?? false }, `cmake ${name}`, /[\s;]+/));
  }
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word.value === '-E') return [...runs, ...toolCommand(words.slice(i + 1))];
    const define = /^-D(.*)$/.exec(word.value);
    if (!define) continue;
    const text = define[1] || words[++i]?.value || '';
    const dynamic = define[1] ? word.dynamic : (words[i]?.dynamic ?? true);
    const assignment = /^([^:=]+)(?::[A-Za-z]+)?=([^]*)$/.exec(text);
    if (dynamic && !assignment) runs.push({ via: 'cmake -D', opaque: 'cmake -D sets a cache variable nomos cannot know, which may name a program' });
    else if (assignment && PROGRAM_CACHE.test(assignment[1]!)) runs.push(...programWords({ value: assignment[2]!, dynamic }, `cmake -D${assignment[1]}`, /[\s;]+/));
  }
  return runs;
}

/**
 * `cmake -E env [NAME=VALUE…] cmd…`, `time cmd…`, `chdir DIR cmd…` run cmd; the file commands are read as the
 * program that does the same. A command word nomos cannot know is opaque.
 */
function toolCommand(rest: WordValue[]): InnerRun[] {
  const [command, ...args] = rest;
  if (!command) return [];
  if (command.dynamic) return [{ via: 'cmake -E', opaque: 'cmake -E runs a command nomos cannot know' }];
  if (command.value === 'env') {
    // `env [--unset=NAME]… [--modify OP]… [-] [--] [NAME=VALUE]… cmd…`
    let k = 0;
    while (k < args.length && args[k]!.value !== '--' && (/^[^=\s-][^=\s]*=/.test(args[k]!.value) || /^-(?:-unset=.*|-modify|)$/.test(args[k]!.value))) k++;
    if (args[k]?.value === '--') k++;
    while (k < args.length && /^[^=\s-][^=\s]*=/.test(args[k]!.value)) k++;
    return args.length > k ? [{ via: 'cmake -E env', words: args.slice(k) }] : [];
  }
  if (command.value === 'time') return args.length > 0 ? [{ via: 'cmake -E time', words: args }] : [];
  if (command.value === 'chdir') return args.length > 1 ? [{ via: 'cmake -E chdir', words: args.slice(1), unknownCwd: true }] : [];
  const same = FILE_COMMANDS()[command.value];
  return same ? [{ via: `cmake -E ${command.value}`, words: [...same.map((value) => ({ value, dynamic: false })), ...args] }] : [];
}
