/**
 * DT-looking identifiers and timestamps.
 * DT ids (events, devices, projects) are xids: 12 bytes (4 s-epoch time, 5 random,
 * 3 counter) written as 20 lowercase base32hex characters. Building them the same way
 * keeps them unique within a run (the counter) and realistic for any id-length check.
 */
import type { Rng } from './prng';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** Big-endian base32hex of 12 bytes without padding = 20 characters, as xid does. */
export function encodeXid(bytes: Uint8Array): string {
  let out = '';
  let acc = 0, bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1; // keep only the unread bits so acc never overflows
  }
  if (bits > 0) out += BASE32HEX[(acc << (5 - bits)) & 31];
  return out;
}

/** Makes xids for one simulated run: one random "machine" part, an incrementing counter. */
export class XidSource {
  private readonly machine: number[];
  private counter: number;
  constructor(rng: Rng) {
    this.machine = Array.from({ length: 5 }, () => rng.int(0, 255));
    this.counter = rng.int(0, 0xffffff);
  }
  next(epochSeconds: number): string {
    const c = (this.counter = (this.counter + 1) & 0xffffff);
    const t = Math.floor(epochSeconds) >>> 0;
    return encodeXid(Uint8Array.from([
      t >>> 24, (t >>> 16) & 255, (t >>> 8) & 255, t & 255,
      ...this.machine,
      c >>> 16, (c >>> 8) & 255, c & 255,
    ]));
  }
}

/**
 * RFC 3339 UTC with 6 fractional digits, from microseconds since the epoch.
 * Microseconds since 1970 (~1.7e15) are exact in a double, so no BigInt is needed.
 */
export function formatMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const frac = String(((us % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0');
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}Z`;
}
