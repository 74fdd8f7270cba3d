/**
 * Fast column readers over DuckDB's raw vector memory for the common result types (VARCHAR,
 * BIGINT, INTEGER/SMALLINT/TINYINT, DOUBLE). node-api's `vector.getItem(row)` tests validity with
 * BigInt arithmetic and reads every VARCHAR longer than 12 bytes with its own native call; for a
 * wide result those two dominated the whole server (measured: 34 % of CPU in that native call
 * alone). Here validity is a byte lookup, numbers come straight from typed arrays, and the
 * non-inlined strings of a vector are copied out in a few contiguous runs (one native call per
 * run instead of per string).
 */
import { createRequire } from 'node:module';
import type { DuckDBType } from '@duckdb/node-api';
import { DuckDBTypeId } from './duckdb.js';
import type { SqlType, Value } from '../types/index.js';

/** The two binding functions used here (the package ships with @duckdb/node-api). */
interface RawBindings {
  vector_get_data(vector: unknown, byteCount: number): Uint8Array;
  vector_get_validity(vector: unknown, byteCount: number): Uint8Array | null;
  data_chunk_get_vector(chunk: unknown, column: number): unknown;
  get_data_from_pointer(buffer: ArrayBuffer, pointerOffset: number, byteCount: number): Uint8Array;
}

const bindings = createRequire(import.meta.url)('@duckdb/node-bindings') as RawBindings;

/** Fills column `c` of `rows` (already allocated) from the raw vector of one chunk. */
export type RawColumnReader = (chunk: unknown, c: number, rows: Value[][], rowCount: number) => void;

/**
 * Non-inlined strings closer than this are copied in one run: a gap shorter than a page cannot
 * contain an unmapped page, so reading across it is memory-safe (every byte of the gap shares a
 * page with a byte DuckDB owns).
 */
const MAX_GAP = 4096;
/** A run is cut when it grows past this (bounds the extra copy). */
const MAX_RUN = 1 << 20;
const TWO_32 = 2 ** 32;

/** Longer strings are always decoded (comparing them would rarely pay). */
const MAX_COMPARED = 64;

function sameBytes(b: Buffer, x: number, y: number, len: number): boolean {
  if (x === y) return true;
  for (let i = 0; i < len; i++) if (b[x + i] !== b[y + i]) return false;
  return true;
}

function validityOf(vector: unknown, rowCount: number): Uint8Array | null {
  return bindings.vector_get_validity(vector, Math.ceil(rowCount / 64) * 8);
}

function isNull(validity: Uint8Array | null, r: number): boolean {
  return validity !== null && ((validity[r >> 3] as number) & (1 << (r & 7))) === 0;
}

