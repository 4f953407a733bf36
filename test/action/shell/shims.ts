import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Programs whose shim runs the command found in its arguments, through the shims again. */
export const WRAPPER_SHIMS = ['sudo', 'doas', 'env', 'nice', 'nohup', 'timeout', 'stdbuf', 'setsid', 'chroot', 'ionice', 'flock', 'su', 'watch', 'ssh', 'xargs', 'parallel', 'busybox', 'unbuffer', 'taskset'];

/** Shells: their shim runs the real bash, restricted, so that `bash -c '…'` is followed. */
export const SHELL_SHIMS = ['bash', 'sh', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'rbash'];

/** A temporary world where bash can only ever run recording shims. */
export interface ShimWorld {
  root: string;
  shims: string;
  work: string;
  log: string;
  bash: string;
}

/**
 * Writes one recording shim per name. Safety, since tests run as whatever user runs them:
 * PATH holds only the shim dir; every bash runs restricted (`-r`: no `/` in command names,
 * no `cd`, no output redirections, PATH read-only); wrapper shims look inner commands up in
 * the shim dir by name only, so no real program other than bash itself can ever start.
 */
export function makeShimWorld(names: Iterable<string>): ShimWorld {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-diff-')));
  const world = { root, shims: join(root, 'shims'), work: join(root, 'work'), log: join(root, 'log'), bash: realBash() };
  mkdirSync(world.shims);
  mkdirSync(world.work);
  for (const name of new Set([...names, ...WRAPPER_SHIMS, ...SHELL_SHIMS])) {
    if (!/^[A-Za-z0-9._+-]+$/.test(name) || name === '.' || name === '..') continue;
    const path = join(world.shims, name);
    writeFileSync(path, shimScript(name, world));
    chmodSync(path, 0o755);
  }
  return world;
}

/** Names of the commands installed on this machine: the universe a case's words are shimmed from. */
export function installedCommands(): Set<string> {
  return new Set(execFileSync('bash', ['-c', 'compgen -c'], { encoding: 'utf8', maxBuffer: 1 << 24 }).split('\n').filter(Boolean));
}

function realBash(): string {
  return execFileSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
}

function shimScript(name: string, world: ShimWorld): string {
  // Each line is tagged with the run it belongs to: a straggler from an earlier case cannot blur the next.
  const head = `#!${world.bash}\nprintf '%s %s\\n' "$NOMOS_DIFF_RUN" ${quote(name)} >> ${quote(world.log)}\nS=${quote(world.shims)}\n`;
  // --noprofile --norc: a login shell (`bash -lc`) would otherwise run the machine's profile.
  if (SHELL_SHIMS.includes(name)) return `${head}exec ${quote(world.bash)} --noprofile --norc -r "$@"\n`;
  if (name === 'find') return head + FIND_BODY;
  // `sudo -l rm` only lists and `sudo -e f` edits: the sudo shim runs nothing then, as sudo would (`sudo -k rm` runs rm).
  if (name === 'sudo') return `${head}for a; do case $a in -l|-v|-K|-V|-e|--list|--validate|--version|--edit) exit 0;; esac; done\n${WRAPPER_BODY.replaceAll('BASH', quote(world.bash))}`;
  if (WRAPPER_SHIMS.includes(name)) return head + WRAPPER_BODY.replaceAll('BASH', quote(world.bash));
  return `${head}exit 0\n`;
}

/**
 * Runs the first argument that names a shim (with the rest), or a shell string argument; a path
 * is the command itself (by its basename), as for a real wrapper. Options are skipped, so an
 * option's value is taken for the command only if it names a program: that can only run more.
 */
const WRAPPER_BODY = `while [ $# -gt 0 ]; do
  a=$1; shift
  case $a in -*|*=*) continue;; esac
  case $a in */*) b=\${a##*/}; [ -f "$S/$b" ] && exec "$S/$b" "$@"; exit 0;; esac
  case $a in *[[:space:]\\;\\|\\&]*) exec BASH --noprofile --norc -r -c "$a";; esac
  [ -f "$S/$a" ] && exec "$S/$a" "$@"
done
exit 0
`;

/** Runs each -exec/-execdir/-ok/-okdir command once, with {} as a dummy path; never deletes. */
const FIND_BODY = `while [ $# -gt 0 ]; do
  a=$1; shift
  case $a in -exec|-execdir|-ok|-okdir)
    cmd=(); while [ $# -gt 0 ] && [ "$1" != ';' ] && [ "$1" != '+' ]; do cmd+=("\${1//\\{\\}/x}"); shift; done
    c=\${cmd[0]##*/}; [ -n "$c" ] && [ -f "$S/$c" ] && "$S/$c" "\${cmd[@]:1}";;
  esac
done
exit 0
`;

function quote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}
