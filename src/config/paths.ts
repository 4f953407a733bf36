import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homeDir, tempDir } from '../builtins.js';

/** The installed package's root (holds `rules/`), from the bundle or the sources. */
export function packageRoot(): string {
  // The hot path's CommonJS bundle has its own file name at hand: no URL to make and parse.
  let dir = dirname(typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url));
  // dist/cli.js and src/config/paths.ts both sit below the root.
  while (!dir.endsWith('/dist') && !dir.endsWith('/src') && dir !== '/') dir = dirname(dir);
  return dirname(dir);
}

/** Directory of the shipped rule packs. */
export function shippedRulesDir(): string {
  return join(packageRoot(), 'rules');
}

/** Private per-user state directory (sessions, pending approvals): `$NOMOS_STATE_DIR` or `$TMPDIR/nomos-<uid>`. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NOMOS_STATE_DIR || join(tempDir(), `nomos-${process.getuid?.() ?? 'user'}`);
}

/** The audit log: `$NOMOS_AUDIT_LOG`, else `$XDG_STATE_HOME/nomos/audit.jsonl`. */
export function auditLogPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NOMOS_AUDIT_LOG) return env.NOMOS_AUDIT_LOG;
  const stateHome = env.XDG_STATE_HOME || join(env.HOME || homeDir(), '.local', 'state');
  return join(stateHome, 'nomos', 'audit.jsonl');
}

/** The user's config directory: `$XDG_CONFIG_HOME/nomos`. */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homeDir(), '.config'), 'nomos');
}

/** The real path (symlinks resolved), or the path as given when it cannot be resolved. */
export function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The directory a project config governs: its own, or the one above `.config/`. */
export function projectRootOf(config: string): string {
  const dir = dirname(config);
  return basename(dir) === '.config' ? dirname(dir) : dir;
}
