import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** Rotate when the active file reaches this size (`NOMOS_AUDIT_MAX_BYTES` overrides). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function parts(logPath: string): { dir: string; stem: string; ext: string } {
  const name = basename(logPath);
  const ext = extname(name);
  return { dir: dirname(logPath), stem: ext ? name.slice(0, -ext.length) : name, ext };
}

/** The name a full file is renamed to: `audit-<last seq, 12 digits>.jsonl`, so names sort in chain order. */
export function rotatedPath(logPath: string, lastSeq: number): string {
  const { dir, stem, ext } = parts(logPath);
  return join(dir, `${stem}-${String(lastSeq).padStart(12, '0')}${ext}`);
}

/** Every file of a log in chain order: rotated files (oldest first), then the active file if it exists. */
export function logFiles(logPath: string): string[] {
  const { dir, stem, ext } = parts(logPath);
  const pattern = new RegExp(`^${escape(stem)}-\\d{12}${escape(ext)}$`);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => pattern.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names.map((n) => join(dir, n));
  return existsSync(logPath) ? [...files, logPath] : files;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
