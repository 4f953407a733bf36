import { resolvePath } from '../path.js';
import type { Action, AnalysisContext, ExecAction, FileOp } from '../types.js';
import { httpFromCurl, httpFromWget } from './http-clients.js';

/** Programs whose positional arguments are all paths touched with one operation. */
const PATH_PROGRAMS: Record<string, FileOp> = {
  rm: 'delete', rmdir: 'delete', unlink: 'delete', shred: 'delete',
  cat: 'read', head: 'read', tail: 'read', less: 'read', more: 'read', nl: 'read', wc: 'read', base64: 'read',
  touch: 'write', truncate: 'write', tee: 'write', mkdir: 'write',
  ls: 'list',
};

/** Options of those programs that take a value, so the value is not mistaken for a path. */
const VALUE_OPTIONS: Record<string, string[]> = {
  head: ['-n', '-c'], tail: ['-n', '-c'], truncate: ['-s', '-r'], shred: ['-n', '-s'], mkdir: ['-m'],
};

/** File and HTTP actions implied by a known program's arguments. */
export function analyzeProgram(action: ExecAction, ctx: AnalysisContext): Action[] {
  const cwdCtx = { ...ctx, cwd: action.cwd ?? ctx.cwd };
  const op = PATH_PROGRAMS[action.program];
  if (op) return positionals(action, VALUE_OPTIONS[action.program] ?? []).map((p) => file(op, p, action, cwdCtx));
  switch (action.program) {
    case 'cp':
    case 'mv':
      return copyOrMove(action, cwdCtx);
    case 'chmod':
    case 'chown':
      return positionals(action, []).slice(1).map((p) => file('chmod', p, action, cwdCtx));
    case 'curl':
      return httpFromCurl(action);
    case 'wget':
      return httpFromWget(action);
    default:
      return [];
  }
}

/** Positional words after the program, skipping option values. */
export function positionals(action: ExecAction, valueOptions: string[]): string[] {
  const out: string[] = [];
  const argv = action.argv.slice(1);
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (options && word === '--') options = false;
    else if (options && word.startsWith('-') && word.length > 1) {
      if (valueOptions.includes(word)) i++;
    } else out.push(word);
  }
  return out;
}

function file(op: FileOp, path: string, action: ExecAction, ctx: AnalysisContext, target?: string): Action {
  const resolved = resolvePath(path, ctx);
  const dynamic = action.dynamic?.some((i) => action.argv[i] === path);
  return {
    kind: 'file', op, path: resolved, via: [...action.via, action.program],
    ...(target !== undefined ? { target: resolvePath(target, ctx) } : {}),
    ...(dynamic ? { dynamic: true } : {}),
  };
}

function copyOrMove(action: ExecAction, ctx: AnalysisContext): Action[] {
  const paths = positionals(action, ['-t', '--target-directory', '-S', '--suffix']);
  if (paths.length < 2) return [];
  const target = paths[paths.length - 1]!;
  const op: FileOp = action.program === 'cp' ? 'copy' : 'move';
  return paths.slice(0, -1).flatMap((src) => [
    file(op, src, action, ctx, target),
    file(op === 'copy' ? 'read' : 'delete', src, action, ctx),
    file('write', target, action, ctx),
  ]);
}
