import { table } from '../table.js';
import type { InnerRun } from './executors.js';
import type { WordValue } from './words.js';

/** Config keys whose value git runs through a shell. */
const SHELL_KEYS = [
  /^core\.(pager|editor|sshcommand|fsmonitor|askpass)$/, /^sequence\.editor$/, /^diff\.external$/, /^pager\./, /^gpg\.(\w+\.)?program$/,
  /^diff\..+\.(command|textconv)$/, /^merge\..+\.driver$/, /^filter\..+\.(clean|smudge|process)$/, /^difftool\..+\.cmd$/, /^mergetool\..+\.cmd$/,
  /^web\.browser$/, /^browser\..+\.cmd$/, /^uploadpack\.packobjectshook$/, /^remote\..+\.(uploadpack|receivepack)$/,
  // More commands (git-config(1), git 2.4x): trailers, add -p's filter, alternates, ssh signing keys, mail, imap, man viewers;
  // and the programs a tool's `path` names.
  /^trailer\..+\.(command|cmd)$/, /^interactive\.difffilter$/, /^core\.alternaterefscommand$/, /^gpg\.ssh\.defaultkeycommand$/,
  /^sendemail\.(.+\.)?(tocmd|cccmd|headercmd|sendmailcmd|smtpserver)$/, /^imap\.tunnel$/, /^man\..+\.(cmd|path)$/,
  /^(difftool|mergetool)\..+\.path$/, /^instaweb\.(httpd|browser)$/,
];

/** Config keys whose value runs a command when it starts with `!` (`submodule.x.update=!cmd` on `git submodule update`). */
const BANG_KEYS = [/^alias\./, /^credential(\..+)?\.helper$/, /^submodule\..+\.update$/];

/** Keys whose value, an absolute path, is a program git runs (`credential.helper=/tmp/x`; a bare name is `git credential-NAME`). */
const PATH_KEYS = [/^credential(\..+)?\.helper$/];

/** Settings that make git run programs nomos cannot see (a hooks directory, another exec path). */
const OPAQUE_KEYS = [/^core\.hookspath$/, /^include\.path$/, /^includeif\./, /^core\.gitproxy$/,
  // Settings that send git's requests elsewhere than the URL it was given: a proxy, a rewritten URL, another address.
  /^http\.(.+\.)?proxy$/, /^remote\..+\.(proxy|url|pushurl)$/, /^url\..+\.(pushinsteadof|insteadof)$/, /^http\.(.+\.)?curloptresolve$/];

/**
 * Commands `git -c key=value …` and `git --exec-path=dir` make git run: a pager, an editor,
 * an alias starting with `!`, an ssh command. Only git's global options (before the
 * subcommand) are read; that is where they take effect.
 */
export function gitCommands(words: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  for (let i = 1; i < words.length; i++) {
    const { value, dynamic } = words[i]!;
    // `git apply` and `git am` change the files their patches name, which nomos does not read.
    if ((value === 'apply' || value === 'am') && !words.slice(i + 1).some((w) => w.value === '--check' || w.value === '--stat' || w.value === '--numstat' || w.value === '--summary')) {
      return [...runs, { via: `git ${value}`, opaque: `git ${value} changes the files its patches name, which nomos does not read` }];
    }
    if (!value.startsWith('-')) {
      const rest = words.slice(i + 1);
      return [...runs, ...transportRuns(value, rest), ...attachedRuns(value, rest), ...subcommandRuns(value, rest), ...(value === 'config' ? configWrites(rest) : [])];
    }
    if (value === '-c' || value === '--config-env') {
      const next = words[++i];
      if (next) runs.push(...configRuns(next.value, dynamic || next.dynamic, value));
    } else if (value.startsWith('-c') && value.length > 2) runs.push(...configRuns(value.slice(2), dynamic, '-c'));
    else if (value.startsWith('--config-env=')) runs.push(...configRuns(value.slice(13), dynamic, '--config-env'));
    else if (value.startsWith('--exec-path=')) runs.push({ via: 'git --exec-path', opaque: 'git --exec-path runs git commands from another directory' });
    else if (value === '--git-dir' || value.startsWith('--git-dir=')) {
      // Another repository's config and hooks (core.fsmonitor, a pager …), as with GIT_DIR.
      runs.push({ via: 'git --git-dir', opaque: 'git --git-dir reads configuration and hooks nomos cannot see' });
      if (value === '--git-dir') i++;
    } else if (['-C', '--work-tree', '--namespace', '--super-prefix', '--attr-source'].includes(value)) i++;
  }
  return runs;
}

