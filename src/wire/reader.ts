import { LENENC_NULL } from './constants.js';
import { ProtocolError } from './protocol-error.js';

/**
 * Reads the fields of one payload. Every read checks bounds and throws ProtocolError when the
 * payload is too short, so decoders stay simple and never index past the end.
 */
export class PayloadReader {
  private pos: number;

  constructor(
    readonly payload: Buffer,
    start = 0,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.payload.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.payload.length) {
      throw new ProtocolError(`truncated packet reading ${what} at offset ${this.pos}`);
    }
  }

  int1(): number {
    this.need(1, 'int<1>');
    return this.payload[this.pos++] as number;
  }

  int2(): number {
    this.need(2, 'int<2>');
    const v = this.payload.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  int3(): number {
    this.need(3, 'int<3>');
    const v = this.payload.readUIntLE(this.pos, 3);
    this.pos += 3;
    return v;
  }

  int4(): number {
    this.need(4, 'int<4>');
    const v = this.payload.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  int8(): bigint {
    this.need(8, 'int<8>');
    const v = this.payload.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Signed reads for binary-protocol parameters. */
  sint1(): number {
    this.need(1, 'int<1>');
    return this.payload.readInt8(this.pos++);
  }
  sint2(): number {
    this.need(2, 'int<2>');
    const v = this.payload.readInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  sint4(): number {
    this.need(4, 'int<4>');
    const v = this.payload.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  sint8(): bigint {
    this.need(8, 'int<8>');
    const v = this.payload.readBigInt64LE(this.pos);
    this.pos += 8;
    return v;
  }
  float4(): number {
    this.need(4, 'float');
    const v = this.payload.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }
  float8(): number {
    this.need(8, 'double');
    const v = this.payload.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /**
   * Length-encoded integer. Returns null for the 0xFB NULL marker. Values above 2^53 cannot be a
   * real length in a payload we accept, so they are reported as malformed rather than rounded.
   */
  lenenc(): number | null {
    const first = this.int1();
    if (first < 0xfb) return first;
    if (first === LENENC_NULL) return null;
    if (first === 0xfc) return this.int2();
    if (first === 0xfd) return this.int3();
    if (first === 0xfe) {
      const big = this.int8();
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtocolError('length-encoded integer too large');
      return Number(big);
    }
    throw new ProtocolError('invalid length-encoded integer prefix 0xff');
  }

  bytes(n: number): Buffer {
    this.need(n, `${n} bytes`);
    const v = this.payload.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  skip(n: number): void {
    this.need(n, `${n} bytes`);
    this.pos += n;
  }

  /** Length-encoded byte string (NULL marker is malformed here). */
  lenencBytes(): Buffer {
    const n = this.lenenc();
    if (n === null) throw new ProtocolError('unexpected NULL length-encoded string');
    return this.bytes(n);
  }

  lenencString(): string {
    return this.lenencBytes().toString('utf8');
  }

  /** NUL-terminated string; `lenient` accepts a missing terminator at the end of the payload. */
  nulBytes(lenient = false): Buffer {
    const end = this.payload.indexOf(0, this.pos);
    if (end < 0) {
      if (!lenient) throw new ProtocolError('unterminated string');
      return this.rest();
    }
    const v = this.payload.subarray(this.pos, end);
    this.pos = end + 1;
    return v;
  }

  nulString(lenient = false): string {
    return this.nulBytes(lenient).toString('utf8');
  }

  /** The rest of the payload. */
  rest(): Buffer {
    const v = this.payload.subarray(this.pos);
    this.pos = this.payload.length;
    return v;
  }

  restString(): string {
    return this.rest().toString('utf8');
  }
}
