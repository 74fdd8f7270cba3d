import { MAX_PACKET_PAYLOAD, PACKET_HEADER_LENGTH } from './constants.js';
import { ProtocolError } from './protocol-error.js';

/** One logical packet: a payload (continuation packets joined) and the sequence id of its last part. */
export interface Packet {
  readonly seq: number;
  readonly payload: Buffer;
}

/**
 * Turns a byte stream, delivered in arbitrary chunks, into logical packets. Physical packets of
 * exactly 0xFFFFFF payload bytes continue in the next packet; they are joined here. Bytes are
 * copied once: chunks are kept in a list until a whole packet is present.
 */
export class PacketDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Parts of a logical packet split across ≥ 16 MiB physical packets. */
  private parts: Buffer[] = [];
  private partsLength = 0;

  /** @param maxPayload largest logical payload accepted (max_allowed_packet); beyond it: ProtocolError 'too-large'. */
  constructor(public maxPayload: number = 64 * 1024 * 1024) {}

  /** Bytes received but not yet returned as packets. */
  get bufferedBytes(): number {
    return this.buffered + this.partsLength;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** The next complete logical packet, or null when more bytes are needed. */
  next(): Packet | null {
    for (;;) {
      if (this.buffered < PACKET_HEADER_LENGTH) return null;
      const header = this.peek(PACKET_HEADER_LENGTH);
      const length = header.readUIntLE(0, 3);
      const seq = header[3] as number;
      if (this.partsLength + length > this.maxPayload) {
        throw new ProtocolError(
          `packet of ${this.partsLength + length} bytes exceeds max_allowed_packet ${this.maxPayload}`,
          'too-large',
        );
      }
      if (this.buffered < PACKET_HEADER_LENGTH + length) return null;
      this.consume(PACKET_HEADER_LENGTH);
      const body = this.consume(length);
      if (length === MAX_PACKET_PAYLOAD) {
        this.parts.push(body);
        this.partsLength += length;
        continue;
      }
      if (this.parts.length === 0) return { seq, payload: body };
      this.parts.push(body);
      const payload = Buffer.concat(this.parts, this.partsLength + length);
      this.parts = [];
      this.partsLength = 0;
      return { seq, payload };
    }
  }

  /**
   * Remove and return the raw bytes not yet decoded (after an SSLRequest they are the start of
   * the TLS ClientHello, which belongs to the TLS layer, not to this decoder).
   */
  takeRaw(): Buffer {
    const rest = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [];
    this.buffered = 0;
    return rest;
  }

  /** The first n buffered bytes without consuming them (n ≤ buffered). */
  private peek(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.gather(n, false), n);
  }

  /** Remove and return the first n buffered bytes (n ≤ buffered). */
  private consume(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) {
      this.buffered -= n;
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const pieces = this.gather(n, true);
    this.buffered -= n;
    return Buffer.concat(pieces, n);
  }

  /** Slices covering the first n bytes; with `remove`, drop them from the chunk list. */
  private gather(n: number, remove: boolean): Buffer[] {
    const pieces: Buffer[] = [];
    let need = n;
    let i = 0;
    while (need > 0) {
      const c = this.chunks[i] as Buffer;
      if (c.length <= need) {
        pieces.push(c);
        need -= c.length;
        i++;
      } else {
        pieces.push(c.subarray(0, need));
        if (remove) this.chunks[i] = c.subarray(need);
        need = 0;
      }
    }
    if (remove) this.chunks.splice(0, i);
    return pieces;
  }
}
