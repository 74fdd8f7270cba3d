import { MAX_PACKET_PAYLOAD, PACKET_HEADER_LENGTH } from './constants.js';

/** Completed output larger than this is handed over as-is; smaller output is copied out. */
const COPY_OUT_LIMIT = 4096;
/** Buffers kept for reuse (see recycle()). */
const MAX_SPARE = 4;

/**
 * Buffer's per-encoding writers (public on every Buffer since Node 0.x, just missing from
 * @types/node); they skip the encoding dispatch of `write()`, which shows up on bulk rows.
 */
interface FastBuffer extends Buffer {
  utf8Write(s: string, offset: number, length?: number): number;
  latin1Write(s: string, offset: number, length?: number): number;
}

function alloc(n: number): FastBuffer {
  return Buffer.allocUnsafe(n) as FastBuffer;
}

/** Number of decimal digits of a non-negative safe integer. */
function decimalDigits(u: number): number {
  if (u < 1e8) {
    if (u < 1e4) return u < 10 ? 1 : u < 100 ? 2 : u < 1000 ? 3 : 4;
    return u < 1e5 ? 5 : u < 1e6 ? 6 : u < 1e7 ? 7 : 8;
  }
  let digits = 9;
  for (let t = u / 1e9; t >= 1; t /= 10) digits++;
  return digits;
}

/**
 * Builds framed packets straight into one growing buffer: `begin()` reserves the 4-byte header,
 * the field writers append payload bytes, `end()` patches the header (splitting payloads of
 * 16 MiB - 1 bytes or more into continuation packets) and advances the sequence id. `take()`
 * hands the finished packets to the caller, who writes them to a socket; nothing here does I/O.
 *
 * Rows are encoded in place (no per-packet Buffer), which is what makes bulk results fast.
 */
export class PacketWriter {
  private buf: FastBuffer;
  private pos = 0;
  /** Offset of the header of the packet being written, or -1 between packets. */
  private start = -1;
  /** Sequence id of the next packet. */
  seq = 0;
  /** Buffers given back by recycle(), reused by take(). */
  private readonly spare: FastBuffer[] = [];

  constructor(private readonly initialSize = 64 * 1024) {
    this.buf = alloc(initialSize);
  }

  /** Bytes of finished packets waiting to be taken. */
  get pending(): number {
    return this.start < 0 ? this.pos : this.start;
  }

  /** Start a packet; its sequence id is taken from `seq` at `end()`. */
  begin(): this {
    if (this.start >= 0) throw new Error('PacketWriter.begin: previous packet not ended');
    this.ensure(PACKET_HEADER_LENGTH);
    this.start = this.pos;
    this.pos += PACKET_HEADER_LENGTH;
    return this;
  }

  /** Finish the packet: write its header(s) and advance the sequence id. */
  end(): void {
    const start = this.start;
    if (start < 0) throw new Error('PacketWriter.end: no packet begun');
    const length = this.pos - start - PACKET_HEADER_LENGTH;
    this.start = -1;
    if (length < MAX_PACKET_PAYLOAD) {
      const buf = this.buf;
      buf[start] = length & 0xff;
      buf[start + 1] = (length >> 8) & 0xff;
      buf[start + 2] = length >> 16;
      buf[start + 3] = this.seq;
      this.seq = (this.seq + 1) & 0xff;
      return;
    }
    this.split(start, length);
  }

  /**
   * Re-frame a payload of ≥ 0xFFFFFF bytes as full packets followed by a shorter one (an empty
   * packet when the length is an exact multiple), each with its own sequence id.
   */
  private split(start: number, length: number): void {
    const payload = Buffer.from(
      this.buf.subarray(start + PACKET_HEADER_LENGTH, start + PACKET_HEADER_LENGTH + length),
    );
    const parts = Math.floor(length / MAX_PACKET_PAYLOAD) + 1;
    this.pos = start;
    this.ensure(length + parts * PACKET_HEADER_LENGTH);
    for (let i = 0; i < parts; i++) {
      const from = i * MAX_PACKET_PAYLOAD;
      const size = Math.min(MAX_PACKET_PAYLOAD, length - from);
      this.buf.writeUIntLE(size, this.pos, 3);
      this.buf[this.pos + 3] = this.seq;
      this.seq = (this.seq + 1) & 0xff;
      this.pos += PACKET_HEADER_LENGTH;
      payload.copy(this.buf, this.pos, from, from + size);
      this.pos += size;
    }
  }

  /** Drop the packet in progress (after an encoding failure), keeping finished ones. */
  abort(): void {
    if (this.start < 0) return;
    this.pos = this.start;
    this.start = -1;
  }

  /**
   * Give back a buffer returned by take() once nothing reads it any more (the socket's write
   * callback): the next take() reuses its memory instead of allocating. While a big result
   * streams, that is one fresh 128 KiB buffer less per 64 KiB chunk, i.e. less malloc and
   * far fewer garbage collections triggered by external memory.
   */
  recycle(b: Buffer): void {
    // only whole buffers of our own (never a slice of Node's shared allocation pool)
    const whole = b.byteOffset === 0 && b.length > COPY_OUT_LIMIT && b.buffer.byteLength > Buffer.poolSize;
    if (!whole || b.buffer.byteLength < this.initialSize || this.spare.length >= MAX_SPARE) return;
    this.spare.push(Buffer.from(b.buffer, 0, b.buffer.byteLength) as FastBuffer);
  }

