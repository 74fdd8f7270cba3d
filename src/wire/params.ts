import type { Value } from '../types/index.js';
import { ColumnType, PARAM_UNSIGNED } from './constants.js';
import { ProtocolError } from './protocol-error.js';
import { PayloadReader } from './reader.js';
import { formatDate, formatDateTime, formatTime } from './temporal.js';

/** Decoded COM_STMT_EXECUTE parameters and the types they were sent with. */
export interface ExecuteParams {
  readonly values: Value[];
  /** 2-byte types (type code | 0x8000 when unsigned); remembered for re-executions. */
  readonly types: readonly number[];
}

const BLOB_TYPES = new Set<number>([
  ColumnType.TINY_BLOB,
  ColumnType.MEDIUM_BLOB,
  ColumnType.LONG_BLOB,
  ColumnType.BLOB,
  ColumnType.GEOMETRY,
  ColumnType.BIT,
]);

const STRING_TYPES = new Set<number>([
  ColumnType.DECIMAL,
  ColumnType.NEWDECIMAL,
  ColumnType.VARCHAR,
  ColumnType.VAR_STRING,
  ColumnType.STRING,
  ColumnType.ENUM,
  ColumnType.SET,
  ColumnType.JSON,
]);

/** Binary data types arrive as bytes; every other long-data parameter is UTF-8 text. */
function bytesValue(typeCode: number, bytes: Buffer): Value {
  return BLOB_TYPES.has(typeCode) ? new Uint8Array(bytes) : bytes.toString('utf8');
}

function safeInteger(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function readDateParam(r: PayloadReader, dateOnly: boolean): string {
  const len = r.int1();
  if (len !== 0 && len !== 4 && len !== 7 && len !== 11) throw new ProtocolError(`bad date length ${len}`);
  const year = len >= 4 ? r.int2() : 0;
  const month = len >= 4 ? r.int1() : 0;
  const day = len >= 4 ? r.int1() : 0;
  if (dateOnly) {
    if (len > 4) r.skip(len - 4);
    return formatDate(year, month, day);
  }
  const hour = len >= 7 ? r.int1() : 0;
  const minute = len >= 7 ? r.int1() : 0;
  const second = len >= 7 ? r.int1() : 0;
  const micro = len === 11 ? r.int4() : 0;
  return formatDateTime({ year, month, day, hour, minute, second, micro });
}

function readTimeParam(r: PayloadReader): string {
  const len = r.int1();
  if (len !== 0 && len !== 8 && len !== 12) throw new ProtocolError(`bad time length ${len}`);
  if (len === 0) return '00:00:00';
  const negative = r.int1() === 1;
  const days = r.int4();
  const hour = r.int1();
  const minute = r.int1();
  const second = r.int1();
  const micro = len === 12 ? r.int4() : 0;
  return formatTime({ negative, days, hour, minute, second, micro });
}

/** Read one parameter value of the given 2-byte type. */
export function readParamValue(r: PayloadReader, type: number): Value {
  const code = type & 0xff;
  const unsigned = (type & PARAM_UNSIGNED) !== 0;
  switch (code) {
    case ColumnType.NULL:
      return null;
    case ColumnType.TINY:
      return unsigned ? r.int1() : r.sint1();
    case ColumnType.SHORT:
    case ColumnType.YEAR:
      return unsigned ? r.int2() : r.sint2();
    case ColumnType.LONG:
    case ColumnType.INT24:
      return unsigned ? r.int4() : r.sint4();
    case ColumnType.LONGLONG:
      return safeInteger(unsigned ? r.int8() : r.sint8());
    case ColumnType.FLOAT:
      return r.float4();
    case ColumnType.DOUBLE:
      return r.float8();
    case ColumnType.DATE:
    case ColumnType.NEWDATE:
      return readDateParam(r, true);
    case ColumnType.DATETIME:
    case ColumnType.TIMESTAMP:
    case ColumnType.DATETIME2:
    case ColumnType.TIMESTAMP2:
      return readDateParam(r, false);
    case ColumnType.TIME:
    case ColumnType.TIME2:
      return readTimeParam(r);
    default:
      if (STRING_TYPES.has(code) || BLOB_TYPES.has(code)) return bytesValue(code, r.lenencBytes());
      throw new ProtocolError(`unsupported parameter type ${code}`);
  }
}

/**
 * Decode the parameter block of COM_STMT_EXECUTE (everything after the iteration count): NULL
 * bitmap, new-params-bound flag, types (only when the flag is 1; otherwise the types of the
 * previous execution apply), then values. Parameters that received COM_STMT_SEND_LONG_DATA are
 * not in the value list; their accumulated bytes are used instead.
 */
export function decodeExecuteParams(
  block: Buffer,
  paramCount: number,
  previousTypes: readonly number[] | null,
  longData?: ReadonlyMap<number, Buffer>,
): ExecuteParams {
  if (paramCount === 0) return { values: [], types: [] };
  const r = new PayloadReader(block);
  const bitmap = r.bytes((paramCount + 7) >> 3);
  const bound = r.int1();
  let types: readonly number[];
  if (bound === 1) {
    const fresh: number[] = [];
    for (let i = 0; i < paramCount; i++) fresh.push(r.int2());
    types = fresh;
  } else if (previousTypes !== null && previousTypes.length === paramCount) {
    types = previousTypes;
  } else {
    throw new ProtocolError('parameter types were never sent for this statement');
  }
  const values: Value[] = [];
  for (let i = 0; i < paramCount; i++) {
    const type = types[i] as number;
    const isNull = ((bitmap[i >> 3] as number) & (1 << (i & 7))) !== 0;
    const long = longData?.get(i);
    if (isNull) values.push(null);
    else if (long !== undefined) values.push(bytesValue(type & 0xff, long));
    else values.push(readParamValue(r, type));
  }
  return { values, types };
}
