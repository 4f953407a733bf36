import type { ParsedRuleFile } from '../compile.js';
import { stricter } from '../decision.js';
import { splitCommand } from '../match-exec.js';
import { list } from '../patterns.js';
import type { Locate } from '../load.js';
import type { BaseMatchSpec, RuleSpec } from '../schema.js';
import type { Finding } from '../check-rules.js';

/**
 * Programs that run other programs or code: allowing them with open arguments allows anything.
 * Not here: wrappers that only run the command in their words (`env`, `xargs`, `timeout`, `nice`,
 * `time`, `stdbuf`, `command`, `builtin`), which nomos decides as an action of its own (the
 * shipped `base.wrappers` allows them), or opaque where it cannot know it: allowing them allows
 * no command. `sudo` stays: it runs the command as another user.
 */
const RUNNERS = new Set(['bash', 'sh', 'zsh', 'dash', 'fish', 'eval', 'exec', 'source', '.', 'sudo', 'doas', 'parallel', 'find',
  'python', 'python3', 'node', 'perl', 'ruby', 'php', 'deno', 'bun', 'npx', 'ssh', 'watch', 'nohup', 'make', 'awk', 'fd', 'fdfind']);

/** Runners whose running is one of a few options: an allow whose `not: flags` names them all runs nothing. */
const FD_RUNNING = ['-x', '--exec', '-X', '--exec-batch', '-l', '--list-details'];
const RUNNING_OPTIONS: Record<string, string[]> = { find: ['-exec', '-execdir', '-ok', '-okdir'], fd: FD_RUNNING, fdfind: FD_RUNNING };

const EXEC_KEYS = ['command', 'argv', 'flags', 'args', 'expands', 'paths'] as const;

/** Rules that can never fire: mixed action kinds, or a `not` that repeats the match. */
export function contradictions(rule: RuleSpec): string | undefined {
  const m = rule.match;
  const kinds = [EXEC_KEYS.some((k) => m[k] !== undefined), m.file !== undefined, m.http !== undefined, m.mcp !== undefined].filter(Boolean).length;
  if (kinds > 1) return 'match mixes exec keys, file:, http: and mcp:, but an action has one kind, so nothing matches';
  if (m.not && Object.keys(m.not).length > 0 && Object.entries(m.not).every(([k, v]) => JSON.stringify(m[k as keyof BaseMatchSpec]) === JSON.stringify(v))) {
    return 'not: repeats the match itself, so nothing matches';
  }
  return undefined;
}

/** An allow that admits any program, or a program that runs arbitrary code. */
export function riskyAllow(rule: RuleSpec): string | undefined {
  if (rule.decision !== 'allow') return undefined;
  const m = rule.match;
  if (m.mcp) return anyServer(m.mcp.server) ? 'allow of MCP tools of any server: a server added or renamed later is allowed too; name the server' : undefined;
  if (m.file || m.http) return undefined;
  const commands = list(m.command);
  if (!commands) return 'allow without command: admits every program';
  const excluded = list(m.not?.flags) ?? [];
  const runsNothing = (p: string) => Object.hasOwn(RUNNING_OPTIONS, p) && RUNNING_OPTIONS[p]!.every((o) => excluded.includes(o));
  const runner = commands.map((c) => splitCommand(c)[0]!).find((p) => RUNNERS.has(p) && !runsNothing(p));
  if (runner) return `allow of ${runner}, which runs other programs or code: nomos can only see what it runs when it can parse it`;
  const open = list(m.args)?.some((a) => /^\*+$/.test(a)) || m.argv?.some((a) => a === '**');
  if (open && commands.some((c) => ['cd', 'git', 'npm', 'cargo', 'go', 'docker', 'kubectl'].includes(splitCommand(c)[0]!) && splitCommand(c).length === 1)) {
    return 'allow with open arguments on a program whose arguments choose what it does (subcommands, hooks, scripts)';
  }
  return undefined;
}

/** Whether server patterns admit every server: none given, or one that is only `*`s. */
function anyServer(server: string | string[] | undefined): boolean {
  const patterns = list(server);
  return !patterns || patterns.some((p) => /^\*+$/.test(p));
}

/** True when rule `a` matches everything rule `b` matches (a conservative syntactic test). */
function covers(a: RuleSpec, b: RuleSpec): boolean {
  if (a.when || a.match.not) return false;
  const am = a.match as Record<string, unknown>;
  const bm = b.match as Record<string, unknown>;
  return Object.keys(am).every((key) => {
    if (bm[key] === undefined) return false;
    if (key === 'command') return list(b.match.command)!.every((bc) => list(a.match.command)!.some((ac) => isPrefix(splitCommand(ac), splitCommand(bc))));
    const want = list(am[key] as string | string[]);
    const got = list(bm[key] as string | string[]);
    if (typeof am[key] === 'object' && !Array.isArray(am[key])) return JSON.stringify(am[key]) === JSON.stringify(bm[key]);
    return got!.every((g) => want!.includes(g));
  });
}

const isPrefix = (prefix: string[], words: string[]) => prefix.length <= words.length && prefix.every((w, i) => words[i] === w);

/** Rules shadowed by an earlier-or-later stricter rule that matches everything they match. */
export function shadowed(files: { parsed: ParsedRuleFile; locate: Locate }[]): Finding[] {
  const all = files.flatMap((f) => f.parsed.spec.rules.map((rule, i) => ({ rule, i, f })));
  const out: Finding[] = [];
  for (const b of all) {
    const a = all.find((x) => x !== b && stricter(x.rule.decision, b.rule.decision) !== b.rule.decision && covers(x.rule, b.rule));
    if (!a) continue;
    out.push({ file: b.f.parsed.file, ...b.f.locate(['rules', b.i]), code: 'nomos.rules.shadowed', rule: b.rule.id,
      message: `rule ${b.rule.id} (${b.rule.decision}) never decides: ${a.rule.id} (${a.rule.decision}) at ${a.f.parsed.file}:${a.f.locate(['rules', a.i]).line} matches everything it matches and is stricter` });
  }
  return out;
}
