import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

// Random bytes are drawn from the system in blocks: one draw per id cost webhook intake about 5% of
// its time (every queued job gets an id).
const RANDOM_BLOCK = 16 * 256;
const random = Buffer.alloc(RANDOM_BLOCK);
let randomOffset = RANDOM_BLOCK;

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then a 12-bit per-process sequence, then
 * random bits. pg-boss hands out jobs by (priority, created_on, id) and every job of one insert has
 * the same created_on, so ids that sort in creation order keep `enqueueMany` first-in, first-out.
 */
export function timeOrderedId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    // More than 4096 ids in one millisecond: borrow the next millisecond to stay ordered.
    lastMs += 1;
    sequence = 0;
  }
  if (randomOffset === RANDOM_BLOCK) {
    randomFillSync(random);
    randomOffset = 0;
  }
  const bytes = Buffer.from(random.subarray(randomOffset, randomOffset + 16));
  randomOffset += 16;
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes.writeUInt16BE(0x7000 | sequence, 6);
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
