import type { Key } from 'ink';
import { useInput } from 'ink';
import { useCallback, useReducer, useRef } from 'react';

/**
 * Keyboard state kept in a ref and one input subscription made once: ink re-subscribes a
 * changed handler after each render, and keys typed in that gap (a fast typist, a paste)
 * would be lost or applied to the old screen. Each key steps the latest state synchronously.
 */
export function useKeys<S>(initial: () => S, step: (state: S, input: string, key: Key) => S): [S, (next: S) => void] {
  const state = useRef<S | undefined>(undefined);
  if (state.current === undefined) state.current = initial();
  const stepRef = useRef(step);
  stepRef.current = step;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const set = useCallback((next: S) => {
    if (next === state.current) return;
    state.current = next;
    rerender();
  }, []);
  useInput(useCallback((input: string, key: Key) => set(stepRef.current(state.current as S, input, key)), [set]));
  return [state.current, set];
}
