import { crypto } from '../builtins.js';
import { closeSync, lstatSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '../make-dirs.js';
import { UnsafeStateDirError } from './private-dir.js';
import { readRegular } from '../regular-file.js';

/**
 * The approval key: 32 random bytes in `<user config>/nomos/approval.key` (mode 0600).
 * Answers and session grants carry an HMAC under it, so a file planted in the state dir
 * by a command the agent ran (which the self-protection rules keep away from this key)
 * is rejected. Created on first use, exclusively, so two processes never race to two keys.
 */
export function loadApprovalKey(configDir: string): Buffer {
  makeDirs(configDir, 0o700);
  const path = join(configDir, 'approval.key');
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, crypto().randomBytes(32).toString('hex'));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  checkKeyFile(path);
  const key = Buffer.from(readRegular(path, true).toString('utf8').trim(), 'hex');
  if (key.length < 32) throw new UnsafeStateDirError(`${path} does not hold a 32-byte key; delete it to make a new one`);
  return key;
}

function checkKeyFile(path: string): void {
  const stat = lstatSync(path);
  const uid = process.getuid?.();
  if (!stat.isFile()) throw new UnsafeStateDirError(`${path} is not a regular file; refusing to use it as the approval key`);
  if (uid !== undefined && stat.uid !== uid) throw new UnsafeStateDirError(`${path} is not owned by you; refusing to use it as the approval key`);
  if ((stat.mode & 0o077) !== 0) throw new UnsafeStateDirError(`${path} is readable by others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 on it`);
}

/** HMAC-SHA256 of the parts (JSON-encoded, so parts cannot run into each other), hex. */
export function sign(key: Buffer, parts: unknown[]): string {
  return crypto().createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');
}

/** Constant-time check of a signature made by `sign`. */
export function verify(key: Buffer, parts: unknown[], mac: unknown): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return crypto().timingSafeEqual(Buffer.from(sign(key, parts), 'hex'), Buffer.from(mac, 'hex'));
}

/** SHA-256 of a text, hex: what an answer says it saw. */
export function digest(text: string): string {
  return crypto().createHash('sha256').update(text).digest('hex');
}
