/**
 * Thrift's binary protocol (TBinaryProtocol, strict message headers) as a pure codec: a writer for
 * calls and a generic reader that decodes any reply into plain values, so struct layouts live in
 * the callers (hms/messages.ts) as field-number lookups. Written here rather than generated from
 * the IDL: HMS needs a handful of calls, and unknown fields of newer Hive versions are simply
 * skipped by the generic reader.
 */

/** Thrift wire type ids. */
export const TType = {
  STOP: 0,
  BOOL: 2,
  BYTE: 3,
  DOUBLE: 4,
  I16: 6,
  I32: 8,
  I64: 10,
  STRING: 11,
  STRUCT: 12,
  MAP: 13,
  SET: 14,
  LIST: 15,
} as const;

/** Message types of the header. */
export const MessageType = { CALL: 1, REPLY: 2, EXCEPTION: 3, ONEWAY: 4 } as const;

const VERSION_1 = 0x80010000;

/** A decoded struct: field id → value (unknown fields included). */
export interface ThriftStruct {
  readonly kind: 'struct';
  readonly fields: ReadonlyMap<number, ThriftValue>;
}
/** Decoded values: strings are UTF-8 text, i64 is a bigint, containers are arrays/maps. */
export type ThriftValue =
  | boolean
  | number
  | bigint
  | string
  | ThriftStruct
  | readonly ThriftValue[]
  | ReadonlyMap<ThriftValue, ThriftValue>;

/** The bytes end before the value does: wait for more input. */
export class IncompleteInput extends Error {
  constructor() {
    super('incomplete thrift message');
  }
}

/** The bytes cannot be a valid message (wrong version, negative sizes, unknown types). */
export class ThriftProtocolError extends Error {}

/** Builds one message: header, then fields of the argument struct, then STOP. */
export class ThriftWriter {
  private parts: Buffer[] = [];

  /** Strict header: version|type, method name, sequence id. */
  messageBegin(name: string, type: number, seqId: number): this {
    this.i32(VERSION_1 | type);
    this.string(name);
    return this.i32(seqId);
  }

  fieldBegin(type: number, id: number): this {
    this.byte(type);
    return this.i16(id);
  }

  fieldString(id: number, value: string): this {
    return this.fieldBegin(TType.STRING, id).string(value);
  }

  fieldI16(id: number, value: number): this {
    return this.fieldBegin(TType.I16, id).i16(value);
  }

  fieldI32(id: number, value: number): this {
    return this.fieldBegin(TType.I32, id).i32(value);
  }

  stop(): this {
    return this.byte(TType.STOP);
  }

  byte(v: number): this {
    const b = Buffer.alloc(1);
    b.writeInt8(v > 127 ? v - 256 : v);
    this.parts.push(b);
    return this;
  }

  i16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }

  i32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v | 0);
    this.parts.push(b);
    return this;
  }

  string(v: string): this {
    const bytes = Buffer.from(v, 'utf8');
    this.i32(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** A decoded message header plus its body struct. */
export interface ThriftMessage {
  readonly name: string;
  readonly type: number;
  readonly seqId: number;
  readonly body: ThriftStruct;
  /** Bytes the message occupied. */
  readonly length: number;
}

/** Nesting deeper than this is refused (a hostile peer cannot blow the stack). */
const MAX_DEPTH = 64;

/** Reads values from a buffer; throws IncompleteInput when it runs out of bytes. */
export class ThriftReader {
  private pos = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly maxContainer = 10_000_000,
  ) {}

  get offset(): number {
    return this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new IncompleteInput();
  }

  byte(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }

  i16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  i64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  double(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  string(): string {
    const n = this.size();
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  private size(): number {
    const n = this.i32();
    if (n < 0 || n > this.maxContainer) throw new ThriftProtocolError(`bad thrift size ${n}`);
    return n;
  }

  /** Strict header only (TBinaryProtocol with strictWrite, what HMS and every client send). */
  message(): ThriftMessage {
    const start = this.pos;
    const word = this.i32();
    if ((word & 0xffff0000) !== (VERSION_1 | 0)) throw new ThriftProtocolError('bad thrift message version');
    const type = word & 0xff;
    const name = this.string();
    const seqId = this.i32();
    const body = this.struct(0);
    return { name, type, seqId, body, length: this.pos - start };
  }

  struct(depth: number): ThriftStruct {
    if (depth > MAX_DEPTH) throw new ThriftProtocolError('thrift nesting too deep');
    const fields = new Map<number, ThriftValue>();
    for (;;) {
      const type = this.byte();
      if (type === TType.STOP) return { kind: 'struct', fields };
      const id = this.i16();
      fields.set(id, this.value(type, depth + 1));
    }
  }

  value(type: number, depth: number): ThriftValue {
    switch (type) {
      case TType.BOOL:
        return this.byte() !== 0;
      case TType.BYTE:
        return this.byte();
      case TType.DOUBLE:
        return this.double();
      case TType.I16:
        return this.i16();
      case TType.I32:
        return this.i32();
      case TType.I64:
        return this.i64();
      case TType.STRING:
        return this.string();
      case TType.STRUCT:
        return this.struct(depth);
      case TType.MAP: {
        const kt = this.byte();
        const vt = this.byte();
        const n = this.size();
        const m = new Map<ThriftValue, ThriftValue>();
        for (let i = 0; i < n; i++) {
          const k = this.value(kt, depth + 1);
          m.set(k, this.value(vt, depth + 1));
        }
        return m;
      }
      case TType.SET:
      case TType.LIST: {
        const et = this.byte();
        const n = this.size();
        const out: ThriftValue[] = [];
        for (let i = 0; i < n; i++) out.push(this.value(et, depth + 1));
        return out;
      }
      default:
        throw new ThriftProtocolError(`unknown thrift type ${type}`);
    }
  }
}

/** Decode one message from the start of `buf`; null when more bytes are needed. */
export function readMessage(buf: Buffer): ThriftMessage | null {
  try {
    return new ThriftReader(buf).message();
  } catch (error) {
    if (error instanceof IncompleteInput) return null;
    throw error;
  }
}

// --- typed access to decoded structs -------------------------------------------------------------

const EMPTY: ThriftStruct = { kind: 'struct', fields: new Map() };

/** A decoded value is a struct. */
export function isStruct(v: ThriftValue | undefined): v is ThriftStruct {
  return typeof v === 'object' && 'kind' in v && v.kind === 'struct';
}

/** Field `id` as an integer (null when absent). */
export function int(s: ThriftStruct | undefined, id: number): number | null {
  const v = s?.fields.get(id);
  return typeof v === 'number' ? v : null;
}

/** Field `id` as text ('' when absent or not text). */
export function str(s: ThriftStruct | undefined, id: number): string {
  const v = s?.fields.get(id);
  return typeof v === 'string' ? v : '';
}

/** Field `id` as a struct (empty when absent). */
export function struct(s: ThriftStruct | undefined, id: number): ThriftStruct {
  const v = s?.fields.get(id);
  return isStruct(v) ? v : EMPTY;
}

/** Field `id` as a list (empty when absent). */
export function list(s: ThriftStruct | undefined, id: number): readonly ThriftValue[] {
  const v = s?.fields.get(id);
  return Array.isArray(v) ? (v as readonly ThriftValue[]) : [];
}

/** Field `id` as a string→string map (parameters). */
export function stringMap(s: ThriftStruct | undefined, id: number): Record<string, string> {
  const v = s?.fields.get(id);
  const out: Record<string, string> = {};
  if (v instanceof Map)
    for (const [k, x] of v) if (typeof k === 'string' && typeof x === 'string') out[k] = x;
  return out;
}