function readVarchar(chunk: unknown, c: number, rows: Value[][], rowCount: number): void {
  const vector = bindings.data_chunk_get_vector(chunk, c);
  const data = bindings.vector_get_data(vector, rowCount * 16);
  const validity = validityOf(vector, rowCount);
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const words = new Uint32Array(data.buffer, data.byteOffset, rowCount * 4);
  // run state: heap bytes [runStart, runEnd) copied from the slot of row runRow
  let run: Buffer | null = null;
  let runStart = 0;
  let runEnd = 0;
  let runRow = -1;
  let pendingFrom = -1;
  /** Slot (word index) and text of the last inlined string decoded. */
  let inl = -1;
  let inlText = '';
  const flushRun = (upTo: number): void => {
    // copy the run once and slice the strings of rows [pendingFrom, upTo) that lie in it
    if (runRow < 0) return;
    const copied = bindings.get_data_from_pointer(
      data.buffer as ArrayBuffer,
      data.byteOffset + runRow * 16 + 8,
      runEnd - runStart,
    );
    run = Buffer.from(copied.buffer, copied.byteOffset, copied.byteLength);
    // a string equal to the one decoded before it (a constant column, repeated values) is
    // reused: comparing a few dozen bytes in JS costs less than decoding them again
    let lastAt = -1;
    let lastLen = -1;
    let last = '';
    for (let r = pendingFrom; r < upTo; r++) {
      const len = words[r * 4] as number;
      if (len <= 12 || isNull(validity, r)) continue;
      const at = (words[r * 4 + 2] as number) + (words[r * 4 + 3] as number) * TWO_32 - runStart;
      if (len !== lastLen || len > MAX_COMPARED || !sameBytes(run, at, lastAt, len)) {
        last = run.toString('utf8', at, at + len);
        lastAt = at;
        lastLen = len;
      }
      (rows[r] as Value[])[c] = last;
    }
    runRow = -1;
  };
  for (let r = 0; r < rowCount; r++) {
    const row = rows[r] as Value[];
    if (isNull(validity, r)) {
      row[c] = null;
      continue;
    }
    const len = words[r * 4] as number;
    if (len <= 12) {
      // an inlined string whose 16 slot bytes equal the previous inlined one is the same text
      const w = r * 4;
      if (
        inl >= 0 &&
        len === words[inl] &&
        words[w + 1] === words[inl + 1] &&
        words[w + 2] === words[inl + 2] &&
        words[w + 3] === words[inl + 3]
      ) {
        row[c] = inlText;
        continue;
      }
      const at = r * 16 + 4;
      row[c] = inlText = bytes.toString('utf8', at, at + len);
      inl = w;
      continue;
    }
    const ptr = (words[r * 4 + 2] as number) + (words[r * 4 + 3] as number) * TWO_32;
    const end = ptr + len;
    if (runRow >= 0 && ptr >= runStart && end <= runEnd) continue;
    if (runRow >= 0 && ptr >= runStart && ptr <= runEnd + MAX_GAP && end - runStart <= MAX_RUN) {
      runEnd = end;
      continue;
    }
    flushRun(r);
    runRow = r;
    runStart = ptr;
    runEnd = end;
    pendingFrom = r;
  }
  flushRun(rowCount);
}

function numberReader(
  make: (buffer: ArrayBufferLike, offset: number, count: number) => ArrayLike<number>,
  width: number,
): RawColumnReader {
  return (chunk, c, rows, rowCount) => {
    const vector = bindings.data_chunk_get_vector(chunk, c);
    const data = bindings.vector_get_data(vector, rowCount * width);
    const validity = validityOf(vector, rowCount);
    const items = make(data.buffer, data.byteOffset, rowCount);
    for (let r = 0; r < rowCount; r++)
      (rows[r] as Value[])[c] = isNull(validity, r) ? null : (items[r] as number);
  };
}

function readBigint(chunk: unknown, c: number, rows: Value[][], rowCount: number): void {
  const vector = bindings.data_chunk_get_vector(chunk, c);
  const data = bindings.vector_get_data(vector, rowCount * 8);
  const validity = validityOf(vector, rowCount);
  const items = new BigInt64Array(data.buffer, data.byteOffset, rowCount);
  for (let r = 0; r < rowCount; r++) (rows[r] as Value[])[c] = isNull(validity, r) ? null : items[r]!;
}

/**
 * A raw reader when the column's DuckDB type and StarRocks type make the Value the plain
 * vector item (the same value `converterFor` would return), else null (use the converter).
 */
export function rawReaderFor(sqlType: SqlType, duckType: DuckDBType): RawColumnReader | null {
  const id = duckType.typeId;
  switch (sqlType.kind) {
    case 'char':
    case 'varchar':
    case 'string':
      return id === DuckDBTypeId.VARCHAR ? readVarchar : null;
    case 'bigint':
    case 'largeint':
      return id === DuckDBTypeId.BIGINT ? readBigint : null;
    case 'tinyint':
    case 'smallint':
    case 'int':
      if (id === DuckDBTypeId.INTEGER) return numberReader((b, o, n) => new Int32Array(b, o, n), 4);
      if (id === DuckDBTypeId.SMALLINT) return numberReader((b, o, n) => new Int16Array(b, o, n), 2);
      if (id === DuckDBTypeId.TINYINT) return numberReader((b, o, n) => new Int8Array(b, o, n), 1);
      return null;
    case 'double':
      return id === DuckDBTypeId.DOUBLE ? numberReader((b, o, n) => new Float64Array(b, o, n), 8) : null;
    default:
      return null;
  }
}
