// go and cargo: programs they run that their options and environment name (a compiler, a wrapper
// around each compiler call, a runner for what they build). The code they build and its build
// scripts are the program's own doing, as a Makefile is make's.
import type { ExecAction } from '../types.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/** C compilers and tools cgo and cargo's build scripts (the `cc` crate) run, from the environment. */
const COMPILER_VARIABLES = /^(?:CC|CXX|FC|AR|LD|(?:HOST|TARGET)_(?:CC|CXX|AR)|(?:CC|CXX|AR)_[A-Za-z0-9_]+)$/;

/** The words of a program a value names, split at blanks (and `;`, cmake's lists) as the tool splits it. */
export function programWords(value: WordValue, via: string, split = /\s+/): InnerRun[] {
  if (value.dynamic) return [{ via, opaque: `${via} names a program nomos cannot know` }];
  if (/["'\\]/.test(value.value)) return [{ via, opaque: `${via} names a program with quoting nomos does not read as the tool does` }];
  const words = value.value.split(split).filter((w) => w !== '');
  return words.length > 0 ? [{ via, words: words.map((w) => ({ value: w, dynamic: false })) }] : [];
}

/** A variable of the command's environment, as a word. */
const envWord = (action: ExecAction, name: string): WordValue => ({ value: action.env[name]!, dynamic: action.dynamicEnv?.includes(name) ?? false });

/** go's flags whose value is a program: every tool call runs through -toolexec, -exec runs what go run/test build, -vettool replaces vet. */
const GO_PROGRAM_FLAG = /^--?(toolexec|exec|vettool)(?:=([^]*))?$/;

/**
 * `go build -toolexec x`, `go test -exec x`, `go vet -vettool=x`, the same in GOFLAGS, and cgo's CC/CXX:
 * programs go runs. `go env -w` stores CC, CXX and GOFLAGS for every later go command, so they are decided there.
 * GOROOT and GOENV point go at its tools or its settings elsewhere: opaque.
 */
export function goRuns(action: ExecAction, words: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  for (const name of Object.keys(action.env)) {
    if (COMPILER_VARIABLES.test(name)) runs.push(...programWords(envWord(action, name), `go ${name}`));
    else if (name === 'GOFLAGS') runs.push(...goFlags(envWord(action, name)));
    else if (name === 'GOROOT' || name === 'GOENV' || name === 'GOTOOLDIR') runs.push({ via: `go ${name}`, opaque: `${name} points go at tools or settings nomos does not read` });
  }
  const setting = words[1]?.value === 'env' && words.slice(2).some((w) => w.value === '-w');
  for (let i = 2; i < words.length; i++) {
    const word = words[i]!;
    if (word.value === '-args' || word.value === '--args') break;
    const flag = GO_PROGRAM_FLAG.exec(word.value);
    if (flag) runs.push(...programWords(flag[2] !== undefined ? { value: flag[2], dynamic: word.dynamic } : (words[++i] ?? { value: '', dynamic: true }), `go -${flag[1]}`));
    const stored = setting ? /^([A-Z][A-Z0-9_]*)=([^]*)$/.exec(word.value) : null;
    if (stored && COMPILER_VARIABLES.test(stored[1]!)) runs.push(...programWords({ value: stored[2]!, dynamic: word.dynamic }, `go env -w ${stored[1]}`));
    else if (stored?.[1] === 'GOFLAGS') runs.push(...goFlags({ value: stored[2]!, dynamic: word.dynamic }));
  }
  return runs;
}

/** GOFLAGS: `-flag=value` words go adds to its commands. */
function goFlags(value: WordValue): InnerRun[] {
  if (value.dynamic) return [{ via: 'go GOFLAGS', opaque: 'GOFLAGS is not known statically and can name programs go runs' }];
  return value.value.split(/\s+/).flatMap((w) => {
    const flag = GO_PROGRAM_FLAG.exec(w);
    return flag ? programWords({ value: flag[2] ?? '', dynamic: false }, `go GOFLAGS -${flag[1]}`) : [];
  });
}

/** cargo's variables naming a program: rustc and rustdoc, a wrapper around each rustc call, a runner for what it builds, a linker. */
const CARGO_PROGRAM_VARIABLES = /^(?:RUSTC|RUSTDOC|RUSTC_WRAPPER|RUSTC_WORKSPACE_WRAPPER|CARGO_BUILD_(?:RUSTC|RUSTDOC|RUSTC_WRAPPER|RUSTC_WORKSPACE_WRAPPER)|CARGO_TARGET_[A-Z0-9_]+_(?:RUNNER|LINKER)|CARGO_HOST_LINKER)$/;
/** Flags for rustc that can name a linker or its arguments (`-C linker=x`, `-C link-arg=-B/dir`). */
const RUSTFLAGS_VARIABLES = /^(?:RUSTFLAGS|RUSTDOCFLAGS|CARGO_ENCODED_RUSTFLAGS|CARGO_BUILD_RUSTFLAGS|CARGO_BUILD_RUSTDOCFLAGS|CARGO_TARGET_[A-Z0-9_]+_RUSTFLAGS|CARGO_HOST_RUSTFLAGS)$/;
/** `--config` keys that name programs, aliases (commands), or more configuration. */
const CARGO_PROGRAM_KEY = /runner|linker|rustc|rustdoc|wrapper|credential|alias|include|rustflags|env/i;

/**
 * `RUSTC_WRAPPER=x cargo build` (x ran for every rustc call), `CARGO_TARGET_<triple>_RUNNER=x cargo run` and
 * `cargo --config 'target.<triple>.runner="x"' run` (x ran what cargo built): programs cargo runs. A `--config`
 * file, a key that names a program, rustc flags naming a linker, and CARGO_HOME or a toolchain path are opaque.
 */
export function cargoRuns(action: ExecAction, words: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  for (const name of Object.keys(action.env)) {
    const value = envWord(action, name);
    if (CARGO_PROGRAM_VARIABLES.test(name) || COMPILER_VARIABLES.test(name)) runs.push(...programWords(value, `cargo ${name}`));
    else if (RUSTFLAGS_VARIABLES.test(name) && (value.dynamic || /link/i.test(value.value))) runs.push({ via: `cargo ${name}`, opaque: `${name} can name the linker rustc runs` });
    else if (name === 'CARGO_HOME' || name === 'RUSTUP_HOME' || (name === 'RUSTUP_TOOLCHAIN' && (value.dynamic || value.value.includes('/')))) {
      runs.push({ via: `cargo ${name}`, opaque: `${name} points cargo at settings or a toolchain nomos does not read` });
    }
  }
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word.value === '--') break;
    const config = /^--config(?:=([^]*))?$/.exec(word.value);
    if (!config) continue;
    const value = config[1] !== undefined ? word : words[++i];
    const text = config[1] ?? value?.value ?? '';
    if (value === undefined || value.dynamic || !text.includes('=') || CARGO_PROGRAM_KEY.test(text.slice(0, text.indexOf('=')))) {
      runs.push({ via: 'cargo --config', opaque: 'cargo --config can name programs cargo runs (a runner, a rustc wrapper, a linker, an alias)' });
    }
  }
  return runs;
}
