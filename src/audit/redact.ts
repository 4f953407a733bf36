import { MASK, SECRET_HEADER, isSecretFlag, isSecretName, redactText } from './redact-patterns.js';

/** A body with its secrets masked, and the paths of the fields that were changed. */
export interface Redacted<T> {
  value: T;
  paths: string[];
}

interface Walk {
  extra: RegExp[];
  /** Literal secret values found in structured fields, masked wherever else they appear. */
  secrets: string[];
  paths: Set<string>;
}

/**
 * Masks secrets before anything is written: every value of an `env` map, credential
 * headers, values of secret-named flags, query parameters and keys, and known token
 * shapes in every string. Values found in structured fields are also masked where they
 * reappear verbatim (the raw request string quotes them differently than the argv does).
 */
export function redactEvent<T>(value: T, extra: RegExp[] = []): Redacted<T> {
  const walk: Walk = { extra, secrets: [], paths: new Set() };
  collectSecrets(value, '', walk.secrets);
  walk.secrets.sort((a, b) => b.length - a.length);
  const out = redactValue(value, '', '', walk) as T;
  return { value: out, paths: [...walk.paths] };
}

function redactValue(value: unknown, path: string, parentKey: string, walk: Walk): unknown {
  if (typeof value === 'string') return redactString(value, path, walk);
  if (Array.isArray(value)) return redactArray(value, path, walk);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const p = path ? `${path}.${key}` : key;
    if (typeof v === 'string' && v !== '' && isSecretField(parentKey, key)) {
      out[key] = MASK;
      walk.paths.add(p);
    } else out[key] = redactValue(v, p, key, walk);
  }
  return out;
}

function redactArray(values: unknown[], path: string, walk: Walk): unknown[] {
  return values.map((v, i) => {
    const p = `${path}[${i}]`;
    const before = values[i - 1];
    // `--password secret`: the word after a bare secret-named flag is the secret.
    if (typeof v === 'string' && typeof before === 'string' && isSecretFlag(before)) {
      walk.paths.add(p);
      return MASK;
    }
    return redactValue(v, p, '', walk);
  });
}

function redactString(text: string, path: string, walk: Walk): string {
  let out = redactText(text, walk.extra);
  for (const secret of walk.secrets) if (out.includes(secret)) out = out.replaceAll(secret, MASK);
  if (out !== text) walk.paths.add(path || '(root)');
  return out;
}

/** env values, credential headers, and values of secret-named keys and query parameters. */
function isSecretField(parentKey: string, key: string): boolean {
  if (parentKey === 'env') return true;
  if (parentKey === 'headers') return SECRET_HEADER.test(key);
  return isSecretName(key);
}

function collectSecrets(value: unknown, parentKey: string, into: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const before = value[i - 1];
      if (typeof v === 'string' && typeof before === 'string' && isSecretFlag(before)) addSecret(v, into);
      else collectSecrets(v, '', into);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string' && isSecretField(parentKey, key) && (parentKey !== 'env' || isSecretName(key))) addSecret(v, into);
      else collectSecrets(v, key, into);
    }
  }
}

function addSecret(value: string, into: string[]): void {
  // Short values ("1", "yes") would mask unrelated text everywhere; they are masked in place only.
  if (value.length >= 6 && !into.includes(value)) into.push(value);
}
