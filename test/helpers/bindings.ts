import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * Declares `body`'s tests twice: through Node's internal binding, and with
 * NOMOS_NODE_BINDINGS=off through the public module over it (src/bindings.ts). Both must agree.
 */
export function bothWays(title: string, ways: { binding: string; public: string }, found: () => unknown, body: (way: 'binding' | 'public') => void): void {
  describe.each([[ways.binding, 'binding'], [ways.public, 'public']] as const)(`${title} through %s`, (_name, way) => {
    beforeEach(() => {
      if (way === 'public') process.env.NOMOS_NODE_BINDINGS = 'off';
    });
    afterEach(() => {
      delete process.env.NOMOS_NODE_BINDINGS;
    });
    it('is the way it says (the binding is there on this Node, and the setting turns it off)', () => {
      expect(found() !== undefined).toBe(way === 'binding');
    });
    body(way);
  });
}
