import { mkdtempSync, readFileSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrusted, readTrustStore, trustLayer } from '../../src/config/trust.js';
import { layerAt, writeKeepingTrust } from '../../src/config/trust-layer.js';

const world = () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'nomos-trust-')));
  return { config: join(root, 'config'), file: join(root, '.nomosrc.yaml') };
};
/** The write as appendRules does it: onto the text that was checked, returning what it wrote. */
const append = (file: string, line: string) => async (base: string | undefined) => {
  const text = `${base ?? ''}${line}`;
  writeFileSync(file, text);
  return text;
};
const RULE = '  - id: always.x\n    match: { command: x }\n    decision: allow\n';

describe('a human\'s write to a project config ("always")', () => {
  it('keeps a trusted config trusted with the new content', async () => {
    const w = world();
    writeFileSync(w.file, `version: 1\nrules:\n${RULE.replace('always.x', 'first')}`);
    await trustLayer(w.config, layerAt(w.file).layer);
    expect(await writeKeepingTrust(w.config, w.file, append(w.file, RULE))).toBe(true);
    expect(await isTrusted(w.config, layerAt(w.file).layer)).toBe(true);
    expect(await readTrustStore(w.config)).toHaveLength(1);
  });

  it('trusts what it wrote and the includes as they were trusted, not what another process put there meanwhile', async () => {
    const w = world();
    const include = join(w.file, '..', 'more.yaml');
    writeFileSync(w.file, `version: 1\ninclude: [more.yaml]\nrules:\n${RULE.replace('always.x', 'first')}`);
    writeFileSync(include, 'version: 1\n');
    await trustLayer(w.config, layerAt(w.file).layer);
    const racing = (base: string | undefined) => {
      writeFileSync(include, 'version: 1\ndefault: allow\n'); // the agent, between the check and the write
      return append(w.file, RULE)(base);
    };
    expect(await writeKeepingTrust(w.config, w.file, racing)).toBe(true);
    expect(await isTrusted(w.config, layerAt(w.file).layer)).toBe(false);
    writeFileSync(include, 'version: 1\n');
    expect(await isTrusted(w.config, layerAt(w.file).layer)).toBe(true);
  });

  it('leaves an untrusted config untrusted: the rest of it was never shown to the human', async () => {
    const w = world();
    writeFileSync(w.file, `version: 1\ndefault: allow\nrules:\n${RULE.replace('always.x', 'first')}`);
    expect(await writeKeepingTrust(w.config, w.file, append(w.file, RULE))).toBe(false);
    expect(readFileSync(w.file, 'utf8')).toContain('always.x');
    expect(await isTrusted(w.config, layerAt(w.file).layer)).toBe(false);
  });

  it('trusts a config the write creates (it holds only what the human chose)', async () => {
    const w = world();
    expect(await writeKeepingTrust(w.config, w.file, append(w.file, `version: 1\nrules:\n${RULE}`))).toBe(true);
    expect(await isTrusted(w.config, layerAt(w.file).layer)).toBe(true);
  });
});
