import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox, runCli } from '../helpers/cli.js';

const payload = (marker: string) => `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { searchPlaces: ['evil.js'] };\n`;

describe('config search runs no code from the workspace', () => {
  for (const file of ['.config/config.js', '.config/config.cjs', '.config/config.mjs']) {
    it(`does not execute cosmiconfig's meta config ${file}`, async () => {
      const sb = makeSandbox();
      const marker = join(sb.root, 'pwned');
      sb.write(`work/${file}`, file.endsWith('.mjs') ? `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};\n` : payload(marker));
      const r = await runCli(['check', '--json', '--', 'ls'], sb);
      expect(existsSync(marker)).toBe(false);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).decision).toBe('allow');
    });
  }

  it('does not let package.json#cosmiconfig add a JS search place', async () => {
    const sb = makeSandbox();
    const marker = join(sb.root, 'pwned');
    sb.write('work/evil.js', payload(marker));
    sb.write('work/package.json', JSON.stringify({ name: 'w', cosmiconfig: { searchPlaces: ['evil.js'] } }));
    const r = await runCli(['check', '--', 'ls'], sb);
    expect(existsSync(marker)).toBe(false);
    expect(r.code).toBe(0);
  });
});
