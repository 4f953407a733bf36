/**
 * Match results with a middle value: `maybe` when a dynamic value could match.
 * A dynamic argument may trigger deny/ask rules but never satisfies an allow rule.
 */
export const NO = 0;
export const MAYBE = 1;
export const YES = 2;
export type Tri = typeof NO | typeof MAYBE | typeof YES;

/** All must hold. */
export function all(values: Iterable<Tri>): Tri {
  let out: Tri = YES;
  for (const v of values) if (v < out) out = v;
  return out;
}

/** Any may hold. */
export function any(values: Iterable<Tri>): Tri {
  let out: Tri = NO;
  for (const v of values) if (v > out) out = v;
  return out;
}

/** Negation keeps `maybe`: not knowing stays not knowing. */
export function negate(value: Tri): Tri {
  return (YES - value) as Tri;
}
