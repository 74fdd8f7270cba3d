/** Render a mysql2 result the way PyMySQL + Python `str()` would (see python-text.ts). */
import { pythonBytesRepr, pythonDatetime, pythonFloat, pythonTimedelta } from './python-text.js';

/** MySQL column type codes used below. */
const TYPE = {
  decimal: 0,
  tiny: 1,
  short: 2,
  long: 3,
  float: 4,
  double: 5,
  timestamp: 7,
  longlong: 8,
  int24: 9,
  date: 10,
  time: 11,
  datetime: 12,
  year: 13,
  bit: 16,
  newdecimal: 246,
  tinyBlob: 249,
  mediumBlob: 250,
  longBlob: 251,
  blob: 252,
  varString: 253,
  string: 254,
} as const;

const INTEGER_TYPES = new Set<number>([
  TYPE.tiny,
  TYPE.short,
  TYPE.long,
  TYPE.longlong,
  TYPE.int24,
  TYPE.year,
]);
const BYTES_TYPES = new Set<number>([
  TYPE.tinyBlob,
  TYPE.mediumBlob,
  TYPE.longBlob,
  TYPE.blob,
  TYPE.varString,
  TYPE.string,
  TYPE.bit,
]);
const BINARY_CHARSET = 63;

export interface ColumnInfo {
  readonly columnType: number;
  readonly characterSet: number;
}

/** One cell as Python's str() of what PyMySQL returns. */
export function renderCell(raw: Buffer | null, column: ColumnInfo): string {
  if (raw === null) return 'None';
  const t = column.columnType;
  if (BYTES_TYPES.has(t) && (column.characterSet === BINARY_CHARSET || t === TYPE.bit))
    return renderBytes(raw);
  const text = raw.toString('utf8');
  if (INTEGER_TYPES.has(t)) return /^[-+]?\d+$/.test(text) ? BigInt(text).toString() : text;
  if (t === TYPE.float || t === TYPE.double) return pythonFloat(Number(text));
  if (t === TYPE.datetime || t === TYPE.timestamp) return pythonDatetime(text);
  if (t === TYPE.time) return pythonTimedelta(text);
  return text;
}

/** The runner decodes bytes as UTF-8 when possible, else shows Python's bytes repr. */
function renderBytes(raw: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return pythonBytesRepr(raw);
  }
}

/** Rows joined by newlines, cells by tabs. */
export function renderRows(
  rows: readonly (readonly (Buffer | null)[])[],
  columns: readonly ColumnInfo[],
): string[][] {
  return rows.map((row) =>
    row.map((cell, i) => renderCell(cell, columns[i] ?? { columnType: TYPE.varString, characterSet: 33 })),
  );
}
