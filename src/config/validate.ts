import { ConfigError } from '../errors.js';
import { checkRules, type Finding } from '../policy/check-rules.js';
import type { ParsedRuleFile } from '../policy/compile.js';
import { EXAMPLE_WORLD, type Analyze } from '../policy/examples.js';
import { readRuleText as parseText, type Locate } from '../policy/load.js';
import { includedTexts } from './layers.js';
import { engineFor, type PolicyOptions } from './load-policy.js';
import type { RuleText } from './policy-cache.js';

/** A parsed file with the means to point into it, and the text it was parsed from. */
export interface ReadFile {
  parsed: ParsedRuleFile;
  locate: Locate;
  text: RuleText;
}

/** Parses every file and its includes (once each), collecting every problem. */
export function parseTexts(texts: RuleText[]): { files: ReadFile[]; findings: Finding[] } {
  const files: ReadFile[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const visit = (t: RuleText) => {
    if (seen.has(t.file)) return;
    seen.add(t.file);
    const read = parseText(t.text, t.file);
    findings.push(...read.problems);
    if (!read.parsed) return;
    files.push({ parsed: { ...read.parsed, layer: t.layer }, locate: read.locate, text: t });
    try {
      for (const inc of includedTexts(t, read.parsed.spec.include ?? [])) visit(inc);
    } catch (error) {
      if (error instanceof ConfigError) findings.push(...error.problems);
      else throw error;
    }
  };
  for (const t of texts) visit(t);
  return { files, findings };
}

/**
 * The slow path, taken when the rule files changed: YAML, schema, CEL types, patterns and
 * every rule's examples. Any problem is fatal (exit 78): a policy that does not load never decides.
 */
export async function validateTexts(texts: RuleText[], options: PolicyOptions, check: { examples?: boolean } = {}): Promise<ParsedRuleFile[]> {
  return (await validateWithIncludes(texts, options, check)).files;
}

/** The same, with the texts of the files the given ones include (read while parsing), in parse order. */
export async function validateWithIncludes(texts: RuleText[], options: PolicyOptions, check: { examples?: boolean } = {}): Promise<{ files: ParsedRuleFile[]; includes: RuleText[] }> {
  const { files, findings } = parseTexts(texts);
  if (findings.length) throw new ConfigError(findings);
  const { conditions } = await engineFor(files.map((f) => f.parsed));
  const analyze = await (options.analyze ?? defaultAnalyze)();
  for (const f of files) {
    findings.push(...checkRules(f.parsed, f.locate, { home: EXAMPLE_WORLD.home, workspace: EXAMPLE_WORLD.workspace, places: EXAMPLE_WORLD.places, ...(conditions ? { conditions } : {}), analyze, ...check }).findings);
  }
  if (findings.length) throw new ConfigError(findings);
  return { files: files.map((f) => f.parsed), includes: includesOf(files, texts) };
}

/** The texts parsing read through `include:` (the files not among the given ones). */
export function includesOf(files: ReadFile[], texts: RuleText[]): RuleText[] {
  const given = new Set(texts.map((t) => t.file));
  return files.flatMap((f) => (given.has(f.text.file) ? [] : [f.text]));
}

/** The real shell analysis in the examples' fixed world. */
export async function defaultAnalyze(): Promise<Analyze> {
  const [{ loadShellParser }, { analyzeShell }] = await Promise.all([import('../action/shell/parser.js'), import('../action/shell/analyze.js')]);
  const parser = await loadShellParser();
  return (command) => analyzeShell(command, parser.parse, EXAMPLE_WORLD);
}
