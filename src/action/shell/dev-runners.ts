// Development runners that run shell commands given as words: concurrently (each argument), nodemon's
// --exec, watchexec (its words after `--`); and environment setters that read their variables from a
// file nomos does not read (dotenv-cli, env-cmd: a .env can set NODE_OPTIONS or LD_PRELOAD); ansible's ad-hoc modules, salt's functions.
import { moduleFiles, readAnsible } from '../programs/ansible.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/** concurrently 9's options taking a value (`concurrently --help`). */
const CONCURRENTLY_VALUES = ' -n --names -c --prefix-colors -p --prefix -s --success -l --prefix-length -t --timestamp-format --name-separator '
  + '--default-input-target --restart-tries --restart-after -m --max-processes --pad-prefix --teardown --kill-signal ';

/** What a development runner runs, or why it is not known. */
export function devRunnerRuns(program: string, words: WordValue[]): InnerRun[] {
  switch (program) {
    case 'concurrently': return concurrentlyRuns(words);
    case 'nodemon': {
      // `--cwd DIR` starts the command in DIR (nodemon 3 ran `--cwd d --exec pwd` in d): its relative paths are not known.
      const where = startsIn(words, '--cwd');
      return words.flatMap((w, i): InnerRun[] => (w.value === '--exec' || w.value === '-x' ? [{ via: 'nodemon --exec', shell: words[i + 1] ?? { value: '', dynamic: true }, ...where }]
        : w.value.startsWith('--exec=') ? [{ via: 'nodemon --exec', shell: { value: w.value.slice(7), dynamic: w.dynamic }, ...where }] : []));
    }
    case 'watchexec': {
      const dashes = words.findIndex((w) => w.value === '--');
      if (dashes < 0) return [{ via: 'watchexec', opaque: 'watchexec runs its words through a shell, and without `--` nomos does not tell its options from them' }];
      const rest = words.slice(dashes + 1);
      return [{ via: 'watchexec', shell: { value: rest.map((w) => w.value).join(' '), dynamic: rest.some((w) => w.dynamic) }, ...startsIn(words.slice(0, dashes), '--workdir') }];
    }
    case 'ansible': return ansibleRuns(words);
    case 'salt': case 'salt-ssh': case 'salt-call': return saltRuns(program, words);
    case 'dotenv': case 'env-cmd':
      return [{ via: program, opaque: `${program} gives the command variables from a file nomos does not read (NODE_OPTIONS, LD_PRELOAD, GIT_SSH_COMMAND …)` }];
    default: return [];
  }
}

/** `{ unknownCwd }` where an option naming the command's directory is among the words (`--cwd DIR`, `--cwd=DIR`). */
function startsIn(words: WordValue[], option: string): { unknownCwd?: boolean } {
  return words.some((w) => w.value === option || w.value.startsWith(`${option}=`)) ? { unknownCwd: true } : {};
}

/** `concurrently 'cmd a' 'cmd b'`: each argument is a shell command; an option nomos does not know may take the next word. */
function concurrentlyRuns(words: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word.value.startsWith('-') && word.value !== '--') {
      if (CONCURRENTLY_VALUES.includes(` ${word.value} `)) i++;
      else if (/^--[^=]+$/.test(word.value) && !/^--(?:kill-others|kill-others-on-fail|raw|no-color|hide|group|timings|passthrough-arguments|handle-input|restart|help|version)$/.test(word.value)) {
        return [...runs, { via: 'concurrently', opaque: `concurrently ${word.value} is an option nomos does not know, which may take the next word` }];
      }
    } else if (word.value !== '--') {
      // `npm:watch` is concurrently's short form of `npm run watch` (yarn:, pnpm:, bun: too).
      const script = /^(npm|yarn|pnpm|bun):([^]*)$/.exec(word.value);
      runs.push(script ? { via: 'concurrently', shell: { value: `${script[1]} run ${script[2]}`, dynamic: word.dynamic } } : { via: 'concurrently', shell: word });
    }
  }
  return runs;
}

