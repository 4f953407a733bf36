// Environment managers that run a program from their environment's PATH (or the system's): `uv run cmd`,
// `poetry run cmd`, `bundle exec cmd`, `rustup run stable cmd`, `nix develop -c cmd` … (`rustup run stable
// x` and `pyenv exec x` ran x). Their command is followed, as `pnpm exec`'s is: an allow rule for
// `uv run pytest` then needs `pytest` allowed too. A project's scripts of the same name (pdm, pixi, devbox) are
// the project's own code, as a Makefile is make's.
import { table } from '../table.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/** Whether `word` is one of the names in `list` (a string of names between spaces; none when undefined). */
const listed = (list: string | undefined, word: string) => list !== undefined && !/\s/.test(word) && list.includes(` ${word} `);

/** How one runner's command is found. Option lists are strings of names between spaces. */
interface Runner {
  /** The subcommand words that run a command (none: the options come first, `nix-shell --run`). */
  sub?: string[];
  /** Options (global or the subcommand's) taking the next word as their value. */
  values?: string;
  /** Options whose value is a shell command (`nix-shell --run 'cmd'`, `mise exec -c 'cmd'`). */
  shell?: string;
  /** Options after which the rest of the words is the command (`nix develop -c cmd …`). */
  commandAfter?: string;
  /** The command comes only after `--` or a commandAfter option (`mise exec node@20 -- cmd`, `nix shell pkg -c cmd`): positionals before are not it. */
  dashes?: boolean;
  /** Positional words before the command (`rustup run TOOLCHAIN cmd`). */
  skip?: number;
  /** The command's words are also run as one shell command (hatch, pixi: task shells). */
  alsoShell?: boolean;
  /** Without a command it starts an interactive shell, which reads its commands from its input. */
  shellWithout?: boolean;
  /** Options (among `values`) whose value is the directory the command starts in (`uv run --directory DIR`): its relative paths are not known. */
  chdir?: string;
}

/** The runners (runnerTable()'s names): a command that is none of them builds no table at start-up. */
const RUNNER_NAMES = ' uv poetry pipenv pdm hatch conda mamba micromamba pixi bundle rbenv pyenv nodenv goenv jenv asdf mise rustup nix-shell nix devbox opam stack cabal toolbox distrobox vagrant ';

/** Long options of these runners that take no value (any other long one not listed as taking a value is not read: opaque). */
const FLAGS = ' --dev --script --module --active --exact --inexact --compile-bytecode --refresh --upgrade --reinstall --native-tls --preview --gui-script --isolated '
  + '--frozen --locked --offline --quiet --verbose --pure --impure --help --keep-file-descriptors --install --clean-env --force-activate --revalidate --tls-no-verify '
  + '--skip-deps --dry-run --raw --site-packages --recreate --global --live-stream --no-capture-output --debug-wrapper-scripts --all-extras --all-packages --all-groups ';

/** Short options of these runners that take no value (-q, -v, uv's -n and -U …); any other short one not listed as taking a value is opaque. */
const SHORT_FLAGS = ' -q -v -vv -vvv -h -V -U -n -d -m -s ';

let runners: Readonly<Record<string, Runner>> | undefined;

function runnerTable(): Readonly<Record<string, Runner>> {
  const CONDA: Runner = { sub: ['run'], values: ' -n --name -p --prefix --cwd ', chdir: ' --cwd ' };
  const VERSION_MANAGER: Runner = { sub: ['exec'] };
  return table<string, Runner>({
  // uv 0.5 `uv run --help`: options taking a value (global ones may come first).
  uv: {
    sub: ['run'],
    values: ' --extra --with --with-editable --with-requirements --env-file --package --index --default-index -i --index-url --extra-index-url -f --find-links '
      + '--index-strategy --keyring-provider --resolution --prerelease --fork-strategy --exclude-newer --link-mode -C --config-setting --no-binary-package '
      + '--no-build-package --refresh-package --reinstall-package -P --upgrade-package -p --python --group --only-group --no-group --directory --project '
      + '--config-file --cache-dir --color --allow-insecure-host --python-platform ',
    chdir: ' --directory ',
  },
  // poetry 2: -C/--directory is the working directory of the command.
  poetry: { sub: ['run'], values: ' -C --directory -P --project ', chdir: ' -C --directory ' },
  pipenv: { sub: ['run'], values: ' --python ' },
  pdm: { sub: ['run'], values: ' -p --project --venv --skip ' },
  hatch: { sub: ['run'], values: ' -e --env ', alsoShell: true },
  conda: CONDA, mamba: CONDA, micromamba: CONDA,
  pixi: { sub: ['run', 'exec'], values: ' --manifest-path -e --environment -s --spec -c --channel --platform --auth-file --concurrent-solves --concurrent-downloads ', alsoShell: true },
  bundle: { sub: ['exec'], values: ' --gemfile ' },
  rbenv: VERSION_MANAGER, pyenv: VERSION_MANAGER, nodenv: VERSION_MANAGER, goenv: VERSION_MANAGER, jenv: VERSION_MANAGER, asdf: VERSION_MANAGER,
  mise: { sub: ['exec', 'x'], values: ' -j --jobs -C --cd -E --env ', shell: ' -c --command ', dashes: true, shellWithout: true, chdir: ' -C --cd ' },
  rustup: { sub: ['run'], skip: 1 },
  'nix-shell': { values: ' -p --packages -A --attr -I --arg --argstr -i --option --keep -E --expr ', shell: ' --run --command ', dashes: true, shellWithout: true },
  nix: { sub: ['develop', 'shell'], values: ' --profile --override-input --inputs-from --option --arg --argstr -I --impure-env ', commandAfter: ' -c --command ', dashes: true, shellWithout: true },
  devbox: { sub: ['run'], values: ' -c --config -e --env --env-file ' },
  opam: { sub: ['exec'], values: ' --switch --root ' },
  stack: { sub: ['exec'], values: ' --stack-yaml --resolver --package ' },
  cabal: { sub: ['exec'], values: ' --project-file --builddir ' },
    // Containers that share the user's home with the host (toolbox, distrobox), and a VM's shell (`vagrant ssh -c`).
    toolbox: { sub: ['run'], values: ' -c --container -d --distro -r --release ' },
    distrobox: { sub: ['enter'], values: ' -n --name -a --additional-flags ', dashes: true, shellWithout: true },
    vagrant: { sub: ['ssh'], shell: ' -c --command ', dashes: true, shellWithout: true },
  });
}