  /** Hand over the finished packets (and forget them). Never includes a packet in progress. */
  take(): Buffer {
    const done = this.pending;
    if (done === 0) return Buffer.alloc(0);
    let out: Buffer;
    if (done <= COPY_OUT_LIMIT) {
      out = Buffer.allocUnsafe(done);
      this.buf.copy(out, 0, 0, done);
      this.buf.copy(this.buf, 0, done, this.pos);
    } else {
      out = this.buf.subarray(0, done);
      const size = Math.max(this.initialSize, (this.pos - done) * 2);
      const spare = this.spare.pop();
      const next = spare !== undefined && spare.length >= size ? spare : alloc(size);
      this.buf.copy(next, 0, done, this.pos);
      this.buf = next;
    }
    this.pos -= done;
    if (this.start >= 0) this.start -= done;
    return out;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = alloc(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int1(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  int2(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16LE(v & 0xffff, this.pos);
    this.pos += 2;
    return this;
  }

  int3(v: number): this {
    this.ensure(3);
    this.buf.writeUIntLE(v & 0xffffff, this.pos, 3);
    this.pos += 3;
    return this;
  }

  int4(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  /** 8-byte integer; negative values are written in two's complement. */
  int8(v: number | bigint): this {
    this.ensure(8);
    const b = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
    this.buf.writeBigUInt64LE(BigInt.asUintN(64, b), this.pos);
    this.pos += 8;
    return this;
  }

  float4(v: number): this {
    this.ensure(4);
    this.buf.writeFloatLE(v, this.pos);
    this.pos += 4;
    return this;
  }

  float8(v: number): this {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
    return this;
  }

  /** Length-encoded integer (1, 3, 4 or 9 bytes). */
  lenenc(v: number): this {
    if (v < 0xfb) return this.int1(v);
    if (v <= 0xffff) return this.int1(0xfc).int2(v);
    if (v <= 0xffffff) return this.int1(0xfd).int3(v);
    return this.int1(0xfe).int8(v);
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  lenencBytes(b: Uint8Array): this {
    return this.lenenc(b.length).bytes(b);
  }

  /**
   * Length-encoded UTF-8 string. Short strings (at most 250 bytes whatever their content) are
   * written first and the 1-byte length patched in afterwards, saving a byteLength() pass.
   */
  lenencString(s: string): this {
    const len = s.length;
    if (len <= 32) {
      // short ASCII text is copied in JS: cheaper than a native utf8Write call per cell
      this.ensure(1 + len * 3);
      const buf = this.buf;
      const at = this.pos + 1;
      let i = 0;
      for (; i < len; i++) {
        const ch = s.charCodeAt(i);
        if (ch >= 0x80) break;
        buf[at + i] = ch;
      }
      if (i === len) {
        buf[this.pos] = len;
        this.pos = at + len;
        return this;
      }
    }
    if (len <= 83) {
      this.ensure(1 + s.length * 3);
      const n = this.buf.utf8Write(s, this.pos + 1);
      this.buf[this.pos] = n;
      this.pos += 1 + n;
      return this;
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.lenenc(n);
    this.ensure(n);
    this.buf.utf8Write(s, this.pos, n);
    this.pos += n;
    return this;
  }

  /** Length-encoded decimal text of a safe integer (text-protocol INT/BIGINT cells). */
  lenencInteger(v: number): this {
    // Safe integers only (|v| < 2^53): digits written here cost no string and no native call.
    let u = v < 0 ? -v : v;
    const digits = decimalDigits(u);
    const n = digits + (v < 0 ? 1 : 0);
    this.ensure(1 + n);
    const buf = this.buf;
    buf[this.pos] = n;
    if (v < 0) buf[this.pos + 1] = 0x2d;
    let at = this.pos + n;
    // above 2^31 a float division; below it int32 arithmetic, which V8 does without doubles
    for (; u >= 0x80000000; at--) {
      const q = Math.floor(u / 10);
      buf[at] = 0x30 + (u - q * 10);
      u = q;
    }
    let i = u | 0;
    for (; i >= 10; at--) {
      const q = (i / 10) | 0;
      buf[at] = 0x30 + (i - q * 10);
      i = q;
    }
    buf[at] = 0x30 + i;
    this.pos += 1 + n;
    return this;
  }

  /** Length-encoded ASCII text (numbers, dates): one byte per char, no UTF-8 scan. */
  lenencAscii(s: string): this {
    const n = s.length;
    if (n < 0xfb) {
      this.ensure(1 + n);
      this.buf[this.pos] = n;
      this.buf.latin1Write(s, this.pos + 1, n);
      this.pos += 1 + n;
      return this;
    }
    this.lenenc(n);
    this.ensure(n);
    this.buf.latin1Write(s, this.pos, n);
    this.pos += n;
    return this;
  }

  /** UTF-8 string without terminator (string<EOF>). */
  string(s: string): this {
    const n = Buffer.byteLength(s, 'utf8');
    this.ensure(n);
    this.buf.utf8Write(s, this.pos, n);
    this.pos += n;
    return this;
  }

  nulString(s: string): this {
    return this.string(s).int1(0);
  }

  /** Reserve n bytes and return their offset, for fields patched later (NULL bitmaps). */
  reserve(n: number): number {
    this.ensure(n);
    const at = this.pos;
    this.buf.fill(0, at, at + n);
    this.pos += n;
    return at;
  }

  /** Set bit `bit` in a region returned by reserve(). */
  setBit(at: number, bit: number): void {
    const i = at + (bit >> 3);
    this.buf[i] = (this.buf[i] as number) | (1 << (bit & 7));
  }
}

/** Frame one payload as packet(s) starting at `seq` (tests and one-off replies). */
export function framePayload(payload: Uint8Array, seq: number): Buffer {
  const w = new PacketWriter(payload.length + 16);
  w.seq = seq;
  w.begin().bytes(payload).end();
  return w.take();
}