/** Ad-hoc modules that only gather or print facts. */
const QUIET_MODULES = /^(?:ansible\.builtin\.)?(?:ping|setup|debug|gather_facts)$/;

/**
 * `ansible HOSTS -m shell -a 'cmd'`: the module runs on the hosts (programs/ansible.ts: an inline inventory's, or this machine's
 * with -c local or the implicit localhost): shell and raw run a shell command, command (the default) its words, script a local
 * file it sends there; copy and fetch are files (programs/index.ts); any other module but ping, setup and debug may change
 * files: opaque. On another host the command starts in the user's home there, which nomos does not place (unknownCwd).
 */
function ansibleRuns(words: WordValue[]): InnerRun[] {
  const call = readAnsible(words.map((w) => w.value), (i) => words[i]?.dynamic ?? false);
  const runs: InnerRun[] = call.opaque.map((opaque) => ({ via: 'ansible', opaque }));
  const { module, args } = call;
  if (module.dynamic) return [...runs, { via: 'ansible', opaque: 'ansible runs a module nomos cannot know' }];
  const name = module.value.replace(/^ansible\.(?:builtin|legacy)\./, '');
  const via = `ansible -m ${name}${call.become ? ' --become' : ''}`;
  // `chdir=DIR` among command's and shell's arguments starts the command there.
  const where = call.local && !/(?:^|\s)chdir=/.test(args?.value ?? '') ? {} : { unknownCwd: true };
  if (QUIET_MODULES.test(module.value)) return runs;
  if ((name === 'shell' || name === 'raw' || name === 'command') && args) return [...runs, { via, shell: args, ...where }];
  if (name === 'script' && args) {
    // `script: file args` runs this machine's file there (`executable=` runs it with another program).
    if (/(?:^|\s)executable=/.test(args.value)) return [...runs, { via, opaque: "ansible's script module runs its file with a program nomos does not follow" }];
    const line = args.value.replace(/(?:^|\s)(?:chdir|creates|removes)=\S*/g, '').trim();
    return [...runs, { via, shell: { value: /^[^\s/]+(?:\s|$)/.test(line) ? `./${line}` : line, dynamic: args.dynamic }, ...where }];
  }
  if ((name === 'copy' || name === 'fetch') && args && !args.dynamic) {
    const files = moduleFiles(name, args.value);
    return 'opaque' in files ? [...runs, { via, opaque: files.opaque }] : runs;
  }
  return [...runs, { via, opaque: `ansible's ${name} module runs or changes what nomos does not read, on the hosts (localhost is this machine)` }];
}

/** salt 3006's options (salt, salt-ssh, salt-call) taking a value; -m loads modules from a directory, --ssh-option can set ProxyCommand. */
const SALT_VALUES = ' -t --timeout -b --batch --batch-size --batch-wait -a --auth --eauth --external-auth --return --return_config --return_kwargs --args-separator --out --output '
  + '--out-indent --output-indent --out-file --output-file -l --log-level --log-file --log-file-level -c --config-dir -u --user --saltenv --pillarenv --subset '
  + '--state-output --state_output --state-verbose --state_verbose --roster --roster-file --priv --passwd --max-procs --extra-filerefs --scan-ports --scan-timeout '
  + '--thin-extra-modules --id --master --file-root --pillar-root ';
const SALT_FLAGS = ' -E --pcre -L --list -G --grain --grain-pcre -N --nodegroup -R --range -C --compound -I --pillar --pillar-pcre -S --ipcidr --async -v --verbose --show-jid '
  + '--hide-timeout --no-color --force-color --summary -p --progress --failhard -T --make-token -d --doc --out-file-append --output-file-append -s --static --local '
  + '-g --grains --retcode-passthrough --metadata --output-diff --skip-grains --refresh-grains-cache -i --ignore-host-keys --no-host-keys --askpass --key-deploy '
  + '--identities-only --sudo -W --rand-thin-dir --regen-thin -w --wipe --refresh --refresh-cache -H --hosts -h --help --version --versions-report -q --quiet --hard-crash ';
