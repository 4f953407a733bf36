import { ConfigError } from '../errors.js';
import type { AppendOptions } from './log.js';
import { readRegular } from '../regular-file.js';

/** Everything the audit log is configured with, from the environment. */
export interface AuditSettings extends AppendOptions {
  /** Extra patterns to mask (`NOMOS_AUDIT_REDACT`, one regular expression a line). */
  redact: RegExp[];
  /** `NOMOS_ACTOR`: the agent's self-declared name, recorded with the OS user. */
  agent?: string;
}

/**
 * Reads `NOMOS_AUDIT_KEY_FILE`, `NOMOS_AUDIT_MAX_BYTES`, `NOMOS_AUDIT_REDACT` and
 * `NOMOS_ACTOR`. A key file that is configured but unusable is an error, never a
 * silent fall-back to unkeyed hashes.
 */
export function loadAuditSettings(env: NodeJS.ProcessEnv): AuditSettings {
  const settings: AuditSettings = { redact: parsePatterns(env.NOMOS_AUDIT_REDACT ?? '') };
  if (env.NOMOS_AUDIT_KEY_FILE) settings.key = readKey(env.NOMOS_AUDIT_KEY_FILE);
  if (env.NOMOS_AUDIT_MAX_BYTES) settings.maxBytes = parseBytes(env.NOMOS_AUDIT_MAX_BYTES);
  if (env.NOMOS_ACTOR) settings.agent = env.NOMOS_ACTOR;
  return settings;
}

/** Reads an HMAC key: the file's bytes without trailing white space, at least 16 of them. */
export function readKey(file: string): Buffer {
  let text: string;
  try {
    text = readRegular(file).toString('utf8').trimEnd();
  } catch (cause) {
    throw problem(file, 'nomos.audit.key-unreadable', `cannot read the audit key: ${(cause as Error).message}`, cause);
  }
  if (Buffer.byteLength(text) < 16) throw problem(file, 'nomos.audit.key-short', 'the audit key must be at least 16 bytes (e.g. `openssl rand -hex 32`)');
  return Buffer.from(text, 'utf8');
}

function parseBytes(text: string): number {
  const match = /^(\d+)([kmg]?)i?b?$/i.exec(text.trim());
  const factor = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match?.[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  if (!match || Number(match[1]) === 0) throw problem('NOMOS_AUDIT_MAX_BYTES', 'nomos.audit.max-bytes', `invalid size "${text}": use e.g. 67108864, 64M, 512K`);
  return Number(match[1]) * factor;
}

function parsePatterns(text: string): RegExp[] {
  return text.split('\n').map((s) => s.trim()).filter(Boolean).map((source) => {
    try {
      return new RegExp(source, 'g');
    } catch (cause) {
      throw problem('NOMOS_AUDIT_REDACT', 'nomos.audit.redact-pattern', `invalid pattern /${source}/: ${(cause as Error).message}`, cause);
    }
  });
}

function problem(file: string, code: string, message: string, cause?: unknown): ConfigError {
  return new ConfigError([{ file, code, message }], cause ? { cause } : undefined);
}
