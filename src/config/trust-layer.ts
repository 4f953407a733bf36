import { existsSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { readRuleText } from './layers.js';
import type { RuleText } from './policy-cache.js';
import { findProjectConfig } from './search.js';
import { realPathOr } from './paths.js';
import { isTrusted, projectLayer, trustLayer, type LayerFiles } from './trust.js';
import { parseTexts } from './validate.js';

/** A project layer as it is on disk now: its config, and its files (config, then includes) with their texts. */
export interface DiskLayer {
  config: RuleText;
  layer: LayerFiles;
}

/** The project layer of a config file; a file that does not parse is a config error (file, line, column). */
export function layerOfConfig(config: RuleText): DiskLayer {
  const { files, findings } = parseTexts([config]);
  if (findings.length) throw new ConfigError(findings);
  return { config, layer: projectLayer(files.map((f) => f.parsed), files.map((f) => f.text), config.layer) };
}

/** The project layer that governs `dir` (nearest config upwards), if any. */
export async function layerFor(dir: string): Promise<DiskLayer | undefined> {
  const found = await findProjectConfig(dir);
  return found && layerOfConfig(found);
}

/** The layer of a config file trusted earlier, read again from its path (throws when it is gone or unreadable). */
export function layerAt(file: string, layer = 'project'): DiskLayer {
  return layerOfConfig(readRuleText(file, layer));
}

/**
 * Runs a human's write to a project config (the prompt's "always" key) and keeps the layer
 * trusted if it was (or if the write creates it): the human chose the new content. An
 * untrusted config stays untrusted; nomos trust shows the rest of it first. The write is
 * given the text that was checked and returns the text it wrote: what is trusted is that, and
 * the includes as they were trusted, never what the files hold by then. Returns whether the
 * layer is trusted afterwards.
 */
export async function writeKeepingTrust(configDir: string, configFile: string, write: (base: string | undefined) => Promise<string>): Promise<boolean> {
  const before = existsSync(configFile) ? layerAt(configFile) : undefined;
  const trusted = before === undefined || (await isTrusted(configDir, before.layer));
  const text = await write(before?.config.text);
  if (!trusted) return false;
  const top = realPathOr(configFile);
  await trustLayer(configDir, before ? before.layer.map((f) => (f.file === top ? { file: f.file, text } : f)) : [{ file: top, text }]);
  return true;
}
