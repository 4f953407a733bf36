import { basename, dirname } from 'node:path';
import picomatch from 'picomatch';
import type { Analysis } from '../action/types.js';
import { policyDigest } from '../audit/record.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { compileRule, compileRules, type CompileOptions, type CompiledRule, type ParsedRuleFile } from '../policy/compile.js';
import { needsConditions } from '../policy/check-rules.js';
import type { ConditionEngine } from '../policy/conditions.js';
import type { NomosPlaces } from '../policy/patterns.js';
import { buildPolicy, type DisabledRule, type Policy } from '../policy/policy.js';
import { extraTexts, projectTexts, shippedTexts, userTexts } from './layers.js';
import { auditLogPath, packageRoot, projectRootOf, realPathOr, stateDir, userConfigDir } from './paths.js';
import { bytesOf, readPolicyCache, writePolicyCache, type RuleText } from './policy-cache.js';
import { PROFILES, type Profile } from './profiles.js';
import { isLayerOf, projectLayer, readTrustStore, trustedAbove, trustedIn, type TrustEntry } from './trust.js';
import { profileOf, settingsOf, tightenOnly } from '../policy/untrusted.js';
import { readRegular } from '../regular-file.js';

/** Where the policy comes from. */
export interface PolicyOptions {
  cwd: string;
  home: string;
  /** Extra rule files (`--rules`), loaded last. */
  rules?: string[];
  /** Leave out the shipped packs (`--no-builtin`). */
  builtin?: boolean;
  /** Skip the user and project config search (tests). */
  config?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Shell analysis for checking examples (in EXAMPLE_WORLD) when the sources changed; loaded on demand otherwise. */
  analyze?: () => Promise<(command: string) => Analysis>;
}

/** The rule files of every layer, in order: shipped packs, user config, project config, `--rules`. */
export async function gatherTexts(options: PolicyOptions): Promise<RuleText[]> {
  const env = options.env ?? process.env;
  const texts = options.builtin !== false ? shippedTexts() : [];
  if (options.config !== false) texts.push(...userTexts(env), ...(await projectTexts(options.cwd, stateDir(env))));
  texts.push(...extraTexts(options.rules ?? [], options.cwd));
  return texts;
}

/**
 * The policies this process assembled, by everything they were made from: a process that
 * decides many calls (the daemon) assembles one again only when its rule files or places
 * changed. A process that decides one call never finds one here.
 */
const assembled: Array<{ key: string; texts: RuleText[]; files: ParsedRuleFile[]; includes: RuleText[]; trusted: boolean; policy: Policy }> = [];
const ASSEMBLED_KEPT = 4;

/**
 * Loads the effective policy, from the compiled-policy cache when the rule files are unchanged.
 * Under a project config that is not trusted, the nearest trusted config above it (or beside
 * it) counts too, as the `parent` layer: a config a checkout brings into a subdirectory would
 * otherwise replace a trusted one and drop its deny rules.
 */
export async function loadPolicy(options: PolicyOptions): Promise<Policy> {
  const texts = await gatherTexts(options);
  const env = options.env ?? process.env;
  const places = { state: stateDir(env), config: userConfigDir(env), auditLog: auditLogPath(env), install: packageRoot() };
  // The trust store, read at most once per call, and only where there is a project layer.
  let store: Promise<TrustEntry[]> | undefined;
  const entries = () => (store ??= readTrustStore(places.config));
  const nearest = await policyOf(texts, options, places, entries);
  if (nearest.trusted) return nearest.policy;
  const parent = await trustedParent(await entries(), texts);
  if (!parent) return nearest.policy;
  const at = texts.findIndex((t) => t.layer === 'project');
  const withParent = [...texts.slice(0, at), parent.text, ...texts.slice(at)];
  const both = await policyOf(withParent, options, places, entries);
  // Its includes were read again when parsed: the layer must still be what was trusted.
  return isLayerOf(parent.entry, projectLayer(both.files, [...withParent, ...both.includes], PARENT_LAYER)) ? both.policy : nearest.policy;
}

/** The layer of a trusted project config above an untrusted nearer one. */
const PARENT_LAYER = 'parent';

/** The nearest trusted config above (or beside) the untrusted project config, as it was trusted; none is usual. */
async function trustedParent(entries: TrustEntry[], texts: RuleText[]): Promise<{ text: RuleText; entry: TrustEntry } | undefined> {
  const top = texts.find((t) => t.layer === 'project');
  if (!top) return undefined;
  for (const entry of trustedAbove(entries, top.file)) {
    const { layerAt } = await import('./trust-layer.js');
    let disk;
    try {
      disk = layerAt(entry.config, PARENT_LAYER);
    } catch {
      continue; // gone or broken since it was trusted: it is not trusted as it is, and counts as if absent
    }
    if (isLayerOf(entry, disk.layer)) return { text: disk.config, entry };
  }
  return undefined;
}

