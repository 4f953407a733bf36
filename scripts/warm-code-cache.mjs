// Writes dist/hot.cjs.cache: V8's compiled code for the hot bundle, taken after a check, an
// exec and a hook call have run in one process in a scratch sandbox, so the cache holds
// what those calls compile in a steady state (policy already cached) and nothing else.
// Run by the build; with no cache (or one from another Node) nomos writes one itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'nomos-warm-'));
const env = { ...process.env, HOME: root, XDG_CONFIG_HOME: join(root, 'config'), NOMOS_STATE_DIR: join(root, 'state'), NOMOS_AUDIT_LOG: join(root, 'audit.jsonl'), NOMOS_SESSION: 'warm-up' };
delete env.CI; // escalation settings are read as in normal use
const calls = [['check', '--', 'git status && ls -la | grep x'], ['exec', '--', 'true'], ['hook', 'claude-code']];
const hookInput = JSON.stringify({ session_id: 'warm-up', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' } });
const script = `
const hot = require(${JSON.stringify(join(dist, 'launch.cjs'))}).loadHot();
(async () => { for (const argv of ${JSON.stringify(calls)}) await hot.runHot(hot.hotArgs(argv)); })();`;
try {
  // First a plain call: it validates the rule files and fills the policy cache.
  const fill = spawnSync(process.execPath, [join(dist, '..', 'bin', 'nomos.js'), 'check', '--', 'true'], { cwd: root, env, encoding: 'utf8' });
  if (fill.status !== 0) throw new Error(`warm-up check failed: ${fill.stderr}`);
  const warm = spawnSync(process.execPath, ['-e', script], { cwd: root, env: { ...env, NOMOS_CODE_CACHE: 'write' }, input: hookInput, encoding: 'utf8' });
  if (warm.status !== 0) throw new Error(`warm-up failed: ${warm.stderr}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