/** Functions that only gather or print facts. */
const QUIET_FUNCTIONS = /^(?:test\.(?:ping|version|echo|versions_report)|grains\.(?:items|item|get|ls)|sys\.(?:doc|list_functions|list_modules))$/;
/** cmd.* functions whose first argument (or cmd=) is a shell command, and their keyword arguments that change nothing nomos decides (cwd= moves it). */
const SHELL_FUNCTIONS = /^cmd\.(?:run|shell|run_all|run_stdout|run_stderr|retcode|run_bg)$/;
const QUIET_KWARGS = /^(?:timeout|runas|group|password|output_loglevel|hide_output|ignore_retcode|python_shell|bg|clean_env|redirect_stderr|use_vt|umask|rstrip|success_retcodes|reset_system_locale|saltenv|quiet|cwd|cmd)=/;

/**
 * `salt TARGET cmd.run 'cmd'` (salt-ssh too; `salt-call cmd.run 'cmd'` runs here): the targets may be this machine, as with
 * ansible. cmd.run and the like run a shell command; salt-ssh -r a raw one; the fact-gathering functions nothing; any other
 * function may change what nomos does not read: opaque. Options go anywhere (optparse), so any option nomos does not know is opaque.
 */
function saltRuns(program: string, words: WordValue[]): InnerRun[] {
  const args: WordValue[] = [];
  let raw = false;
  for (let i = 1; i < words.length; i++) {
    const { value, dynamic } = words[i]!;
    const name = value.startsWith('--') && value.includes('=') ? value.slice(0, value.indexOf('=')) : value;
    if (value === '--') {
      args.push(...words.slice(i + 1));
      break;
    }
    if (dynamic && (value.startsWith('-') || args.length < (program === 'salt-call' ? 1 : 2))) return [{ via: program, opaque: `${program} gets a word nomos cannot know before its function` }];
    if (!value.startsWith('-') || value === '-') args.push(words[i]!);
    else if (program === 'salt-ssh' && (value === '-r' || value === '--raw' || value === '--raw-shell')) raw = true;
    else if (SALT_VALUES.includes(` ${name} `)) i += name === value ? 1 : 0;
    else if (!SALT_FLAGS.includes(` ${value} `)) return [{ via: program, opaque: `${program} ${name} is an option nomos does not know (or one that loads code or ssh options)` }];
  }
  const [fn, ...rest] = program === 'salt-call' ? args : args.slice(1);
  if (!fn) return [];
  if (raw) return [{ via: `${program} -r`, shell: { value: [fn, ...rest].map((w) => w.value).join(' '), dynamic: [fn, ...rest].some((w) => w.dynamic) } }];
  if (QUIET_FUNCTIONS.test(fn.value)) return [];
  const via = `${program} ${fn.value}`;
  const positional = rest.filter((w) => !/^[^\d\W][\w.-]*=(?!=)/u.test(w.value));
  const kwargs = rest.filter((w) => !positional.includes(w));
  const command = positional.length === 1 ? positional[0] : kwargs.find((w) => w.value.startsWith('cmd='));
  if (!SHELL_FUNCTIONS.test(fn.value) || fn.dynamic || !command || positional.length > 1 || kwargs.some((w) => w.dynamic || !QUIET_KWARGS.test(w.value))) {
    return [{ via, opaque: `salt's ${fn.value} runs or changes what nomos does not read, on the targets (this machine may be one)` }];
  }
  const shell = command === positional[0] ? command : { value: command.value.slice(4), dynamic: command.dynamic };
  return [{ via, shell, ...(kwargs.some((w) => w.value.startsWith('cwd=')) ? { unknownCwd: true } : {}) }];
}