/** The policy assembled from these rule files, and whether their project layer is trusted. */
async function policyOf(texts: RuleText[], options: PolicyOptions, places: NomosPlaces, entries: () => Promise<TrustEntry[]>): Promise<{ policy: Policy; files: ParsedRuleFile[]; includes: RuleText[]; trusted: boolean }> {
  const key = JSON.stringify([options.home, options.cwd, places]);
  const trusted = async (files: ParsedRuleFile[], includes: RuleText[]) => {
    const layer = projectLayer(files, [...texts, ...includes]);
    return layer.length === 0 || trustedIn(await entries(), layer);
  };
  const kept = assembled.find((a) => a.key === key && sameTexts(a.texts, texts) && includesUnchanged(a.includes));
  if (kept && kept.trusted === (await trusted(kept.files, kept.includes))) return kept;
  const cached = readPolicyCache(places.state, texts);
  const conditions = cached ? await engineFor(cached.files) : undefined;
  let read = cached;
  if (!read) {
    const { validateWithIncludes } = await import('./validate.js');
    read = await validateWithIncludes(texts, options);
  }
  const { files, includes } = read;
  const projectTrusted = await trusted(files, includes);
  const policy = assemble(files, { home: options.home, workspace: options.cwd, places, projectTrusted, ...(conditions ?? (await engineFor(files))) });
  // The digest is of the texts decided by (read once, above); the cache keeps it with them.
  policy.digest = cached?.digest ?? policyDigest(policy.sources, (file) => [...texts, ...includes].find((t) => t.file === file)?.text);
  if (!cached?.digest) writePolicyCache(places.state, texts, includes, files, policy.digest);
  const made = { key, texts, files, includes, trusted: projectTrusted, policy };
  assembled.unshift(made);
  assembled.length = Math.min(assembled.length, ASSEMBLED_KEPT);
  return made;
}

/** The same rule files, in the same order and layers, with the same texts. */
function sameTexts(a: RuleText[], b: RuleText[]): boolean {
  return a.length === b.length && a.every((t, i) => t.file === b[i]!.file && t.layer === b[i]!.layer && bytesOf(t).equals(bytesOf(b[i]!)));
}

/** The CEL engine, imported only when some rule has a condition: cel-js costs every call that loads it. */
export async function engineFor(files: ParsedRuleFile[]): Promise<{ conditions?: ConditionEngine }> {
  if (!needsConditions(files)) return {};
  const [cel, { createConditionEngine }] = await Promise.all([import('@marcbachmann/cel-js'), import('../policy/conditions.js')]);
  return { conditions: createConditionEngine(cel) };
}

/** How to assemble: compiling, and whether the project layer is trusted as it is. */
export interface AssembleOptions extends CompileOptions {
  /** Unless true, the project layer may only tighten (src/policy/untrusted.ts). */
  projectTrusted?: boolean;
}

/** The profile's packs, disables applied to earlier layers, ids unique, fallbacks resolved. */
export function assemble(all: ParsedRuleFile[], options: AssembleOptions): Policy {
  const ignored: string[] = [];
  const untrusted = (f: ParsedRuleFile) => f.layer === 'project' && options.projectTrusted !== true;
  const narrowed = all.map((f) => {
    if (!untrusted(f)) return f;
    const tight = tightenOnly(f);
    ignored.push(...tight.ignored);
    return tight.file;
  });
  const profile = PROFILES[profileOf(narrowed, untrusted, ignored) as Profile];
  // Which packs load follows the trusted layers only: a stricter untrusted profile would bring back
  // packs a permissive user left out, with their allow rules. It sets the fallbacks (below) and no more.
  const packs = PROFILES[profileOf(narrowed.filter((f) => !untrusted(f)), untrusted, []) as Profile];
  const files = narrowed.filter((f) => f.layer !== 'shipped' || !packs.without.includes(basename(f.file, '.yaml')));
  const compiled = compileRules(files, options);
  const disabled: DisabledRule[] = [];
  const disables = disablesAfter(files);
  const rules = compiled.filter((rule) => {
    const by = disables.get(rule.source.file)?.(rule.id);
    if (by) disabled.push({ id: rule.id, source: `${rule.source.file}:${rule.source.line}`, layer: rule.layer, ...by });
    return !by;
  });
  checkUniqueIds(rules);
  rules.push(...policyFilesRule(files, options));
  const settings = settingsOf(files, profile, untrusted, ignored);
  const top = files.find(untrusted)?.file;
  return buildPolicy(rules, { ...settings, sources: files.map((f) => f.file), disabled, ...(top !== undefined && ignored.length > 0 ? { untrusted: { file: top, ignored } } : {}) });
}

