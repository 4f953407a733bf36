import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePath } from '../action/path.js';

/** What nomos reads from Gemini CLI's settings files: where its searches and save_memory reach. */
export interface GeminiSettings {
  /** The workspace directories: the cwd, and each `context.includeDirectories`. */
  workspace: string[];
  /** The global memory files save_memory may write: `<GEMINI_CLI_HOME or ~>/.gemini/<each context.fileName>`. */
  memoryFiles: string[];
  /** The directory of Gemini CLI's per-project files, project memory among them (`~/.gemini/tmp`). */
  projectFiles: string;
}

/**
 * Gemini CLI's settings as its settings files give them (system, system-defaults, user in
 * `$GEMINI_CLI_HOME/.gemini`, else ~/.gemini, and project): glob and read_many_files without a
 * directory, and grep_search in releases before it searched only `.`, search every workspace
 * directory; save_memory writes the first `context.fileName` in the global directory. Directories
 * added with `--include-directories` or `/directory add` are in no file: nomos does not see them.
 * A settings file nomos cannot read as Gemini CLI does makes them unknown (undefined).
 */
export function geminiSettings(cwd: string, home: string, env: NodeJS.ProcessEnv): GeminiSettings | undefined {
  const globalDir = join(env.GEMINI_CLI_HOME || home, '.gemini');
  const files = [
    env.GEMINI_CLI_SYSTEM_SETTINGS_PATH || '/etc/gemini-cli/settings.json',
    env.GEMINI_CLI_SYSTEM_DEFAULTS_PATH || '/etc/gemini-cli/system-defaults.json',
    join(globalDir, 'settings.json'),
    join(cwd, '.gemini', 'settings.json'),
  ];
  const dirs = new Set([cwd]);
  const names = new Set(['GEMINI.md']);
  for (const file of files) {
    if (!existsSync(file)) continue;
    let settings: unknown;
    try {
      settings = JSON.parse(stripJsonComments(readFileSync(file, 'utf8')));
    } catch {
      return undefined;
    }
    const context = isObject(settings) && isObject(settings.context) ? settings.context : {};
    const include = strings(context.includeDirectories);
    const fileName = typeof context.fileName === 'string' ? [context.fileName] : strings(context.fileName);
    if (!include || !fileName) return undefined;
    for (const dir of include) {
      const expanded = expandVariables(dir, env);
      if (expanded === undefined) return undefined;
      dirs.add(resolvePath(expanded, { cwd, home }));
    }
    // Any of them may come first once the layers merge: each is decided.
    for (const name of fileName) if (name.trim()) names.add(name.trim());
  }
  return { workspace: [...dirs], memoryFiles: [...names].map((name) => join(globalDir, name)), projectFiles: join(globalDir, 'tmp') };
}

/** A list of strings; absent: none; anything else: undefined (unknown). */
function strings(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
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