/** Options of transport subcommands whose value git runs as a command (locally, for a local or file:// remote). */
const TRANSPORT_OPTIONS = table<string, string[]>({
  fetch: ['--upload-pack'], pull: ['--upload-pack'], clone: ['--upload-pack', '-u'], 'ls-remote': ['--upload-pack', '--exec'],
  push: ['--receive-pack', '--exec'], archive: ['--exec'], 'send-pack': ['--receive-pack', '--exec'], 'fetch-pack': ['--upload-pack', '--exec'],
  // Subcommands that run a command they are given (git 2.4x `git <cmd> -h`): a diff viewer, a step between commits,
  // a filter, a mail command, a hook, a web server or browser.
  difftool: ['-x', '--extcmd'], rebase: ['-x', '--exec'],
  'filter-branch': ['--setup', '--env-filter', '--tree-filter', '--index-filter', '--parent-filter', '--msg-filter', '--commit-filter', '--tag-name-filter'],
  'send-email': ['--to-cmd', '--cc-cmd', '--header-cmd', '--sendmail-cmd', '--smtp-server'],
  daemon: ['--access-hook'], instaweb: ['-d', '--httpd', '-b', '--browser'],
});

/** Options whose value, given only attached, is a command (`git grep -Ocmd`, `--open-files-in-pager=cmd`); alone they use git's pager. */
const ATTACHED_OPTIONS = table<string, string[]>({ grep: ['-O', '--open-files-in-pager'] });

/**
 * `git bisect run cmd args…` runs its words; `git submodule foreach cmd …` runs them, joined, in a shell
 * (in each submodule): both are followed.
 */
function subcommandRuns(sub: string, rest: WordValue[]): InnerRun[] {
  if (sub === 'bisect' && rest[0]?.value === 'run') return rest.length > 1 ? [{ via: 'git bisect run', words: rest.slice(1) }] : [];
  return sub === 'submodule' ? submoduleRuns(rest) : [];
}

/** `git grep -Ocmd`: only an attached value is one (`git grep -O pattern` opens the files in git's pager). */
function attachedRuns(sub: string, rest: WordValue[]): InnerRun[] {
  const options = ATTACHED_OPTIONS[sub];
  if (!options) return [];
  const runs: InnerRun[] = [];
  for (const { value, dynamic } of rest) {
    if (value === '--') break;
    const eq = value.indexOf('=');
    const long = value.startsWith('--') && eq > 3 ? options.find((o) => o.startsWith('--') && o.startsWith(value.slice(0, eq))) : undefined;
    if (long) runs.push({ via: `git ${sub} ${long}`, shell: { value: value.slice(eq + 1), dynamic } });
    else if (/^-[^-]/.test(value)) {
      const at = [...value.slice(1)].findIndex((c) => options.includes(`-${c}`));
      if (at >= 0 && value.length > at + 2) runs.push({ via: `git ${sub} -${value[at + 1]}`, shell: { value: value.slice(at + 2), dynamic } });
    }
  }
  return runs;
}

/**
 * `git fetch --upload-pack=cmd`, `git clone -u cmd`, `git push --receive-pack=cmd`, and remotes
 * using the ext:: transport. As git's option parser reads them: a long option by any prefix
 * (`--upl=cmd`; an ambiguous one git refuses, so taking it is only stricter), a short one
 * anywhere in a cluster (`-qu cmd`, `-ucmd`).
 */
