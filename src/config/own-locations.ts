import { existsSync, statSync } from 'node:fs';
import { passwdUser } from '../passwd.js';
import { isUnder } from '../policy/patterns.js';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { realPathOr } from './paths.js';

/**
 * The variables that say where nomos reads its own policy, keys, grants, caches and audit log
 * from: the user layer and trust store (XDG_CONFIG_HOME, HOME), the state directory with its
 * sessions, grants, compiled-policy cache and daemon socket (NOMOS_STATE_DIR, TMPDIR/TMP/TEMP),
 * the audit log and its key (XDG_STATE_HOME, NOMOS_AUDIT_LOG, NOMOS_AUDIT_KEY_FILE), and what
 * `~` in every rule means (HOME), and where Gemini CLI's user settings are read (GEMINI_CLI_HOME:
 * Gemini CLI loaded its own before it read a project's `.env`, so nomos would read other ones).
 */
export const LOCATION_VARIABLES = ['XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'NOMOS_STATE_DIR', 'NOMOS_AUDIT_LOG', 'NOMOS_AUDIT_KEY_FILE', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'GEMINI_CLI_HOME'] as const;

/** What marks a directory above the cwd as a project an agent's settings come from. */
const PROJECT_MARKERS = ['.git', '.hg', '.claude', '.gemini', '.env'];

/**
 * Refuses (exit 78) a location variable that a project could have chosen for an agent's nomos:
 * Claude Code applies a project's `.claude/settings.json` `env`, Gemini CLI a project's `.env`,
 * and their hooks (and MCP servers) inherit it. A location that is relative, lies inside the
 * workspace (a cwd, or a project directory above it), or is owned by another user would let
 * a repository hand nomos its own policy (`default: allow`), a poisoned policy cache, grants or
 * a fake home. The user's own set-up (outside any project) is unaffected.
 */
export function assertOwnLocations(env: NodeJS.ProcessEnv, cwds: string[]): void {
  // The hook's cwd and the process's are most often one: each directory is looked at once.
  const roots = [...new Set([...new Set(cwds.map((cwd) => resolve(cwd)))].flatMap((cwd) => workspaceRoots(cwd)))];
  // Each root as written and resolved, once for every variable.
  const both = roots.map((root) => ({ root, real: realPathOr(root) }));
  const problems: ConfigProblem[] = [];
  for (const name of LOCATION_VARIABLES) {
    const value = env[name];
    if (!value) continue; // unset or empty: nomos uses its default there
    const why = refusal(value, both);
    if (why) problems.push({ file: name, code: 'nomos.env.project-location', message: `${JSON.stringify(value)} ${why}; a project's settings can set an agent's environment (.claude/settings.json "env", .env), so nomos takes no policy, key or state from there: unset ${name} or point it at a place of yours outside every project` });
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * The environment a front end an agent starts (`nomos hook`, `nomos mcp`) decides with: its
 * locations checked (above), and without NOMOS_SESSION, which would let a project's settings
 * name a session whose grants then apply (the session is the agent's own id, `--session`, or
 * the calling process).
 */
export function agentEnvironment(env: NodeJS.ProcessEnv, cwds: string[]): NodeJS.ProcessEnv {
  assertOwnLocations(env, cwds);
  const { NOMOS_SESSION: _unread, ...rest } = env;
  return rest;
}

/** Why a location is refused, or undefined. */
function refusal(path: string, roots: { root: string; real: string }[]): string | undefined {
  if (!path.startsWith('/')) return 'is a relative path (read from wherever the agent runs)';
  const places = [resolve(path), realOf(path)];
  const inside = roots.find((r) => places.some((p) => isUnder(p, r.root) || isUnder(p, r.real)));
  if (inside !== undefined) return `lies inside the workspace ${inside.root}`;
  const owner = ownerOf(path);
  const uid = process.getuid?.();
  if (owner !== undefined && uid !== undefined && owner !== uid && owner !== 0) return `is owned by uid ${owner}, not you (uid ${uid})`;
  return undefined;
}

/**
 * The directories the agent's project may control: the cwd, and each directory above it that
 * holds a repository or an agent's project settings. Never `/`, your home directory (from the
 * password database, not $HOME) or a directory above it: your ~/.claude, ~/.gemini and ~/.env
 * are yours, and every location of yours lies below them.
 */
export function workspaceRoots(cwd: string, home = passwdUser().home): string[] {
  const mine = (dir: string) => dir === '/' || (home !== undefined && (dir === home || home.startsWith(`${dir}/`)));
  const roots: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (!mine(dir) && (dir === cwd || PROJECT_MARKERS.some((m) => existsSync(join(dir, m))))) roots.push(dir);
    if (dirname(dir) === dir) return roots;
  }
}

/** The real path of the nearest existing directory above (or at) `path`, with the rest appended. */
function realOf(path: string): string {
  const rest: string[] = [];
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) {
    rest.unshift(basename(dir));
    dir = dirname(dir);
  }
  return join(realPathOr(dir), ...rest);
}

/** The owner of `path`, or of the nearest existing directory above it (which decides who can make it). */
function ownerOf(path: string): number | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      return statSync(dir).uid;
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}
