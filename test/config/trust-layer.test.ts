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
const append = (file: string, line: string) => async () => writeFileSync(file, `${readFileSync(file, 'utf8')}${line}`);
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

  it('leaves an untrusted config untrusted: the rest of it was never shown to the human', async () => {
    const w = world();
    writeFileSync(w.file, `version: 1\ndefault: allow\nrules:\n${RULE.replace('always.x', 'first')}`);
    expect(await writeKeepingTrust(w.config, w.file, append(w.file, RULE))).toBe(false);
    expect(readFileSync(w.file, 'utf8')).toContain('always.x');
    expect(await isTrusted(w.config, layerAt(w.file).layer)).toBe(false);
  });

  it('trusts a config the write creates (it holds only what the human chose)', async () => {
    const w = world();
    expect(await writeKeepingTrust(w.config, w.file, async () => writeFileSync(w.file, `version: 1\nrules:\n${RULE}`))).toBe(true);
    expect(await isTrusted(w.config, layerAt(w.file).layer)).toBe(true);
  });
});
