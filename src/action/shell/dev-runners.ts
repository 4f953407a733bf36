// Development runners that run shell commands given as words: concurrently (each argument), nodemon's
// --exec, watchexec (its words after `--`); and environment setters that read their variables from a
// file nomos does not read (dotenv-cli, env-cmd: a .env can set NODE_OPTIONS or LD_PRELOAD).
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
