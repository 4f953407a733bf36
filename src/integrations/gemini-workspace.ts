import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePath } from '../action/path.js';

/**
 * Gemini CLI's workspace directories as its settings files name them: the cwd, and each of
 * `context.includeDirectories` in the system, system-defaults, user (`$GEMINI_CLI_HOME/.gemini`, else
 * ~/.gemini) and project settings. glob and read_many_files without a directory, and grep_search in
 * releases before it searched only `.`, search every one of them. Directories added with
 * `--include-directories` or `/directory add` are not in any file: nomos does not see them.
 * A settings file nomos cannot read as Gemini CLI does makes the workspace unknown (undefined).
 */
export function geminiWorkspaceDirs(cwd: string, home: string, env: NodeJS.ProcessEnv): string[] | undefined {
  const files = [
    env.GEMINI_CLI_SYSTEM_SETTINGS_PATH || '/etc/gemini-cli/settings.json',
    env.GEMINI_CLI_SYSTEM_DEFAULTS_PATH || '/etc/gemini-cli/system-defaults.json',
    join(env.GEMINI_CLI_HOME || home, '.gemini', 'settings.json'),
    join(cwd, '.gemini', 'settings.json'),
  ];
  const dirs = new Set([cwd]);
  for (const file of files) {
    if (!existsSync(file)) continue;
    let settings: unknown;
    try {
      settings = JSON.parse(stripJsonComments(readFileSync(file, 'utf8')));
    } catch {
      return undefined;
    }
    const context = isObject(settings) && isObject(settings.context) ? settings.context : {};
    const include = context.includeDirectories;
    if (include === undefined) continue;
    if (!Array.isArray(include) || include.some((d) => typeof d !== 'string')) return undefined;
    for (const dir of include as string[]) {
      const expanded = expandVariables(dir, env);
      if (expanded === undefined) return undefined;
      dirs.add(resolvePath(expanded, { cwd, home }));
    }
  }
  return [...dirs];
}

/** `$NAME` and `${NAME}` as Gemini CLI expands them in settings; a variable not set is unknown. */
function expandVariables(text: string, env: NodeJS.ProcessEnv): string | undefined {
  let unknown = false;
  const out = text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => {
    const value = env[(braced ?? bare)!];
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : out;
}

/** JSON with `//` and `/* *\/` comments (Gemini CLI reads its settings with them) as plain JSON. */
function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else out += c;
  }
  return out;
}

/** The index just past the JSON string starting at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
