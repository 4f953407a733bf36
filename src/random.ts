import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { crypto } from './builtins.js';

/** Linux's /dev/urandom: character device 1:9 (what a bind mount over it would not be). */
const URANDOM_RDEV = (1 << 8) | 9;

/**
 * 16 random bytes from the kernel's generator, read from /dev/urandom, which costs a read where
 * loading node:crypto costs 6-9 ms on every hook and exec call. Only on Linux and only from the
 * device itself (char 1:9; opened without blocking, so a FIFO put in its place cannot hang the
 * call): anything else, and any failure, takes node:crypto's generator instead.
 */
export function randomBytes16(): Buffer {
  const bytes = Buffer.alloc(16);
  if (process.platform === 'linux') {
    try {
      const fd = openSync('/dev/urandom', constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const stat = fstatSync(fd);
        if (stat.isCharacterDevice() && stat.rdev === URANDOM_RDEV && readSync(fd, bytes, 0, 16, null) === 16) return bytes;
      } finally {
        closeSync(fd);
      }
    } catch {
      // not readable here (a bare container): node:crypto below
    }
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
