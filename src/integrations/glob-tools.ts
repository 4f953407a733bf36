import { posix } from 'node:path';
import { anyCasePattern, expandBraces } from '../action/globs.js';
import { resolvePath } from '../action/path.js';
import type { Request } from '../action/request.js';
import type { Action, AnalysisContext, FileOp, Opaque } from '../action/types.js';
import { actionsRequest, fileRequest, type Via } from './requests.js';

/** A segment with a glob character (or an escape) in it: where the pattern stops naming a fixed directory. */
const MAGIC = /[*?[\]{}()!+@\\]/;

/**
 * What an agent's glob tool reaches (Claude Code's Glob, Gemini CLI's glob, the `include_pattern`
 * of Gemini CLI's grep_search): the glob package reads the pattern from the search directory,
 * but not only below it. An absolute pattern (`/home/u/.ssh/*`), one that climbs (`../x/*`) or
 * a `{a,b}` list with either in it lists there, whatever the directory. Each pattern is decided
 * where its fixed leading part leads from each directory (`~` also as your home directory), as a
 * recursive op when it may match below that; a wildcard part with `..` in it (`*\/../../x`) or a
 * list nomos does not expand may reach any file. `dirs` are decided too (`keepDirs`) where the tool
 * searches them whatever the pattern (grep reads the directory, the pattern only filters).
 */
export function globToolRequest(op: FileOp, dirs: string[], pattern: string | undefined, ctx: AnalysisContext, via: Via, options: { keepDirs?: boolean; nocase?: boolean } = {}): Request {
  if (pattern === undefined) return withRecursive(fileRequest(op, dirs, ctx, via), op === 'read');
  const patterns = expandBraces(pattern);
  const targets = new Map<string, boolean>();
  const add = (path: string, recursive: boolean) => targets.set(path, targets.get(path) === true || recursive);
  if (options.keepDirs) for (const dir of dirs) add(resolvePath(dir, ctx), true);
  const dynamic: Action[] = [];
  for (const p of patterns ?? [pattern]) {
    const segments = p.split('/');
    const fixed = segments.findIndex((s) => MAGIC.test(s));
    const base = (fixed < 0 ? segments : segments.slice(0, fixed)).join('/') || (p.startsWith('/') ? '/' : '');
    const rest = fixed < 0 ? [] : segments.slice(fixed);
    const recursive = rest.length > 1 || rest.some((s) => s.includes('**'));
    for (const dir of dirs) {
      const from = resolvePath(dir, ctx);
      const starts = [base ? posix.resolve(from, base) : from, ...(base.startsWith('~') ? [resolvePath(base, ctx)] : [])];
      for (const start of starts) {
        add(start, recursive || op === 'read');
        // Matched in any letter case (the glob package's nocase): `/HOME/U/.SSH/*` lists ~/.ssh.
        const found = options.nocase && ctx.expandGlob ? ctx.expandGlob(anyCasePattern(start)) : [];
        for (const path of found ?? []) add(path, recursive || op === 'read');
        if (!found) dynamic.push({ kind: 'file', op, path: start, via, recursive: true, dynamic: true });
      }
      if (!patterns || rest.some((s) => s.includes('..'))) dynamic.push({ kind: 'file', op, path: from, via, recursive: true, dynamic: true });
    }
  }
  const actions: Action[] = [];
  const opaque: Opaque[] = [];
  for (const [path, recursive] of targets) {
    const request = withRecursive(fileRequest(op, [path], ctx, via), recursive);
    if (request.kind !== 'actions') return request;
    actions.push(...request.actions);
    opaque.push(...(request.opaque ?? []));
  }
  return actionsRequest(`${op} ${pattern}`, [...actions, ...dynamic], opaque);
}

/** The request with each file action made recursive (rules for paths below it apply). */
function withRecursive(request: Request, recursive: boolean): Request {
  if (!recursive || request.kind !== 'actions') return request;
  return { ...request, actions: request.actions.map((a) => (a.kind === 'file' ? { ...a, recursive: true } : a)) };
}
