/**
 * A short file name for a cache entry (FNV-1a, two 32-bit lanes, hex). It only names the
 * file: what the entry was made from is stored in it and compared in full on every read,
 * so two inputs sharing a name cost a recomputation, never a wrong answer, and no
 * cryptographic hash (node:crypto costs ~3 ms of start-up) is needed.
 */
export function cacheName(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