/**
 * What an environment manager runs: the command it is given, as words (and a shell string where it runs one), or why it is not
 * known; started elsewhere (relative paths unknown) after an option naming its directory (`uv run --directory ~/.ssh cat id_rsa`).
 */
export function envRunnerRuns(program: string, words: WordValue[]): InnerRun[] {
  if (!listed(RUNNER_NAMES, program)) return [];
  const runner = (runners ??= runnerTable())[program]!;
  const runs = runnerRuns(program, runner, words);
  const first = runs.find((r) => r.words)?.words?.[0];
  const end = first ? words.indexOf(first) : words.length;
  const moved = words.slice(1, end < 0 ? words.length : end).some((w) => {
    const name = w.value.startsWith('--') ? w.value.split('=')[0]! : w.value.slice(0, 2);
    return listed(runner.chdir, name);
  });
  return moved ? runs.map((r) => (r.opaque ? r : { ...r, unknownCwd: true })) : runs;
}

function runnerRuns(program: string, runner: Runner, words: WordValue[]): InnerRun[] {
  let i = 1;
  let via = program;
  if (runner.sub) {
    for (; i < words.length && words[i]!.value.startsWith('-') && !words[i]!.dynamic; i++) if (listed(runner.values, words[i]!.value)) i++;
    if (!runner.sub.includes(words[i]?.value ?? '')) {
      // A word nomos cannot know, or an option it does not know to take one or two words (`pixi --color always run`,
      // `nix --option k v develop`), before a subcommand that runs a command: where the command starts is unknown.
      const later = words.slice(i, i + 3).some((w) => runner.sub!.includes(w.value)) || (words[i]?.dynamic === true && words.slice(i).some((w) => runner.sub!.includes(w.value)));
      return later ? [{ via: program, opaque: `${program} has a word before its subcommand that nomos does not read` }] : [];
    }
    via = `${program} ${words[i++]!.value}`;
  }
  let skip = runner.skip ?? 0;
  for (; i < words.length; i++) {
    const { value, dynamic } = words[i]!;
    const name = value.startsWith('--') && value.includes('=') ? value.slice(0, value.indexOf('=')) : value;
    const attached = name !== value ? value.slice(name.length + 1) : undefined;
    if (dynamic && (value.startsWith('-') || skip === 0)) return [{ via, opaque: `${via} gets a word nomos cannot know before its command` }];
    if (value === '--' || listed(runner.commandAfter, value)) return command(runner, via, words.slice(i + 1));
    if (listed(runner.shell, name)) return [{ via: `${via} ${name}`, shell: attached !== undefined ? { value: attached, dynamic } : (words[i + 1] ?? { value: '', dynamic: true }) }];
    if (value.startsWith('-') && value !== '-') {
      const short = /^-[^-]/.test(value) ? value.slice(0, 2) : undefined;
      if (attached === undefined && listed(runner.values, name)) i++;
      else if (short !== undefined && value.length > 2 && listed(runner.values, short)) continue; // `-p3.12`: the value attached
      else if (short !== undefined && !listed(SHORT_FLAGS, value)) {
        // `micromamba run -r /opt/mm rm -rf /`: -r (--root-prefix) took the next word, which nomos took for the command.
        return [{ via, opaque: `${via} ${value} is an option nomos does not know, which may take the next word` }];
      } else if (name.startsWith('--') && attached === undefined && !name.startsWith('--no-') && !listed(FLAGS, name)) {
        return [{ via, opaque: `${via} ${name} is an option nomos does not know, which may take the next word` }];
      }
    } else if (skip > 0) skip--;
    else if (!runner.dashes) return command(runner, via, words.slice(i));
  }
  return runner.shellWithout ? [{ via, opaque: `${via} without a command starts a shell that reads commands from its input` }] : [];
}

function command(runner: Runner, via: string, rest: WordValue[]): InnerRun[] {
  if (rest.length === 0) return runner.shellWithout ? [{ via, opaque: `${via} without a command starts a shell that reads commands from its input` }] : [];
  const shell: InnerRun[] = runner.alsoShell ? [{ via, shell: { value: rest.map((w) => w.value).join(' '), dynamic: rest.some((w) => w.dynamic) } }] : [];
  return [{ via, words: rest }, ...shell];
}
