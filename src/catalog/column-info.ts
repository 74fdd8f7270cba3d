/**
 * How a column looks in information_schema.columns (MySQL-compatible spellings, following
 * StarRocks' schema_columns_scanner / ScalarType.toMysql*): derived once when the column is
 * written to the metadata tables, so the information_schema views are plain projections.
 */
import { STRING_LENGTH, spellType, type SqlType } from '../types/index.js';

export interface ColumnInfoFields {
  readonly dataType: string;
  readonly columnType: string;
  readonly charMaxLength: number | null;
  readonly charOctetLength: number | null;
  readonly numericPrecision: number | null;
  readonly numericScale: number | null;
  readonly datetimePrecision: number | null;
}

/** StarRocks' SQL spelling of a type as SHOW CREATE TABLE prints it (`int(11)`, `decimal(10, 2)`). */
export function typeSql(t: SqlType): string {
  return spellType(t, { intWidths: true, largeintWidth: true, decimalSep: ', ', fieldSep: ', ' });
}

/** The type as DESC prints it: StarRocks' canonical name lower-cased (`int`, `decimal(10,2)`). */
export function typeDesc(t: SqlType): string {
  return spellType(t, { intWidths: false, largeintWidth: false, decimalSep: ',', fieldSep: ',' });
}

function dataType(t: SqlType): string {
  switch (t.kind) {
    case 'boolean':
      return 'tinyint';
    case 'largeint':
      return 'bigint unsigned';
    case 'string':
      return 'varchar';
    case 'array':
      return 'array';
    case 'map':
      return 'map';
    case 'struct':
      return 'struct';
    default:
      return t.kind;
  }
}

function columnType(t: SqlType): string {
  if (t.kind === 'boolean') return 'tinyint(1)';
  if (t.kind === 'largeint') return 'bigint(20) unsigned';
  if (t.kind === 'decimal') return `decimal(${t.precision},${t.scale})`;
  return typeSql(t);
}

const NUMERIC_PRECISION: Partial<Record<SqlType['kind'], number>> = {
  boolean: 3,
  tinyint: 3,
  smallint: 5,
  int: 10,
  bigint: 19,
  largeint: 39,
  float: 12,
  double: 22,
};

/** information_schema.columns renderings of a column type. */
export function columnInfoFields(t: SqlType): ColumnInfoFields {
  const length =
    t.kind === 'char' || t.kind === 'varchar' ? t.length : t.kind === 'string' ? STRING_LENGTH : null;
  const precision = t.kind === 'decimal' ? t.precision : (NUMERIC_PRECISION[t.kind] ?? null);
  const scale =
    t.kind === 'decimal'
      ? t.scale
      : precision !== null && t.kind !== 'float' && t.kind !== 'double'
        ? 0
        : null;
  return {
    dataType: dataType(t),
    columnType: columnType(t),
    charMaxLength: length,
    charOctetLength: length === null ? null : length * 4,
    numericPrecision: precision,
    numericScale: scale,
    datetimePrecision: t.kind === 'datetime' ? 0 : null,
  };
}
