import type { TreeFilter } from '../action/trees.js';
import type { FileAction } from '../action/types.js';
import type { CompiledRule } from './compile.js';
import type { MatchEnv } from './match-other.js';
import { isUnder, list, mayMatchBelow, patternMatcher } from './patterns.js';
import { candidates, type Policy } from './policy.js';
import { NO, YES } from './tristate.js';

/**
 * Which paths listed below a recursive op's directory become actions of their own
 * (src/action/trees.ts): those some rule may meet as the same op on that path, beyond the
 * rules that meet the op as a whole (a rule with no path; a glob whose fixed leading
 * directories lie below the directory). Allow rules do not count: a file listed can only make
 * the decision stricter. Rules whose globs all lie elsewhere (`~/.ssh/id_*` for a project's
 * tree) are left out first, so each file listed meets the few that may match anywhere
 * (`**` + `/.env`, a regex). No such rule: undefined, and nothing is listed. Pure.
 */
export function treeFilter(policy: Policy, env: MatchEnv): TreeFilter {
  return (op) => {
    const rules = candidates(policy, op).filter((r) => counts(r, op) && mayLieBelow(r, op.path) && r.test(op, env) !== YES);
    if (rules.length === 0) return undefined;
    const tested = rules.map((rule) => ({ rule, path: pathTest(rule) }));
    return (found) => {
      // A link's target may be anywhere: it meets the rules for its own place.
      if (!isUnder(found.path, op.path)) return candidates(policy, found).some((r) => counts(r, found) && r.test(found, env) !== NO);
      const name = found.path.slice(found.path.lastIndexOf('/') + 1);
      return tested.some((t) => (!t.path || t.path(found.path, name)) && t.rule.test(found, env) !== NO);
    };
  };
}

/**
 * What every path a rule's `path` patterns match passes, tested before the rule itself (whose
 * whole match costs more, and a project has thousands of files): a glob's last segment on the
 * path's name (`.env` for `**` + `/.env`; `**` matches any name), a regex or a glob that may hold
 * a `/` in `{…}` or `(…)` or behind a `\` on the whole path. None for a rule with `paths:` or no
 * path. Listed paths end in a name, never in `/`, `.` or `..`.
 */
function pathTest(rule: CompiledRule): ((path: string, name: string) => boolean) | undefined {
  if (!rule.paths) return undefined;
  const tests = rule.paths.map((pattern) => {
    const last = pattern.slice(pattern.lastIndexOf('/') + 1);
    if (pattern.startsWith('re:') || /[{(\\]/.test(pattern) || last === '') {
      const whole = patternMatcher(pattern);
      return (path: string) => whole(path);
    }
    const named = patternMatcher(last);
    return (_: string, name: string) => named(name);
  });
  return (path, name) => tests.some((t) => t(path, name));
}

/** A file rule that may tighten a decision on this op. */
function counts(rule: CompiledRule, action: FileAction): boolean {
  if (rule.kind !== 'file' || rule.decision === 'allow') return false;
  const ops = list(rule.spec.match.file?.op);
  return !ops || ops.includes(action.op);
}

/** Whether a rule's path globs may match a path below `dir` (a rule with `paths:` or no path: may). */
function mayLieBelow(rule: CompiledRule, dir: string): boolean {
  return !rule.paths || rule.paths.some((p) => mayMatchBelow(p, dir));
}