/** The id of the rule that keeps the policy's own files from being changed by what it decides. */
const POLICY_FILES_RULE = 'self.policy-files';

/**
 * A deny for changing any rule file this policy was read from, other than the shipped packs
 * (which self.files guards wherever nomos is installed): the user and project configs and
 * every file they include (`nomos init` writes `.nomosrc.yaml` including `nomos.rules.yaml`),
 * and `--rules` files. Added after `disable:` is applied, so no layer can switch it off:
 * otherwise an agent allowed to write an included file could write `default: allow` into it.
 */
function policyFilesRule(files: ParsedRuleFile[], options: CompileOptions): CompiledRule[] {
  const own = files.filter((f) => f.layer !== 'shipped');
  // A project config's includes may lie in directories below it (`include: [rules/x.yaml]`):
  // moving or deleting `rules` would put another file in its place. Those directories are guarded too.
  const top = own.find((f) => f.layer === 'project')?.file;
  const root = top === undefined ? undefined : projectRootOf(top);
  const dirs = root === undefined ? [] : own.filter((f) => f.layer === 'project').flatMap((f) => dirsBetween(root, dirname(f.file)));
  const paths = [...new Set([...own.map((f) => f.file), ...dirs].flatMap((f) => [f, realPathOr(f)]))].map(globEscape);
  if (paths.length === 0) return [];
  const rule = (id: string, ops: string[], decision: 'deny' | 'ask', message: string) => compileRule({
    id, description: 'The rule files this policy was read from (configs and the files they include).', message,
    match: { file: { op: ops, path: paths } }, decision, tags: ['self'],
  } as unknown as Parameters<typeof compileRule>[0], { file: '(nomos)', line: 0, col: 0 }, options, { layer: 'shipped', order: Number.MAX_SAFE_INTEGER });
  return [
    rule(POLICY_FILES_RULE, ['write', 'append', 'delete', 'move', 'chmod'], 'deny', "nomos's rule files cannot be changed from inside an agent's command."),
    // Named to a program nomos does not model (yamllint, patch, an editor): it may only read them; a human decides.
    rule(`${POLICY_FILES_RULE}-named`, ['arg'], 'ask', "This program is given nomos's rule files and nomos cannot tell whether it changes them; a human should confirm."),
  ];
}

/** The directories from below `root` down to `dir` (none when `dir` is not below `root`). */
function dirsBetween(root: string, dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; d !== root && d.startsWith(`${root}/`); d = dirname(d)) out.push(d);
  return out;
}

/** A literal path as a picomatch glob. */
function globEscape(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@|^$]/g, '\\$&');
}

/**
 * For each file, which later file's `disable:` switches off a rule of it (by id): a layer
 * disables only what came before it. Most policies disable nothing: then no rule is tested.
 */
function disablesAfter(files: ParsedRuleFile[]): Map<string, (id: string) => { by: string; pattern: string } | undefined> {
  const out = new Map<string, (id: string) => { by: string; pattern: string } | undefined>();
  files.forEach((file, i) => {
    const later = files.slice(i + 1).flatMap((f) => (f.spec.disable === undefined ? [] : [f.spec.disable].flat().map((pattern) => ({ by: f.file, layer: f.layer, pattern, test: picomatch(pattern) }))));
    // The first file with this name: a rule's source names the file it came from.
    if (later.length > 0 && !out.has(file.file)) {
      out.set(file.file, (id) => {
        // nomos's own protections (self.*) answer only to the user's config: a project's config
        // comes with the repository (or from the agent), a --rules file from whoever runs nomos.
        const hit = later.find((d) => d.test(id) && (d.layer === 'user' || !id.startsWith('self.')));
        return hit && { by: hit.by, pattern: hit.pattern };
      });
    }
  });
  return out;
}

/** Included files are not in the cache key (only parsing finds them): each is read again and compared in full. */
function includesUnchanged(includes: RuleText[]): boolean {
  return includes.every((t) => {
    try {
      return readRegular(t.file).equals(bytesOf(t));
    } catch {
      return false;
    }
  });
}

function checkUniqueIds(rules: CompiledRule[]): void {
  const seen = new Map<string, CompiledRule>();
  const problems: ConfigProblem[] = [];
  for (const r of rules) {
    const first = seen.get(r.id);
    if (first) problems.push({ ...r.source, code: 'nomos.rules.duplicate-id', message: `rule id "${r.id}" is already defined at ${first.source.file}:${first.source.line}; disable the earlier one or rename this one` });
    else seen.set(r.id, r);
  }
  if (problems.length) throw new ConfigError(problems);
}
