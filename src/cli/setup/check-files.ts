import { existsSync, lstatSync } from 'node:fs';
import { writable } from '../../writable.js';
import { dirname } from 'node:path';
import { auditLogPath, stateDir } from '../../config/paths.js';
import { hasCommand } from '../completion/model.js';
import { fail, firstLine, ok, warn, type CheckResult, type DoctorContext } from './check.js';

/** The state directory is private: a real directory, owned by this user, mode 0700. */
export function checkStateDir(env: NodeJS.ProcessEnv): CheckResult {
  const dir = stateDir(env);
  if (!existsSync(dir)) return ok('state dir', `${dir} (not created yet; nomos creates it with mode 0700)`);
  const stat = lstatSync(dir);
  const remove = `remove it (rm -rf '${dir}'); nomos recreates it privately`;
  if (stat.isSymbolicLink()) return fail('state dir', `${dir} is a symbolic link: whoever controls its target controls nomos state`, remove);
  if (!stat.isDirectory()) return fail('state dir', `${dir} is not a directory`, remove);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return fail('state dir', `${dir} is owned by uid ${stat.uid}, not by you (uid ${uid})`, remove);
  const mode = stat.mode & 0o777;
  if (mode & 0o077) return fail('state dir', `${dir} has mode ${mode.toString(8).padStart(4, '0')}: other users can read or change pending approvals and sessions`, `chmod 700 '${dir}'`);
  return ok('state dir', `${dir} (private, mode 0700)`);
}

/** The audit log can be appended to, and its hash chain is intact. */
export async function checkAuditLog(ctx: DoctorContext): Promise<CheckResult> {
  const path = auditLogPath(ctx.env);
  if (!existsSync(path)) {
    const parent = nearestExisting(dirname(path));
    if (!writable(parent)) return fail('audit log', `${path} cannot be created: ${parent} is not writable`, `make ${parent} writable, or set NOMOS_AUDIT_LOG to a writable path`);
    return ok('audit log', `${path} (no events yet)`);
  }
  if (!writable(path)) return fail('audit log', `${path} is not writable: decisions cannot be recorded`, `chmod u+w '${path}'`);
  const fix = `keep the file as evidence and start a new log: mv '${path}' '${path}.broken'`;
  // The audit log's own verifier (every hash or HMAC, every link, torn lines, rotation).
  if (!hasCommand(ctx.program, ['audit', 'verify'])) return warn('audit log', `${path} exists, but this nomos has no audit verify to check it`);
  const result = await ctx.runSelf(['audit', 'verify', path]);
  if (result.code === 0) return ok('audit log', `${path} (nomos audit verify: intact)`);
  return fail('audit log', `${path}: ${firstLine(result)}`, fix);
}

function nearestExisting(dir: string): string {
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
