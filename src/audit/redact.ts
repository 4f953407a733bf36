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
  /** Where the walk is: keys and indices from the root, turned into a path only for a field that was masked. */
  at: (string | number)[];
}

/**
 * Masks secrets before anything is written: every value of an `env` map, credential
 * headers, values of secret-named flags, query parameters and keys, and known token
 * shapes in every string. Values found in structured fields are also masked where they
 * reappear verbatim (the raw request string quotes them differently than the argv does).
 * It runs on every event, mostly before V8 optimizes it: indexed loops, no entries or
 * iterators, no path strings built for fields left as they are.
 */
export function redactEvent<T>(value: T, extra: RegExp[] = []): Redacted<T> {
  const walk: Walk = { extra, secrets: [], paths: new Set(), at: [] };
  collectSecrets(value, '', walk.secrets);
  walk.secrets.sort((a, b) => b.length - a.length);
  const out = redactValue(value, '', walk) as T;
  return { value: out, paths: [...walk.paths] };
}

/** The path of the field the walk is at: `actions[0].argv[2]`. */
function pathOf(walk: Walk): string {
  let path = '';
  for (let i = 0; i < walk.at.length; i++) {
    const step = walk.at[i]!;
    path += typeof step === 'number' ? `[${step}]` : path ? `.${step}` : step;
  }
  return path;
}

/** Notes the field the walk is at as changed. */
function changed(walk: Walk): void {
  walk.paths.add(pathOf(walk) || '(root)');
}

function masked(walk: Walk): string {
  changed(walk);
  return MASK;
}

function redactValue(value: unknown, parentKey: string, walk: Walk): unknown {
  if (typeof value === 'string') return redactString(value, walk);
  if (Array.isArray(value)) return redactArray(value, walk);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = (value as Record<string, unknown>)[key];
    walk.at.push(key);
    out[key] = typeof v === 'string' && v !== '' && isSecretField(parentKey, key) ? masked(walk) : redactValue(v, key, walk);
    walk.at.pop();
  }
  return out;
}

function redactArray(values: unknown[], walk: Walk): unknown[] {
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const before = values[i - 1];
    walk.at.push(i);
    // `--password secret`: the word after a bare secret-named flag is the secret.
    out[i] = typeof v === 'string' && typeof before === 'string' && isSecretFlag(before) ? masked(walk) : redactValue(v, '', walk);
    walk.at.pop();
  }
  return out;
}

function redactString(text: string, walk: Walk): string {
  let out = redactText(text, walk.extra);
  for (let i = 0; i < walk.secrets.length; i++) if (out.includes(walk.secrets[i]!)) out = out.replaceAll(walk.secrets[i]!, MASK);
  if (out !== text) changed(walk);
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
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const before: unknown = value[i - 1];
      if (typeof v === 'string' && typeof before === 'string' && isSecretFlag(before)) addSecret(v, into);
      else collectSecrets(v, '', into);
    }
  } else if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === 'string' && isSecretField(parentKey, key) && (parentKey !== 'env' || isSecretName(key))) addSecret(v, into);
      else collectSecrets(v, key, into);
    }
  }
}

function addSecret(value: string, into: string[]): void {
  // Short values ("1", "yes") would mask unrelated text everywhere; they are masked in place only.
  if (value.length >= 6 && !into.includes(value)) into.push(value);
}
