import { resolve } from 'node:path';
import { insideNomosCommand } from '../../approval/marker.js';
import { userConfigDir } from '../../config/paths.js';
import { PROFILES } from '../../config/profiles.js';
import { layerDigest, readTrustStore, trustLayer, writeTrustStore, type TrustEntry } from '../../config/trust.js';
import { layerAt, layerFor, type DiskLayer } from '../../config/trust-layer.js';
import { validateTexts } from '../../config/validate.js';
import { DeniedError, ExitCode, UsageError } from '../../errors.js';
import { profileOf, settingsOf, tightenOnly } from '../../policy/untrusted.js';
import type { CliEnv } from '../context.js';

/** Flags of `nomos trust`. */
export interface TrustOptions {
  list?: boolean;
  revoke?: boolean;
  json?: boolean;
}

/** `nomos trust [dir]`: trust the project config governing dir as it is now; `--list`, `--revoke`. */
export async function runTrust(dir: string | undefined, options: TrustOptions, cli: CliEnv): Promise<number> {
  if (options.list) {
    if (dir !== undefined) throw new UsageError('--list takes no directory');
    return listTrust(options.json === true, cli);
  }
  // The store decides what a repository's config may do: a human's decision, like approving.
  if (insideNomosCommand(cli.env)) throw new DeniedError('nomos trust refuses to run inside a command nomos executed: trusting a project config is for a human in a terminal of their own');
  const where = resolve(cli.cwd, dir ?? '.');
  const layer = await layerFor(where);
  if (!layer) throw new UsageError(`no project config governs ${where} (nomos looks for .nomosrc*, .config/nomosrc* and nomos.config.* from there upwards)`);
  if (options.revoke) return revoke(layer, options.json === true, cli);
  // A config that does not load would make every decision fail: refuse it with the same errors (exit 78).
  await validateTexts([layer.config], { cwd: where, home: cli.env.HOME ?? '/' });
  const adds = loosening(layer);
  const entry = await trustLayer(userConfigDir(cli.env), layer.layer);
  if (options.json) {
    cli.stdout(`${JSON.stringify({ ...entry, adds }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const others = entry.files.length - 1;
  cli.stdout(`Trusted ${entry.config}${others ? ` and the ${others} file${others === 1 ? '' : 's'} it includes` : ''} as ${others ? 'they are' : 'it is'} now; any change makes it untrusted again.\n`);
  cli.stdout(adds.length ? `What now counts that did not before:\n${adds.map((a) => `  ${a}`).join('\n')}\n` : 'It loosens nothing: untrusted, it counted in full already.\n');
  return ExitCode.ok;
}

/** What an untrusted layer leaves out, measured against no user config (the balanced profile). */
function loosening(layer: DiskLayer): string[] {
  const ignored = layer.files.flatMap((f) => tightenOnly(f).ignored);
  const profile = profileOf(layer.files, () => true, ignored);
  settingsOf(layer.files, PROFILES[profile as keyof typeof PROFILES], () => true, ignored);
  return ignored;
}

async function revoke(layer: DiskLayer, json: boolean, cli: CliEnv): Promise<number> {
  const entries = await readTrustStore(userConfigDir(cli.env));
  const left = entries.filter((e) => e.config !== layer.config.file);
  if (left.length === entries.length) throw new UsageError(`${layer.config.file} is not trusted: nothing to revoke`);
  writeTrustStore(userConfigDir(cli.env), left);
  cli.stdout(json ? `${JSON.stringify({ revoked: layer.config.file })}\n` : `Revoked: ${layer.config.file} may only tighten the policy again.\n`);
  return ExitCode.ok;
}

/** Each trusted config, and whether it is still as it was trusted. */
async function listTrust(json: boolean, cli: CliEnv): Promise<number> {
  const rows = (await readTrustStore(userConfigDir(cli.env))).map((e) => ({ ...e, status: statusOf(e) }));
  if (json) cli.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else if (!rows.length) cli.stdout('No project config is trusted (nomos trust in a project trusts its config).\n');
  else cli.stdout(rows.map((r) => `${r.status.padEnd(8)}  ${r.config}  (trusted ${r.at})`).join('\n') + '\n');
  return ExitCode.ok;
}

/** `current` (counts in full), `changed` (may only tighten until trusted again) or `missing`. */
function statusOf(entry: TrustEntry): 'current' | 'changed' | 'missing' {
  try {
    return layerDigest(layerAt(entry.config).layer) === entry.digest ? 'current' : 'changed';
  } catch (error) {
    return (error as { problems?: { code: string }[] }).problems?.[0]?.code === 'nomos.rules.unreadable' ? 'missing' : 'changed';
  }
}
