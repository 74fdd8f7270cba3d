import type { SqlType } from '../types/index.js';
import { Charset, ColumnFlag, ColumnType } from './constants.js';
import type { PacketWriter } from './writer.js';

/** How one result column looks on the wire (Protocol::ColumnDefinition41 fields). */
export interface WireColumn {
  readonly type: number;
  readonly charset: number;
  readonly length: number;
  readonly flags: number;
  readonly decimals: number;
}

/** A result column as the codec needs it (mirrors session ColumnMeta, which it accepts). */
export interface ColumnInfo {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  readonly orgName?: string;
  readonly table?: string;
  readonly orgTable?: string;
  readonly db?: string;
  readonly primaryKey?: boolean;
}

/** MySQL's NOT_FIXED_DEC: "decimals not fixed", sent for FLOAT/DOUBLE. */
const NOT_FIXED_DEC = 31;
/** StarRocks sizes CHAR/VARCHAR columns as length × 3 (utf8mb3 max bytes per character). */
const UTF8_MAXLEN = 3;

function numeric(type: number, length: number, decimals = 0): WireColumn {
  return { type, charset: Charset.BINARY, length, flags: ColumnFlag.NUM, decimals };
}
function text(type: number, length: number): WireColumn {
  return { type, charset: Charset.UTF8_GENERAL_CI, length, flags: 0, decimals: 0 };
}
function binary(type: number, length: number, flags = 0): WireColumn {
  return { type, charset: Charset.BINARY, length, flags: flags | ColumnFlag.BINARY, decimals: 0 };
}

/**
 * The wire attributes of a StarRocks type, following StarRocks' MysqlCodec (type codes, lengths,
 * charset 63 for numbers/temporals and 33 for text; LARGEINT, JSON and nested types travel as
 * STRING). Flags add NUM for numbers and BINARY/BLOB for binary strings as MySQL does.
 */
export function wireColumnOf(t: SqlType): WireColumn {
  switch (t.kind) {
    case 'boolean':
      return numeric(ColumnType.TINY, 1);
    case 'tinyint':
      return numeric(ColumnType.TINY, 4);
    case 'smallint':
      return numeric(ColumnType.SHORT, 6);
    case 'int':
      return numeric(ColumnType.LONG, 11);
    case 'bigint':
      return numeric(ColumnType.LONGLONG, 20);
    case 'float':
      return numeric(ColumnType.FLOAT, 12, NOT_FIXED_DEC);
    case 'double':
      return numeric(ColumnType.DOUBLE, 22, NOT_FIXED_DEC);
    case 'decimal':
      return numeric(ColumnType.NEWDECIMAL, decimalLength(t.precision, t.scale), t.scale);
    case 'date':
      return { ...binary(ColumnType.DATE, 10), flags: 0 };
    case 'datetime':
      return { ...binary(ColumnType.DATETIME, 19), flags: 0 };
    case 'time':
      return { ...binary(ColumnType.TIME, 10), flags: 0 };
    case 'varchar':
      return text(ColumnType.VAR_STRING, t.length * UTF8_MAXLEN);
    case 'string':
      return text(ColumnType.VAR_STRING, 65533 * UTF8_MAXLEN);
    case 'char':
      return text(ColumnType.STRING, t.length * UTF8_MAXLEN);
    case 'binary':
    case 'varbinary':
      return binary(ColumnType.BLOB, t.length, ColumnFlag.BLOB);
    case 'largeint':
      return text(ColumnType.STRING, 40);
    case 'hll':
    case 'bitmap':
    case 'percentile':
      return text(ColumnType.STRING, 64 * UTF8_MAXLEN);
    case 'json':
    case 'array':
    case 'map':
    case 'struct':
    case 'null':
      return text(ColumnType.STRING, 60);
  }
}

/** DECIMAL(p,s) display length: digits + point (when s > 0) + sign, as StarRocks computes it. */
function decimalLength(precision: number, scale: number): number {
  if (precision === 0) return 0;
  return precision + (scale > 0 ? 1 : 0) + 3;
}

/** Flags from the column's nullability and key membership, added to the type's flags. */
export function columnFlags(col: ColumnInfo, wire: WireColumn): number {
  let flags = wire.flags;
  if (!col.nullable) flags |= ColumnFlag.NOT_NULL;
  if (col.primaryKey === true) flags |= ColumnFlag.PRI_KEY;
  return flags;
}

/**
 * The charset id for text columns, given the collation the client asked for in its handshake.
 * MySQL labels text columns with character_set_results (the client's charset); we do the same
 * for utf8mb4 collations, because some drivers (mysql2) decode utf8mb3 (33) as CESU-8 and would
 * mangle emoji. Everyone else gets StarRocks' 33.
 */
export function textCharsetFor(clientCharset: number): number {
  const utf8mb4 =
    clientCharset === Charset.UTF8MB4_GENERAL_CI ||
    clientCharset === 46 ||
    (clientCharset >= 224 && clientCharset <= 247) ||
    (clientCharset >= 255 && clientCharset <= 323);
  return utf8mb4 ? clientCharset : Charset.UTF8_GENERAL_CI;
}

/**
 * Write Protocol::ColumnDefinition41. `withDefault` appends the default-value field that only
 * COM_FIELD_LIST replies carry (sent as NULL). `textCharset` replaces 33 on text columns.
 */
export function writeColumnDefinition(
  w: PacketWriter,
  col: ColumnInfo,
  withDefault = false,
  textCharset: number = Charset.UTF8_GENERAL_CI,
): void {
  const wire = wireColumnOf(col.type);
  const charset = wire.charset === Charset.UTF8_GENERAL_CI ? textCharset : wire.charset;
  w.begin()
    .lenencString('def')
    .lenencString(col.db ?? '')
    .lenencString(col.table ?? '')
    .lenencString(col.orgTable ?? col.table ?? '')
    .lenencString(col.name)
    .lenencString(col.orgName ?? col.name)
    .int1(0x0c)
    .int2(charset)
    .int4(wire.length)
    .int1(wire.type)
    .int2(columnFlags(col, wire))
    .int1(wire.decimals)
    .int2(0);
  if (withDefault) w.int1(0xfb);
  w.end();
}

/** The placeholder definition sent for each `?` in a COM_STMT_PREPARE reply. */
export function writeParamDefinition(w: PacketWriter): void {
  w.begin()
    .lenencString('def')
    .lenencString('')
    .lenencString('')
    .lenencString('')
    .lenencString('?')
    .lenencString('')
    .int1(0x0c)
    .int2(Charset.BINARY)
    .int4(0)
    .int1(ColumnType.VAR_STRING)
    .int2(0)
    .int1(0)
    .int2(0)
    .end();
}
