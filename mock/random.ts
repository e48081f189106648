import { randomBytes } from 'node:crypto';

/**
 * The mock's source of randomness. Every value is derived from (seed, label), so it depends only on
 * what its label names. Ticket ids are labelled by session and number, users by their id: the same
 * seed and requests give the same tickets, users and emails in a session, whatever other sessions
 * do. Forced and generated bodies and latency draws are labelled by the session and its own count
 * of them, so one session's traffic never changes another's data.
 */
export interface RandomSource {
  /** The seed in use (a random one when none was given), so a run can be reproduced. */
  readonly seed: string;
  /** A 32-bit integer derived from the seed and the label. */
  int(label: string): number;
  /** 16 bytes derived from the seed and the label. */
  bytes16(label: string): Uint8Array;
}

export function createRandom(seed?: string): RandomSource {
  const base = seed ?? randomBytes(8).toString('hex');
  return {
    seed: base,
    int: (label) => cyrb128(`${base}\u0000${label}`)[0],
    bytes16: (label) => {
      // The four words big-endian, byte by byte (a Uint8Array keeps each value's low 8 bits). Not
      // through a DataView: asking the array for its buffer makes V8 move it off the heap, per ticket.
      const words = cyrb128(`${base}\u0000${label}`);
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = (words[i >> 2] ?? 0) >>> (24 - 8 * (i % 4));
      return bytes;
    },
  };
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Where `uuidFrom` writes: one buffer for every id, rather than a new one (a pool slice) per ticket. */
const UUID_TEXT = Buffer.alloc(36);

/**
 * A version 4 UUID (RFC 9562) made of the given 16 bytes. Written into one buffer and decoded once,
 * so the id is a flat 36-character string (not a rope of slices: it is kept for every ticket).
 */
export function uuidFrom(bytes: Uint8Array): string {
  const out = UUID_TEXT;
  let at = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out[at++] = 0x2d;
    let byte = bytes[i] ?? 0;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    const hex = HEX[byte] ?? '00';
    out[at++] = hex.charCodeAt(0);
    out[at++] = hex.charCodeAt(1);
  }
  return out.toString('latin1');
}

/** cyrb128: a fast, well-mixed 128-bit string hash (not cryptographic; it only has to spread seeds). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
