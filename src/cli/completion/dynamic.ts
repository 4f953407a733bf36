/** Candidates that only the running installation knows: ids of rules, pending requests, sessions. */
export type DynamicKind = 'rule-ids' | 'pending-ids' | 'session-ids';

interface DynamicSource {
  /** The commands (path, positional index) whose argument takes these ids. */
  slots: { path: string; index: number }[];
  /** The listing command that prints them as JSON; asked only if it exists. */
  list: string[];
}

/** The one table: where ids are completed and which listing command supplies them. */
export const DYNAMIC_SOURCES: Record<DynamicKind, DynamicSource> = {
  'rule-ids': { slots: [{ path: 'rules show', index: 0 }], list: ['rules', 'list', '--json'] },
  'pending-ids': { slots: [{ path: 'approve', index: 0 }], list: ['approve', '--list', '--json'] },
  'session-ids': { slots: [{ path: 'session show', index: 0 }, { path: 'session end', index: 0 }], list: ['session', 'list', '--json'] },
};

/** The dynamic kind completed at a command's positional argument, if any. */
export function dynamicKindFor(path: string, index: number): DynamicKind | undefined {
  const entries = Object.entries(DYNAMIC_SOURCES) as [DynamicKind, DynamicSource][];
  return entries.find(([, source]) => source.slots.some((s) => s.path === path && s.index === index))?.[0];
}

/** Whether `kind` is one of the dynamic kinds (for validating `--candidates`). */
export function isDynamicKind(kind: string): kind is DynamicKind {
  return Object.hasOwn(DYNAMIC_SOURCES, kind);
}

const LIST_KEYS = ['rules', 'pending', 'requests', 'sessions', 'items'];

/**
 * Pulls ids out of a listing command's JSON, whatever its exact shape: an array, an
 * object holding one (`{ "rules": [...] }`), or JSON lines; items are ids or have `id`.
 */
export function extractIds(output: string): string[] {
  const text = output.trim();
  if (!text) return [];
  let values: unknown[];
  try {
    values = [JSON.parse(text)];
  } catch {
    values = text.split('\n').flatMap((line) => parseOrSkip(line));
  }
  const ids = values.flatMap((value) => idsOf(value));
  return [...new Set(ids)].filter((id) => /^[^\s]+$/.test(id));
}

function parseOrSkip(line: string): unknown[] {
  try {
    return [JSON.parse(line)];
  } catch {
    return [];
  }
}

function idsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => idsOf(item));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' || typeof record.id === 'number') return [String(record.id)];
    const list = LIST_KEYS.map((key) => record[key]).find(Array.isArray);
    if (list) return idsOf(list);
  }
  return [];
}