function transportRuns(sub: string, rest: WordValue[]): InnerRun[] {
  const setup = [...(sub === 'clone' || sub === 'init' ? setupRuns(sub, rest) : []), ...extOptionRuns(sub, rest)];
  const options = TRANSPORT_OPTIONS[sub];
  if (!options) return setup;
  const runs: InnerRun[] = [...setup];
  for (let i = 0; i < rest.length; i++) {
    const { value, dynamic } = rest[i]!;
    if (value === '--') break;
    const next = () => rest[++i] ?? { value: '', dynamic: true };
    if (value.startsWith('--') && value.length > 3) {
      const eq = value.indexOf('=');
      const name = eq > 0 ? value.slice(0, eq) : value;
      const option = options.find((o) => o.startsWith('--') && o.startsWith(name));
      if (option) runs.push({ via: `git ${sub} ${option}`, shell: eq > 0 ? { value: value.slice(eq + 1), dynamic } : next() });
    } else if (/^-[^-]/.test(value)) {
      const at = [...value.slice(1)].findIndex((c) => options.includes(`-${c}`));
      if (at >= 0) runs.push({ via: `git ${sub} -${value[at + 1]}`, shell: value.length > at + 2 ? { value: value.slice(at + 2), dynamic } : next() });
    } else if (/^ext::/i.test(value)) runs.push({ via: `git ${sub} ext::`, opaque: 'the ext:: transport runs a command nomos cannot analyse' });
  }
  return runs;
}

/** An ext:: URL given as an option's value (`git archive --remote=ext::…`, `--remote ext::…`). */
function extOptionRuns(sub: string, rest: WordValue[]): InnerRun[] {
  const named = rest.some((w, i) => /^-.*=ext::/i.test(w.value) || (/^ext::/i.test(w.value) && i > 0 && rest[i - 1]!.value.startsWith('-')));
  return named ? [{ via: `git ${sub} ext::`, opaque: 'the ext:: transport runs a command nomos cannot analyse' }] : [];
}

/**
 * `git clone -c key=value` (`--config`) sets configuration in the new repository before it
 * fetches and checks out: core.sshCommand, http.proxy, core.fsmonitor take effect as with
 * `git -c`. `--template=dir` (clone, init) copies hooks from dir, which run during the clone.
 */
function setupRuns(sub: string, rest: WordValue[]): InnerRun[] {
  const runs: InnerRun[] = [];
  for (let i = 0; i < rest.length; i++) {
    const { value, dynamic } = rest[i]!;
    if (value === '--') break;
    const eq = value.indexOf('=');
    const name = eq > 0 ? value.slice(0, eq) : value;
    const inline = eq > 0 ? { value: value.slice(eq + 1), dynamic } : undefined;
    if (sub === 'clone' && name.length > 3 && '--config'.startsWith(name)) {
      const setting = inline ?? rest[++i] ?? { value: '', dynamic: true };
      runs.push(...configRuns(setting.value, dynamic || setting.dynamic, '-c'));
    } else if (sub === 'clone' && /^-[^-]/.test(value) && value.slice(1).includes('c')) {
      // A short cluster: `-c key=value`, `-ckey=value`, `-qc key=value`.
      const at = value.indexOf('c');
      const setting = value.length > at + 1 ? { value: value.slice(at + 1), dynamic } : rest[++i] ?? { value: '', dynamic: true };
      runs.push(...configRuns(setting.value, dynamic || setting.dynamic, '-c'));
    } else if (name.length > 3 && '--template'.startsWith(name)) {
      runs.push({ via: `git ${sub} --template`, opaque: `git ${sub} --template copies hooks from a directory, which git runs` });
      if (!inline) i++;
    }
  }
  return runs;
}

