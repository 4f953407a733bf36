/** What nomos does with a request. */
export type Decision = 'allow' | 'modify' | 'ask' | 'deny';

/** Decisions ordered by strictness: the strictest that applies wins. */
export const DECISIONS: readonly Decision[] = ['allow', 'modify', 'ask', 'deny'];

const RANK: Record<Decision, number> = { allow: 0, modify: 1, ask: 2, deny: 3 };

/** The stricter of two decisions. */
export function stricter(a: Decision, b: Decision): Decision {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The strictest of many (allow for none). */
export function strictest(decisions: Iterable<Decision>): Decision {
  let out: Decision = 'allow';
  for (const d of decisions) out = stricter(out, d);
  return out;
}
