import { table } from '../table.js';

/** Escapes of `$'…'` with a fixed meaning. */
const SIMPLE_ESCAPES = table<string, string>({
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
});

/** Decodes the body of `$'…'` as bash does. */
export function decodeAnsiC(body: string): string {
  const decoded = body.replace(
    /\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs,
    (whole, esc: string) => {
      const kind = esc[0]!;
      if (kind === 'x' || kind === 'u' || kind === 'U') {
        // `\x` with no hex digits stays as written (bash does the same).
        if (esc.length === 1) return whole;
        const code = parseInt(esc.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      }
      if (/[0-7]/.test(kind)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
      if (kind === 'c') return String.fromCharCode(esc.charCodeAt(1) & 0x1f);
      return SIMPLE_ESCAPES[kind] ?? whole;
    },
  );
  // A NUL ends the word for bash (C strings): `$'rm\0x'` runs rm.
  const nul = decoded.indexOf('\0');
  return nul < 0 ? decoded : decoded.slice(0, nul);
}
