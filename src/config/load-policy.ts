import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { ConfigError } from '../errors.js';
import { compileRules, type CompileContext } from '../policy/compile.js';
import type { Decision } from '../policy/decision.js';
import { parseRuleFile, type ParsedRuleFile } from '../policy/load.js';
import { buildPolicy, type Policy } from '../policy/policy.js';
import { findProjectConfig } from './search.js';
import { shippedRulesDir } from './paths.js';

/** Where the policy comes from. */
export interface PolicyOptions {
  cwd: string;
  home: string;
  /** Extra rule files (`--rules`), loaded last. */
  rules?: string[];
  /** Leave out the shipped packs (`--no-builtin`). */
  builtin?: boolean;
  /** Skip the project config search (tests). */
  config?: boolean;
}

/** Reads a rule file; an unreadable file is a config error, never an empty policy. */
export function readRuleFile(path: string): ParsedRuleFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError([{ file: path, code: 'nomos.rules.unreadable', message: `cannot read rule file: ${(cause as Error).message}` }], { cause });
  }
  return parseRuleFile(text, path);
}

/** Shipped packs (`rules/*.yaml`, sorted), then project config and its includes, then `--rules`. */
export async function loadPolicy(options: PolicyOptions): Promise<Policy> {
  const files: ParsedRuleFile[] = [];
  if (options.builtin !== false) {
    const dir = shippedRulesDir();
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) files.push(readRuleFile(join(dir, name)));
  }
  if (options.config !== false) {
    const found = await findProjectConfig(options.cwd);
    if (found) files.push(...withIncludes(found));
  }
  for (const path of options.rules ?? []) files.push(...withIncludes(readRuleFile(resolve(options.cwd, path))));
  const ctx: CompileContext = { home: options.home, workspace: options.cwd };
  const disabled = files.flatMap((f) => f.spec.disable ?? []).map((g) => picomatch(g));
  const rules = compileRules(files, ctx).filter((r) => !disabled.some((m) => m(r.id)));
  checkUniqueIds(rules.map((r) => ({ id: r.id, ...r.source })));
  let fallback: Decision = 'ask';
  let opaque: Decision = 'ask';
  for (const f of files) {
    fallback = f.spec.default ?? fallback;
    opaque = f.spec.opaque ?? opaque;
  }
  return buildPolicy(rules, { default: fallback, opaque, sources: files.map((f) => f.file) });
}

function withIncludes(file: ParsedRuleFile, seen = new Set<string>()): ParsedRuleFile[] {
  if (seen.has(file.file)) return [];
  seen.add(file.file);
  const included = (file.spec.include ?? []).map((p) => readRuleFile(resolve(dirname(file.file), p)));
  return [file, ...included.flatMap((f) => withIncludes(f, seen))];
}

function checkUniqueIds(rules: { id: string; file: string; line: number; col: number }[]): void {
  const seen = new Map<string, string>();
  const problems = [];
  for (const r of rules) {
    const first = seen.get(r.id);
    if (first) problems.push({ file: r.file, line: r.line, col: r.col, code: 'nomos.rules.duplicate-id', message: `rule id "${r.id}" is already defined at ${first}; disable the earlier one or rename this one` });
    else seen.set(r.id, `${r.file}:${r.line}`);
  }
  if (problems.length) throw new ConfigError(problems);
}
