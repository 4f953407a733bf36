import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { ruleTextFrom, type RuleText } from './policy-cache.js';
import { shippedRulesDir, userConfigDir } from './paths.js';
import { findProjectConfig } from './search.js';
import { readRegular } from '../regular-file.js';

/** Reads a rule file; an unreadable file is a config error, never an empty policy. */
export function readRuleText(path: string, layer: string): RuleText {
  try {
    return ruleTextFrom(path, layer, readRegular(path));
  } catch (cause) {
    throw new ConfigError([{ file: path, code: 'nomos.rules.unreadable', message: `cannot read rule file: ${(cause as Error).message}` }], { cause });
  }
}

/** Every shipped pack (`rules/*.yaml`, sorted); the profile picks among them after parsing. */
export function shippedTexts(): RuleText[] {
  const dir = shippedRulesDir();
  return readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => readRuleText(join(dir, n), 'shipped'));
}

/**
 * The user's layer: `~/.config/nomos/config.yaml` (or `.yml`), then `rules.yaml`, the file
 * the approval prompt's "always" key appends rules to, each if it exists.
 */
export function userTexts(env: NodeJS.ProcessEnv): RuleText[] {
  const dir = userConfigDir(env);
  const config = ['config.yaml', 'config.yml'].map((n) => join(dir, n)).find((p) => existsSync(p));
  const always = join(dir, 'rules.yaml');
  return [config, existsSync(always) ? always : undefined].flatMap((p) => (p ? [readRuleText(p, 'user')] : []));
}

/** The nearest project config, if any. */
export async function projectTexts(cwd: string, stateDir?: string): Promise<RuleText[]> {
  const found = await findProjectConfig(cwd, stateDir);
  return found ? [found] : [];
}

/** `--rules` files, resolved from cwd. */
export function extraTexts(paths: string[], cwd: string): RuleText[] {
  return paths.map((p) => readRuleText(resolve(cwd, p), 'rules'));
}

/** The files a file's `include:` names, relative to it, in the same layer. */
export function includedTexts(file: RuleText, include: string[]): RuleText[] {
  return include.map((p) => readRuleText(resolve(dirname(file.file), p), file.layer));
}
