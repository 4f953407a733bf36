// Development runners that run shell commands given as words: concurrently (each argument), nodemon's
// --exec, watchexec (its words after `--`); and environment setters that read their variables from a
// file nomos does not read (dotenv-cli, env-cmd: a .env can set NODE_OPTIONS or LD_PRELOAD); ansible's ad-hoc modules.
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/** concurrently 9's options taking a value (`concurrently --help`). */
const CONCURRENTLY_VALUES = ' -n --names -c --prefix-colors -p --prefix -s --success -l --prefix-length -t --timestamp-format --name-separator '
  + '--default-input-target --restart-tries --restart-after -m --max-processes --pad-prefix --teardown --kill-signal ';

/** What a development runner runs, or why it is not known. */
export function devRunnerRuns(program: string, words: WordValue[]): InnerRun[] {
  switch (program) {
    case 'concurrently': return concurrentlyRuns(words);
    case 'nodemon': return words.flatMap((w, i): InnerRun[] => (w.value === '--exec' || w.value === '-x' ? [{ via: 'nodemon --exec', shell: words[i + 1] ?? { value: '', dynamic: true } }]
      : w.value.startsWith('--exec=') ? [{ via: 'nodemon --exec', shell: { value: w.value.slice(7), dynamic: w.dynamic } }] : []));
    case 'watchexec': {
      const dashes = words.findIndex((w) => w.value === '--');
      if (dashes < 0) return [{ via: 'watchexec', opaque: 'watchexec runs its words through a shell, and without `--` nomos does not tell its options from them' }];
      const rest = words.slice(dashes + 1);
      return [{ via: 'watchexec', shell: { value: rest.map((w) => w.value).join(' '), dynamic: rest.some((w) => w.dynamic) } }];
    }
    case 'ansible': return ansibleRuns(words);
    case 'dotenv': case 'env-cmd':
      return [{ via: program, opaque: `${program} gives the command variables from a file nomos does not read (NODE_OPTIONS, LD_PRELOAD, GIT_SSH_COMMAND …)` }];
    default: return [];
  }
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
 * `ansible HOSTS -m shell -a 'cmd'`: the module runs on the hosts, `localhost` among them (this machine): shell and raw
 * run a shell command, command (the default) its words; any other module but ping, setup and debug may change files: opaque.
 */
function ansibleRuns(words: WordValue[]): InnerRun[] {
  const option = (names: string[]) => {
    const i = words.findIndex((w) => names.includes(w.value) || names.some((n) => n.startsWith('--') && w.value.startsWith(`${n}=`)));
    if (i < 0) return undefined;
    const w = words[i]!;
    return w.value.includes('=') && w.value.startsWith('--') ? { value: w.value.slice(w.value.indexOf('=') + 1), dynamic: w.dynamic } : (words[i + 1] ?? { value: '', dynamic: true });
  };
  const module = option(['-m', '--module-name']) ?? { value: 'command', dynamic: false };
  const args = option(['-a', '--args']);
  if (module.dynamic) return [{ via: 'ansible', opaque: 'ansible runs a module nomos cannot know' }];
  const name = module.value.replace(/^ansible\.(?:builtin|legacy)\./, '');
  if (QUIET_MODULES.test(module.value)) return [];
  if ((name === 'shell' || name === 'raw' || name === 'command') && args) return [{ via: `ansible -m ${name}`, shell: args }];
  return [{ via: `ansible -m ${name}`, opaque: `ansible's ${name} module runs or changes what nomos does not read, on the hosts (localhost is this machine)` }];
}
