/** A field of an agent's JSON that is missing or of the wrong type; the hook answers deny with it. */
export class MalformedInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedInput';
  }
}

/** A JSON object, or a MalformedInput naming what was expected. */
export function asObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MalformedInput(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** A required non-empty string field. */
export function requireString(obj: Record<string, unknown>, key: string, what = key): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw new MalformedInput(`${what} must be a non-empty string`);
  return value;
}

/** An optional string field (wrong types are errors, not silently ignored). */
export function optionalString(obj: Record<string, unknown>, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new MalformedInput(`${key} must be a string`);
  return value;
}

/** The first of several alternative field names that is present (agents renamed fields across versions). */
export function firstString(obj: Record<string, unknown>, keys: string[], what: string): string {
  for (const key of keys) if (typeof obj[key] === 'string' && obj[key] !== '') return obj[key] as string;
  throw new MalformedInput(`${what}: expected one of ${keys.join(', ')} as a non-empty string`);
}

/** Parses JSON text, naming the input on failure. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MalformedInput(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}
