import { processBinding, type ProcessBinding } from '../bindings.js';
import { childProcess, os } from '../builtins.js';

/** A started child: its pid, and a way to signal it until it has ended. */
export interface Child {
  pid: number | undefined;
  kill(signal: NodeJS.Signals): void;
}

export interface ChildEvents {
  /** The child ended: its exit code, or the signal that ended it. */
  exit(code: number | null, signal: NodeJS.Signals | null): void;
  /** It could not be started (error.code ENOENT, EACCES …); called after start() returns. */
  error(error: NodeJS.ErrnoException): void;
}

/**
 * Starts `file` with `argv` (argv[0] included: the name the program sees), inheriting stdin,
 * stdout and stderr, as child_process.spawn does with stdio 'inherit' (a `file` without a
 * slash looked up on `env`'s PATH), through process_wrap when that can be had
 * (src/bindings.ts). Throws where spawn throws (a NUL byte in an argument, a bad cwd type).
 */
export function startChild(file: string, argv: readonly string[], options: { cwd: string; env: Record<string, string | undefined> }, on: ChildEvents): Child {
  const binding = hasNul(file, argv, options.env) ? undefined : processBinding();
  if (binding) return startWrapped(binding, file, argv, options, on);
  const child = childProcess().spawn(file, argv.slice(1), { argv0: argv[0], cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: 'inherit' });
  child.once('error', on.error);
  child.once('exit', on.exit);
  return { get pid() { return child.pid; }, kill: (signal) => void child.kill(signal) };
}

/** What child_process does for spawn(file, args, { argv0, stdio: 'inherit' }) on POSIX, without its stream stack. */
function startWrapped(binding: ProcessBinding, file: string, argv: readonly string[], options: { cwd: string; env: Record<string, string | undefined> }, on: ChildEvents): Child {
  const handle = new binding.Process();
  let ended = false;
  handle.onexit = (exitCode, signalCode) => {
    ended = true;
    handle.close();
    if (signalCode) on.exit(null, signalCode as NodeJS.Signals);
    else on.exit(exitCode, null);
  };
  const envPairs: string[] = [];
  for (const key of Object.keys(options.env)) if (options.env[key] !== undefined) envPairs.push(`${key}=${options.env[key]}`);
  const errno = handle.spawn({
    file, args: [...argv], cwd: options.cwd, envPairs, detached: false, windowsHide: false, windowsVerbatimArguments: false,
    stdio: [{ type: 'inherit', fd: 0 }, { type: 'inherit', fd: 1 }, { type: 'inherit', fd: 2 }],
  });
  if (errno !== 0) {
    ended = true;
    handle.close();
    const code = errnoName(errno);
    const error: NodeJS.ErrnoException = Object.assign(new Error(`spawn ${file} ${code}`), { errno, code, syscall: `spawn ${file}`, path: file });
    queueMicrotask(() => on.error(error));
    return { pid: undefined, kill() {} };
  }
  return {
    pid: handle.pid,
    kill(signal) {
      if (!ended) handle.kill(os().constants.signals[signal]);
    },
  };
}

/** ENOENT for -2, as child_process names a spawn error. */
function errnoName(errno: number): string {
  const names = os().constants.errno as Record<string, number>;
  for (const name in names) if (names[name] === -errno) return name;
  return `E${-errno}`;
}

/** A NUL byte: child_process refuses it with its own error; the binding would cut the string there. */
function hasNul(file: string, args: readonly string[], env: Record<string, string | undefined>): boolean {
  if (file.includes('\0') || args.some((a) => a.includes('\0'))) return true;
  return Object.keys(env).some((key) => key.includes('\0') || env[key]?.includes('\0'));
}
