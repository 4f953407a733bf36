/** Escapes of `$'…'` with a fixed meaning. */
const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** Decodes the body of `$'…'` as bash does. */
export function decodeAnsiC(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs,
    (whole, esc: string) => {
      const kind = esc[0]!;
      if (kind === 'x' || kind === 'u' || kind === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
      if (/[0-7]/.test(kind)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
      if (kind === 'c') return String.fromCharCode(esc.charCodeAt(1) & 0x1f);
      return SIMPLE_ESCAPES[kind] ?? whole;
    },
  );
}
