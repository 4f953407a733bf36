import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { runsNomos } from './agents.js';

/**
 * Why Gemini CLI may never run the nomos hook a project's `.gemini/settings.json` holds: it loads
 * project settings, and runs project hooks, only in a folder it trusts. Folder trust is on unless
 * the user settings turn it off (`security.folderTrust.enabled`, on by default in current releases);
 * trust is the longest matching rule of `~/.gemini/trustedFolders.json` (TRUST_PARENT counting for
 * the rule's parent), as Gemini CLI's trustedFolders.ts reads it. Undefined: nothing to warn about.
 */
export function geminiTrustGap(cwd: string, home: string, env: NodeJS.ProcessEnv): string | undefined {
  const project = join(cwd, '.gemini', 'settings.json');
  const userDir = join(env.GEMINI_CLI_HOME || home, '.gemini');
  const user = readJson(join(userDir, 'settings.json'));
  if (!runsNomos(readJson(project)) || runsNomos(user)) return undefined;
  const security = isObject(user) && isObject(user.security) ? user.security : {};
  if (isObject(security.folderTrust) && security.folderTrust.enabled === false) return undefined;
  const trust = trustOf(realPath(cwd), readJson(env.GEMINI_CLI_TRUSTED_FOLDERS_PATH || join(userDir, 'trustedFolders.json')));
  if (trust === true) return undefined;
  const state = trust === false ? 'is marked "Don\'t trust"' : 'is not trusted yet (Gemini CLI asks when it starts there; "Don\'t trust" leaves every tool unchecked)';
  return `${project} runs nomos hook gemini-cli, but Gemini CLI runs a project's hooks only in a folder it trusts, and ${cwd} ${state}`;
}

/** The trust of `dir` by the longest matching rule: true, false (DO_NOT_TRUST), or undefined (no rule). */
function trustOf(dir: string, rules: unknown): boolean | undefined {
  if (!isObject(rules)) return undefined;
  let best = -1;
  let level: unknown;
  for (const [rule, value] of Object.entries(rules)) {
    const root = realPath(value === 'TRUST_PARENT' ? dirname(rule) : rule);
    const rel = relative(root, dir);
    if ((rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) && rule.length > best) {
      best = rule.length;
      level = value;
    }
  }
  return level === 'DO_NOT_TRUST' ? false : level === 'TRUST_FOLDER' || level === 'TRUST_PARENT' ? true : undefined;
}

function readJson(path: string): unknown {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8').replace(/^\s*\/\/.*$/gm, '')) : undefined;
  } catch {
    return undefined;
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
