/**
 * StarRocks data types as plain data. Every phase (analyzer, codegen, engine, wire) speaks these.
 * STRING is VARCHAR(65533) in StarRocks; it is kept as its own kind so SHOW CREATE TABLE can print it back.
 */
export type SqlType =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'tinyint' }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'int' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'largeint' }
  | { readonly kind: 'float' }
  | { readonly kind: 'double' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'date' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'time' }
  | { readonly kind: 'char'; readonly length: number }
  | { readonly kind: 'varchar'; readonly length: number }
  | { readonly kind: 'string' }
  | { readonly kind: 'binary'; readonly length: number }
  | { readonly kind: 'varbinary'; readonly length: number }
  | { readonly kind: 'json' }
  | { readonly kind: 'array'; readonly element: SqlType }
  | { readonly kind: 'map'; readonly key: SqlType; readonly value: SqlType }
  | { readonly kind: 'struct'; readonly fields: readonly StructField[] }
  | { readonly kind: 'hll' }
  | { readonly kind: 'bitmap' }
  | { readonly kind: 'percentile' };

export interface StructField {
  readonly name: string;
  readonly type: SqlType;
}

export type SqlTypeKind = SqlType['kind'];

/** Length of STRING / default VARCHAR in StarRocks. */
export const STRING_LENGTH = 65533;

export const T = {
  null: { kind: 'null' },
  boolean: { kind: 'boolean' },
  tinyint: { kind: 'tinyint' },
  smallint: { kind: 'smallint' },
  int: { kind: 'int' },
  bigint: { kind: 'bigint' },
  largeint: { kind: 'largeint' },
  float: { kind: 'float' },
  double: { kind: 'double' },
  date: { kind: 'date' },
  datetime: { kind: 'datetime' },
  time: { kind: 'time' },
  string: { kind: 'string' },
  json: { kind: 'json' },
  hll: { kind: 'hll' },
  bitmap: { kind: 'bitmap' },
  percentile: { kind: 'percentile' },
  varchar: (length: number = STRING_LENGTH): SqlType => ({ kind: 'varchar', length }),
  char: (length: number = 1): SqlType => ({ kind: 'char', length }),
  decimal: (precision: number, scale: number): SqlType => ({ kind: 'decimal', precision, scale }),
  array: (element: SqlType): SqlType => ({ kind: 'array', element }),
} as const satisfies Record<string, SqlType | ((...args: never[]) => SqlType)>;

const INTEGER_KINDS = new Set<SqlTypeKind>(['tinyint', 'smallint', 'int', 'bigint', 'largeint']);
const STRING_KINDS = new Set<SqlTypeKind>(['char', 'varchar', 'string']);

export function isIntegerType(t: SqlType): boolean {
  return INTEGER_KINDS.has(t.kind);
}
export function isNumericType(t: SqlType): boolean {
  return INTEGER_KINDS.has(t.kind) || t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal';
}
export function isStringType(t: SqlType): boolean {
  return STRING_KINDS.has(t.kind);
}
export function isTemporalType(t: SqlType): boolean {
  return t.kind === 'date' || t.kind === 'datetime';
}

/** Where StarRocks' spellings of a type differ between its outputs (the rest is shared). */
export interface TypeSpelling {
  /** MySQL display widths on TINYINT…BIGINT (`int(11)`). */
  readonly intWidths: boolean;
  /** `largeint(40)` rather than `largeint`. */
  readonly largeintWidth: boolean;
  /** Between a decimal's precision and scale. */
  readonly decimalSep: string;
  /** Between a struct's fields. */
  readonly fieldSep: string;
}

const INT_WIDTHS = { tinyint: 4, smallint: 6, int: 11, bigint: 20 } as const;

/** A type spelled in one of StarRocks' styles. */
export function spellType(t: SqlType, style: TypeSpelling): string {
  const inner = (x: SqlType) => spellType(x, style);
  switch (t.kind) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
      return style.intWidths ? `${t.kind}(${INT_WIDTHS[t.kind]})` : t.kind;
    case 'largeint':
      return style.largeintWidth ? 'largeint(40)' : 'largeint';
    case 'decimal':
      return `decimal(${t.precision}${style.decimalSep}${t.scale})`;
    case 'char':
    case 'varchar':
    case 'binary':
    case 'varbinary':
      return `${t.kind}(${t.length})`;
    case 'string':
      return `varchar(${STRING_LENGTH})`;
    case 'array':
      return `array<${inner(t.element)}>`;
    case 'map':
      return `map<${inner(t.key)},${inner(t.value)}>`;
    case 'struct':
      return `struct<${t.fields.map((f) => `${f.name} ${inner(f.type)}`).join(style.fieldSep)}>`;
    case 'null':
      return 'null_type';
    default:
      return t.kind;
  }
}

const FORMAT_STYLE: TypeSpelling = { intWidths: false, largeintWidth: true, decimalSep: ',', fieldSep: ', ' };

/** StarRocks' spelling of a type, as SHOW CREATE TABLE and DESC print it. */
export function formatType(t: SqlType): string {
  return spellType(t, FORMAT_STYLE);
}
