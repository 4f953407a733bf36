import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crypto } from './builtins.js';

/**
 * 16 random bytes from the kernel's generator (/dev/urandom, the source node:crypto's own
 * comes from), which costs a read where loading node:crypto costs 6-9 ms on every hook and
 * exec call; node:crypto where there is no such device (it must be one: a plain file is not random).
 */
export function randomBytes16(): Buffer {
  const bytes = Buffer.alloc(16);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (fstatSync(fd).isCharacterDevice() && readSync(fd, bytes, 0, 16, null) === 16) return bytes;
    } finally {
      closeSync(fd);
    }
  } catch {
    // no /dev/urandom (Windows, a bare container): node:crypto below
  }
  return crypto().randomBytes(16);
}

/** A random (version 4) UUID, as crypto.randomUUID() makes one. */
export function randomUuid(bytes: Uint8Array = randomBytes16()): string {
  const b = Buffer.from(bytes);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
