// Node built-ins that cost start-up time (crypto ~3 ms, tty ~2 ms, fs/promises ~1 ms), loaded
// on first use: a plain check needs none of them (test/e2e/modules.test.ts pins this).
// A static import would load them in every call: the hot bundle hoists every import.

/** node:crypto, loaded on first use. */
export const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');

/** node:tty, loaded on first use. */
export const tty = (): typeof import('node:tty') => process.getBuiltinModule('node:tty');

/** node:fs/promises, loaded on first use. */
export const fsp = (): typeof import('node:fs/promises') => process.getBuiltinModule('node:fs/promises');

/** node:v8, loaded on first use (it pulls in the whole stream stack). */
export const v8 = (): typeof import('node:v8') => process.getBuiltinModule('node:v8');

/** node:child_process, loaded on first use (exec needs it; check does not). */
export const childProcess = (): typeof import('node:child_process') => process.getBuiltinModule('node:child_process');

/** node:net, loaded on first use (only the daemon's client and server talk over a socket). */
export const net = (): typeof import('node:net') => process.getBuiltinModule('node:net');

/** Milliseconds on the monotonic clock: the `performance` global would load perf_hooks (~2 ms). */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** node:os, loaded on first use. */
export const os = (): typeof import('node:os') => process.getBuiltinModule('node:os');

/** The home directory as os.homedir() gives it: $HOME when set (no module to load), else the user database. */
export const homeDir = (): string => process.env.HOME || os().homedir();

/** The temp directory as os.tmpdir() gives it on POSIX: $TMPDIR, $TMP, $TEMP or /tmp, without a trailing slash. */
export function tempDir(): string {
  if (process.platform === 'win32') return os().tmpdir();
  const path = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
