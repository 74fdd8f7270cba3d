import { renderDouble } from '../types/index.js';
import type { RowBatch, SqlType, Value } from '../types/index.js';
import { LENENC_NULL } from './constants.js';
import { parseDateTime, parseTime } from './temporal.js';
import type { PacketWriter } from './writer.js';

/** Writes one non-NULL cell of a known column type. Built once per result, called per value. */
export type CellWriter = (w: PacketWriter, v: Exclude<Value, null>) => void;

/** A value the binary encoder cannot represent in its column's type (a bug upstream). */
export class CellEncodingError extends Error {
  override readonly name = 'CellEncodingError';
}

function asText(v: Exclude<Value, null>): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** A bigint cell: digits written in place while the value is a safe integer (the usual case). */
function bigintText(w: PacketWriter, v: bigint): void {
  // one conversion instead of two BigInt comparisons; values beyond ±(2^53 - 1) round to a
  // number outside the safe range, so they still take the exact toString() path
  const n = Number(v);
  if (n <= Number.MAX_SAFE_INTEGER && n >= Number.MIN_SAFE_INTEGER) w.lenencInteger(n);
  else w.lenencAscii(v.toString());
}

/**
 * Text-protocol cell: every value as a length-encoded string, rendered like StarRocks does
 * (booleans 1/0, doubles in shortest round-trip form, byte strings verbatim). The common
 * (column type, value type) pairs are tested first; anything else takes the general path.
 */
export function textCellWriter(t: SqlType): CellWriter {
  const isFloat = t.kind === 'float' || t.kind === 'double';
  const general: CellWriter = (w, v) => {
    switch (typeof v) {
      case 'string':
        w.lenencString(v);
        return;
      case 'number':
        if (isFloat || !Number.isInteger(v)) w.lenencAscii(renderDouble(v));
        else if (Number.isSafeInteger(v)) w.lenencInteger(v);
        else w.lenencAscii(String(v));
        return;
      case 'bigint':
        bigintText(w, v);
        return;
      case 'boolean':
        w.lenencAscii(v ? '1' : '0');
        return;
      default:
        w.lenencBytes(v);
    }
  };
  switch (t.kind) {
    case 'bigint':
    case 'largeint':
      return (w, v) => (typeof v === 'bigint' ? bigintText(w, v) : general(w, v));
    case 'char':
    case 'varchar':
    case 'string':
      return (w, v) => (typeof v === 'string' ? w.lenencString(v) : general(w, v));
    default:
      return general;
  }
}

/** Encode text-protocol rows `rows[from..to)` (Protocol::ResultsetRow), one packet each. */
export function writeTextRows(
  w: PacketWriter,
  rows: RowBatch,
  cells: readonly CellWriter[],
  from = 0,
  to = rows.length,
): void {
  const n = cells.length;
  for (let r = from; r < to; r++) {
    const row = rows[r] as readonly Value[];
    w.begin();
    for (let i = 0; i < n; i++) {
      const v = row[i];
      if (v === null || v === undefined) w.int1(LENENC_NULL);
      else (cells[i] as CellWriter)(w, v);
    }
    w.end();
  }
}

function toNumber(v: Exclude<Value, null>): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  const n = Number(asText(v));
  if (Number.isNaN(n) && asText(v).trim().toLowerCase() !== 'nan') {
    throw new CellEncodingError(`cannot encode '${asText(v)}' as a number`);
  }
  return n;
}

function toBigInt(v: Exclude<Value, null>): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  try {
    return BigInt(typeof v === 'boolean' ? (v ? 1 : 0) : asText(v).trim());
  } catch {
    throw new CellEncodingError(`cannot encode '${asText(v)}' as BIGINT`);
  }
}

function writeDate(w: PacketWriter, v: Exclude<Value, null>, withTime: boolean): void {
  const p = parseDateTime(asText(v));
  if (p === null) throw new CellEncodingError(`cannot encode '${asText(v)}' as a date`);
  const hasTime = withTime && (p.hour !== 0 || p.minute !== 0 || p.second !== 0 || p.micro !== 0);
  if (!hasTime && p.year === 0 && p.month === 0 && p.day === 0) {
    w.int1(0);
    return;
  }
  if (!hasTime) {
    w.int1(4).int2(p.year).int1(p.month).int1(p.day);
    return;
  }
  w.int1(p.micro > 0 ? 11 : 7)
    .int2(p.year)
    .int1(p.month)
    .int1(p.day)
    .int1(p.hour)
    .int1(p.minute)
    .int1(p.second);
  if (p.micro > 0) w.int4(p.micro);
}

function writeTime(w: PacketWriter, v: Exclude<Value, null>): void {
  const p = parseTime(asText(v));
  if (p === null) throw new CellEncodingError(`cannot encode '${asText(v)}' as TIME`);
  if (p.days === 0 && p.hour === 0 && p.minute === 0 && p.second === 0 && p.micro === 0) {
    w.int1(0);
    return;
  }
  w.int1(p.micro > 0 ? 12 : 8)
    .int1(p.negative ? 1 : 0)
    .int4(p.days)
    .int1(p.hour)
    .int1(p.minute)
    .int1(p.second);
  if (p.micro > 0) w.int4(p.micro);
}

const lenencCell: CellWriter = (w, v) => {
  if (typeof v === 'string') w.lenencString(v);
  else if (v instanceof Uint8Array) w.lenencBytes(v);
  else if (typeof v === 'boolean') w.lenencAscii(v ? '1' : '0');
  else w.lenencAscii(typeof v === 'number' && !Number.isInteger(v) ? renderDouble(v) : String(v));
};

/**
 * Binary-protocol cell (Protocol::BinaryResultsetRow): fixed-width little-endian integers and
 * floats, date/time structs, everything else as a length-encoded string. Must agree with the
 * type code wireColumnOf() announces for the same SqlType.
 */
export function binaryCellWriter(t: SqlType): CellWriter {
  switch (t.kind) {
    case 'boolean':
    case 'tinyint':
      return (w, v) => void w.int1(toNumber(v));
    case 'smallint':
      return (w, v) => void w.int2(toNumber(v));
    case 'int':
      return (w, v) => void w.int4(toNumber(v));
    case 'bigint':
      return (w, v) => void w.int8(toBigInt(v));
    case 'float':
      return (w, v) => void w.float4(toNumber(v));
    case 'double':
      return (w, v) => void w.float8(toNumber(v));
    case 'date':
      return (w, v) => writeDate(w, v, false);
    case 'datetime':
      return (w, v) => writeDate(w, v, true);
    case 'time':
      return writeTime;
    default:
      return lenencCell;
  }
}

/** Encode binary-protocol rows `rows[from..to)`: 0x00, NULL bitmap (offset 2), non-NULL values. */
export function writeBinaryRows(
  w: PacketWriter,
  rows: RowBatch,
  cells: readonly CellWriter[],
  from = 0,
  to = rows.length,
): void {
  const n = cells.length;
  const bitmapLength = (n + 7 + 2) >> 3;
  for (let r = from; r < to; r++) {
    const row = rows[r] as readonly Value[];
    w.begin().int1(0);
    const bitmap = w.reserve(bitmapLength);
    for (let i = 0; i < n; i++) {
      const v = row[i];
      if (v === null || v === undefined) w.setBit(bitmap, i + 2);
      else (cells[i] as CellWriter)(w, v);
    }
    w.end();
  }
}
