/**
 * Independent byte builders for codec tests: expected bytes are spelled out here by hand, never
 * produced with the PacketWriter under test.
 */

/** '0a 35 2e' → bytes (whitespace ignored). */
export function hex(s: string): Buffer {
  return Buffer.from(s.replace(/\s+/g, ''), 'hex');
}

/** Little-endian integer of `width` bytes. */
export function le(v: number, width: number): Buffer {
  const b = Buffer.alloc(width);
  for (let i = 0; i < width; i++) b[i] = Math.floor(v / 2 ** (8 * i)) & 0xff;
  return b;
}

export function ascii(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

export function nul(s: string): Buffer {
  return Buffer.concat([ascii(s), Buffer.from([0])]);
}

/** Length-encoded string with a 1-byte length (tests keep strings short). */
export function lstr(s: string): Buffer {
  const b = ascii(s);
  if (b.length >= 251) throw new Error('lstr: keep it short');
  return Buffer.concat([Buffer.from([b.length]), b]);
}

/** One physical packet: 3-byte length, sequence id, payload. */
export function packet(seq: number, ...parts: (Buffer | number[])[]): Buffer {
  const payload = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));
  return Buffer.concat([le(payload.length, 3), Buffer.from([seq]), payload]);
}
