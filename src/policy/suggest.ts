import type { z } from 'zod';

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; valueType?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object in the schema allows at a data path (`["rules", 0, "match"]`), for "did you mean". */
export function keysAt(schema: z.ZodType, path: (string | number)[]): string[] {
  let nodes = [schema];
  for (const step of [...path, undefined]) {
    nodes = nodes.flatMap(unwrap);
    if (step === undefined) break;
    nodes = nodes.flatMap((n) => {
      const def = defOf(n);
      if (def.type === 'object' && typeof step === 'string') return def.shape?.[step] ? [def.shape[step]!] : [];
      if (def.type === 'array' && typeof step === 'number') return def.element ? [def.element] : [];
      if (def.type === 'record') return def.valueType ? [def.valueType] : [];
      return [];
    });
  }
  return [...new Set(nodes.flatMap((n) => Object.keys(defOf(n).shape ?? {})))];
}

/** Looks through optional, default and union wrappers to the schemas that hold data. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'union') return (def.options ?? []).flatMap(unwrap);
  return [schema];
}

/** The closest candidate within a small edit distance, or undefined. */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