/** `git submodule foreach [--recursive] [-q] <command>`: git runs the command through a shell in each submodule. */
function submoduleRuns(rest: WordValue[]): InnerRun[] {
  let i = 0;
  while (i < rest.length && rest[i]!.value.startsWith('-') && rest[i]!.value !== '--') i++;
  if (rest[i]?.value !== 'foreach') return [];
  let j = i + 1;
  while (j < rest.length && rest[j]!.value.startsWith('-') && rest[j]!.value !== '--') j++;
  if (rest[j]?.value === '--') j++;
  const words = rest.slice(j);
  if (words.length === 0) return [];
  return [{ via: 'git submodule foreach', shell: { value: words.map((w) => w.value).join(' '), dynamic: words.some((w) => w.dynamic) } }];
}

/** `git config` options that take the next word. */
const CONFIG_VALUES = new Set(['-f', '--file', '--blob', '--type', '--default', '--comment', '--value', '--url']);

/** `git config` subcommands (git 2.46+) and action options that set nothing. */
const CONFIG_READS = new Set(['get', 'list', 'unset', 'rename-section', 'remove-section', 'edit', '-l', '--list', '--get', '--get-all', '--get-regexp', '--get-urlmatch',
  '--unset', '--unset-all', '--rename-section', '--remove-section', '-e', '--edit', '--get-color', '--get-colorbool']);

/**
 * `git config core.pager 'cmd'`, `git config set alias.x '!cmd'`: a setting whose value git runs later
 * (a plain `git diff` then runs it) is decided where it is set, as with `-c`.
 */
function configWrites(rest: WordValue[]): InnerRun[] {
  const positionals: WordValue[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (CONFIG_READS.has(word.value) && positionals.length === 0) return [];
    if (word.value === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (word.value.startsWith('-') && !word.dynamic) {
      if (CONFIG_VALUES.has(word.value)) i++;
      continue;
    }
    positionals.push(word);
  }
  const [key, value] = positionals[0]?.value === 'set' ? positionals.slice(1) : positionals;
  if (!key || !value) return [];
  if (key.dynamic) return configRuns(`${key.value}=${value.value}`, true, '-c');
  // A value nomos cannot know matters only for a key whose value git runs (`git config user.email "$E"` is fine).
  const runs = configRuns(`${key.value}=${value.dynamic ? '!/' : value.value}`, false, '-c');
  return value.dynamic ? runs.map((r) => ({ via: r.via, opaque: 'git configuration that is not known statically' })) : runs;
}

function configRuns(setting: string, dynamic: boolean, option: string): InnerRun[] {
  const eq = setting.indexOf('=');
  const key = (eq < 0 ? setting : setting.slice(0, eq)).toLowerCase();
  const value = eq < 0 ? '' : setting.slice(eq + 1);
  const via = `git -c ${key}`;
  if (dynamic) return [{ via, opaque: 'git configuration that is not known statically' }];
  // --config-env takes the value from an environment variable: the command is not in the string.
  const fromEnv = option === '--config-env';
  if (SHELL_KEYS.some((k) => k.test(key))) return fromEnv ? [{ via, opaque: `${key} comes from the environment` }] : [{ via, shell: { value, dynamic: false } }];
  if (BANG_KEYS.some((k) => k.test(key))) {
    if (fromEnv) return [{ via, opaque: `${key} comes from the environment` }];
    if (value.startsWith('!')) return [{ via, shell: { value: value.slice(1), dynamic: false } }];
    return PATH_KEYS.some((k) => k.test(key)) && /^\s*[/~.]/.test(value) ? [{ via, shell: { value, dynamic: false } }] : [];
  }
  if (OPAQUE_KEYS.some((k) => k.test(key))) return [{ via, opaque: `${key} makes git run programs nomos cannot see` }];
  // Allowing a transport (ext:: runs a command) lets a remote or --remote named elsewhere run one.
  if (/^protocol\.(.+\.)?allow$/.test(key) && value.toLowerCase() !== 'never') return [{ via, opaque: `${key} lets git use transports that run commands (ext::)` }];
  return [];
}
