import { resolve } from 'node:path';
import { insideNomosCommand } from '../../approval/marker.js';
import { realPathOr, userConfigDir } from '../../config/paths.js';
import { analysisContext } from '../../config/context.js';
import { assemble, engineFor, gatherTexts } from '../../config/load-policy.js';
import { isLayerOf, projectLayer, readTrustStore, trustLayer, updateTrustStore, type TrustEntry } from '../../config/trust.js';
import { layerAt, layerFor } from '../../config/trust-layer.js';
import { validateWithIncludes } from '../../config/validate.js';
import { DeniedError, ExitCode, UsageError } from '../../errors.js';
import { EXAMPLE_WORLD } from '../../policy/examples.js';
import { visible } from '../../visible.js';
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
  if (options.revoke) return revoke(where, options.json === true, cli);
  // One read of the rule files: what is shown is what is recorded.
  const home = analysisContext(where, cli.env).home;
  const texts = await gatherTexts({ cwd: where, home, env: cli.env });
  if (!texts.some((t) => t.layer === 'project')) throw new UsageError(`no project config governs ${where} (nomos looks for .nomosrc*, .config/nomosrc* and nomos.config.* from there upwards)`);
  // A policy that does not load would refuse every decision: refused here with the same errors (exit 78).
  const { files, includes } = await validateWithIncludes(texts, { cwd: where, home, env: cli.env });
  const layer = projectLayer(files, [...texts, ...includes]);
  // What trusting adds: exactly what the policy leaves out of it now, against the user's own layers.
  const adds = assemble(files, { home, workspace: where, places: EXAMPLE_WORLD.places, ...(await engineFor(files)) }).untrusted?.ignored ?? [];
  const entry = await trustLayer(userConfigDir(cli.env), layer);
  if (options.json) {
    cli.stdout(`${JSON.stringify({ ...entry, adds }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const others = entry.files.length - 1;
  cli.stdout(`Trusted ${visible(entry.config)}${others ? ` and the ${others} file${others === 1 ? '' : 's'} it includes` : ''} as ${others ? 'they are' : 'it is'} now; any change makes it untrusted again.\n`);
  cli.stdout(adds.length ? `What now counts that did not before:\n${adds.map((a) => `  ${visible(a)}`).join('\n')}\n` : 'It loosens nothing: untrusted, it counted in full already.\n');
  return ExitCode.ok;
}

/**
 * Stops trusting the config that governs `where`, or the config at `where` itself: a trusted
 * config that is gone, moved or broken can still be revoked (it would count again if restored).
 */
async function revoke(where: string, json: boolean, cli: CliEnv): Promise<number> {
  const entries = await readTrustStore(userConfigDir(cli.env));
  const named = [where, realPathOr(where)];
  let config = entries.find((e) => named.includes(e.config))?.config;
  if (config === undefined) {
    const layer = await layerFor(where);
    if (!layer) throw new UsageError(`no project config governs ${where}, and no trusted config is at that path (nomos trust --list shows them)`);
    config = layer.layer[0]!.file;
  }
  const revoked = config;
  // Under the store's lock, read again: a trust written meanwhile is kept, and this revocation too.
  await updateTrustStore(userConfigDir(cli.env), (current) => {
    const left = current.filter((e) => e.config !== revoked);
    if (left.length === current.length) throw new UsageError(`${revoked} is not trusted: nothing to revoke`);
    return left;
  });
  cli.stdout(json ? `${JSON.stringify({ revoked: config })}\n` : `Revoked: ${visible(config)} may only tighten the policy again.\n`);
  return ExitCode.ok;
}

/** Each trusted config, and whether it is still as it was trusted. */
async function listTrust(json: boolean, cli: CliEnv): Promise<number> {
  const rows = (await readTrustStore(userConfigDir(cli.env))).map((e) => ({ ...e, status: statusOf(e) }));
  if (json) cli.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else if (!rows.length) cli.stdout('No project config is trusted (nomos trust in a project trusts its config).\n');
  else cli.stdout(rows.map((r) => `${r.status.padEnd(8)}  ${visible(r.config)}  (trusted ${visible(r.at)})`).join('\n') + '\n');
  return ExitCode.ok;
}

/** `current` (counts in full), `changed` (may only tighten until trusted again) or `missing`. */
function statusOf(entry: TrustEntry): 'current' | 'changed' | 'missing' {
  try {
    return isLayerOf(entry, layerAt(entry.config).layer) ? 'current' : 'changed';
  } catch (error) {
    return (error as { problems?: { code: string }[] }).problems?.[0]?.code === 'nomos.rules.unreadable' ? 'missing' : 'changed';
  }
}
