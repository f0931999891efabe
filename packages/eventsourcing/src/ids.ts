import { randomBytes } from 'node:crypto';

/** Supplies ids and time to the application layer; tests pass a deterministic one. */
export interface IdGenerator {
  next(): string;
}

let lastMs = 0;
let sequence = 0;

/**
 * RFC 9562 UUIDv7: 48-bit unix milliseconds, then a 12-bit counter that keeps ids created in the same
 * millisecond in order within this process, then random bits.
 */
export const uuidv7 = (nowMs: number = Date.now()): string => {
  if (nowMs <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const uuidv7Generator: IdGenerator = { next: () => uuidv7() };
