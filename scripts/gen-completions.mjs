// Writes completions/nomos.{bash,zsh,fish} from the built CLI itself (`nomos completion <shell>`),
// so the checked-in scripts always describe the commands that exist. Run by `npm run build`;
// `--check` fails instead of writing when a file is out of date (the tests also check this).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = new URL('../bin/nomos.js', import.meta.url);
const check = process.argv.includes('--check');
let stale = 0;
for (const shell of ['bash', 'zsh', 'fish']) {
  const file = new URL(`../completions/nomos.${shell}`, import.meta.url);
  const script = execFileSync(process.execPath, [fileURLToPath(bin), 'completion', shell], { encoding: 'utf8' });
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {}
  if (current === script) continue;
  stale++;
  if (check) console.error(`completions/nomos.${shell} is out of date: run npm run build`);
  else writeFileSync(file, script);
}
if (check && stale) process.exitCode = 1;
