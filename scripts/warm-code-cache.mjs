// Writes dist/hot.cjs.<command>.cache: V8's compiled code for the hot bundle, one file per
// hot command, each taken after that command ran in a scratch sandbox in a steady state
// (policy already cached), so a cache holds what its command compiles and nothing else.
// Run by the build, and after an install from the registry (`--if-built`: the package's
// dist/ came prebuilt, and a cache made elsewhere is never used). A failure here never
// fails an install: nomos writes the cache itself on a call where dist/ is writable.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/nomos.js', import.meta.url));
const ifBuilt = process.argv.includes('--if-built');
// A fresh clone installs before it builds: the build (prepare) warms the cache then.
if (ifBuilt && !existsSync(fileURLToPath(new URL('../dist/hot.cjs', import.meta.url)))) process.exit(0);
const root = mkdtempSync(join(tmpdir(), 'nomos-warm-'));
// The calls run in a project (work/) with home, config and state outside it, as a user's are: the
// hook refuses its own locations inside the workspace, and its cache would hold only that refusal.
const work = join(root, 'work');
mkdirSync(work);
const env = { ...process.env, HOME: join(root, 'home'), XDG_CONFIG_HOME: join(root, 'config'), NOMOS_STATE_DIR: join(root, 'state'), NOMOS_AUDIT_LOG: join(root, 'audit.jsonl'), NOMOS_SESSION: 'warm-up' };
delete env.CI; // escalation settings are read as in normal use
// The shipped caches are for a plain `node` (bin/nomos.js's #!): a process with options keeps caches of its own.
delete env.NODE_OPTIONS;
const hookInput = JSON.stringify({ session_id: 'warm-up', cwd: work, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' } });
// Each with what it must answer: a cache taken on another path (a refusal) is a cache of the wrong code.
const calls = [[['check', '--', 'true'], '', /^allow: /], [['check', '--', 'git status && ls -la | grep x'], '', /^allow: /], [['exec', '--', 'true'], '', /^$/], [['hook', 'claude-code'], hookInput, /"permissionDecision":"allow"/]];
try {
  // The first call validates the rule files and fills the policy cache; the rest write the code caches.
  calls.forEach(([argv, input, answer], i) => {
    const r = spawnSync(process.execPath, [bin, ...argv], { cwd: work, env: { ...env, ...(i > 0 ? { NOMOS_CODE_CACHE: 'write' } : {}) }, input: input ?? '', encoding: 'utf8' });
    if (r.status !== 0 || !answer.test(r.stdout)) throw new Error(`warm-up call nomos ${argv.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  });
} catch (error) {
  if (!ifBuilt) throw error;
  process.stderr.write(`nomos: could not write the code cache (${error.message.split('\n')[0]}); calls start slower until one can\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
