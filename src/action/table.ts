/**
 * Tables looked up by names from the request (programs, subcommands, options, variables)
 * have no prototype: with a plain object `constructor`, `toString` or `__proto__` would find
 * Object.prototype's members and pass for a known name.
 */

/**
 * A lookup table without a prototype: only its own keys are found. It is the object given
 * (a literal written for it), frozen: setting the prototype costs ~20× less at start-up than copying.
 */
export function table<K extends string, T>(entries: Record<K, T>): Readonly<Record<K, T>> {
  return Object.freeze(Object.setPrototypeOf(entries, null) as Record<K, T>);
}

/**
 * Whether `word` is one of the names in `list`, a string of names between spaces (`' a b c '`):
 * a list only some commands read costs no young heap at start-up, as a Set made then would.
 */
export function listed(list: string, word: string): boolean {
  return !/\s/.test(word) && list.includes(` ${word} `);
}

/** An empty record without a prototype, for names read from the request (`X=1 cmd`): every name is kept and found as itself. */
export function record<T>(...from: Record<string, T>[]): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, ...from);
}
