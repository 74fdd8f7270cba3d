/**
 * A table's partitioning as data the write path, DDL and SHOW can use: derived from the stored
 * PARTITION BY clause (TableDefinition.partition) and the table's columns. The key of a row is
 * computed by DuckDB expressions over the storage columns (`keySql`), translated here from the
 * small set of partition functions StarRocks allows (date_trunc, time_slice, str2date,
 * from_unixtime[_ms], substr), so the catalog does not need the query compiler.
 */
import { SqlError } from '../../errors/index.js';
import type { AstExpr, AstPartitionDesc } from '../../sql/ast/index.js';
import type { SqlType } from '../../types/index.js';
import type { ColumnDescriptor } from '../api.js';

/** Granularity of time-function partitions (date_trunc / time_slice / START…EVERY). */
export type TimeUnit = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

export interface PartitionScheme {
  readonly kind: 'range' | 'list';
  /** Partition columns (the storage columns the keys are computed from). */
  readonly columns: readonly string[];
  /**
   * PartitionKey as SHOW PARTITIONS prints it: with several expressions StarRocks turns each
   * function into a generated column `__generated_partition_column_<n>`.
   */
  readonly keyNames: readonly string[];
  /** Type of each key value (after the partition expression). */
  readonly keyTypes: readonly SqlType[];
  /** DuckDB expression per key over the storage columns (quoted column names). */
  readonly keySql: readonly string[];
  /** Expression partitioning: partitions are created on write. */
  readonly auto: boolean;
  /** Time granularity of auto range partitions: key truncated to `step` units. */
  readonly granularity?: { readonly unit: TimeUnit; readonly step: number };
}

/** Double-quoted DuckDB identifier. */
export function qi(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
/** Single-quoted DuckDB string literal. */
export function qs(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** DuckDB type of a partition key (the key types StarRocks allows). */
export function keyDuckType(t: SqlType): string {
  switch (t.kind) {
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'TIMESTAMP';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'largeint':
      return 'HUGEINT';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

const UNITS: readonly TimeUnit[] = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];

function columnOf(columns: readonly ColumnDescriptor[], e: AstExpr): ColumnDescriptor {
  if (e.kind !== 'column') throw analysis('Unsupported partition expression');
  const name = e.parts[e.parts.length - 1] ?? '';
  const c = columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (c === undefined) throw analysis(`Partition column[${name}] does not exist in column list`);
  return c;
}

function stringArg(e: AstExpr | undefined): string {
  if (e?.kind === 'string') return e.value;
  throw analysis('Unsupported partition expression');
}

interface KeyExpr {
  readonly column: ColumnDescriptor;
  readonly sql: string;
  readonly type: SqlType;
  readonly granularity?: { readonly unit: TimeUnit; readonly step: number };
}

/** Translate one partition expression (a column or an allowed function of one column). */
function keyExpr(columns: readonly ColumnDescriptor[], e: AstExpr): KeyExpr {
  if (e.kind === 'column') {
    const c = columnOf(columns, e);
    return { column: c, sql: qi(c.name), type: c.type };
  }
  if (e.kind !== 'call') throw analysis('Unsupported partition expression');
  const fn = (e.name[e.name.length - 1] ?? '').toLowerCase();
  if (fn === 'date_trunc') {
    const unit = stringArg(e.args[0]).toLowerCase() as TimeUnit;
    if (!UNITS.includes(unit)) throw analysis(`Unsupported date_trunc unit ${unit}`);
    const inner = keyExpr(columns, e.args[1] as AstExpr);
    const t = inner.type;
    if (t.kind !== 'date' && t.kind !== 'datetime')
      throw analysis('date_trunc partition column type must be DATE or DATETIME');
    const sql = `CAST(date_trunc(${qs(unit)}, ${inner.sql}) AS ${keyDuckType(t)})`;
    return { column: inner.column, sql, type: t, granularity: { unit, step: 1 } };
  }
  if (fn === 'time_slice') {
    const inner = keyExpr(columns, e.args[0] as AstExpr);
    // time_slice(col, INTERVAL n unit [, 'floor']) or time_slice(col, n, 'unit' [, 'floor']).
    const iv = e.args[1];
    let step: number;
    let unit: TimeUnit;
    if (iv?.kind === 'interval' && iv.value.kind === 'number') {
      step = Number(iv.value.text);
      unit = iv.unit.toLowerCase() as TimeUnit;
    } else if (iv?.kind === 'number') {
      step = Number(iv.text);
      unit = stringArg(e.args[2]).toLowerCase() as TimeUnit;
    } else throw analysis('Unsupported time_slice');
    if (!UNITS.includes(unit)) throw analysis(`Unsupported time_slice unit ${unit}`);
    const sql = `CAST(time_bucket(INTERVAL ${step} ${unit}, CAST(${inner.sql} AS TIMESTAMP), TIMESTAMP '0001-01-01 00:00:00') AS ${keyDuckType(inner.type)})`;
    return { column: inner.column, sql, type: inner.type, granularity: { unit, step } };
  }
  if (fn === 'str2date') {
    const inner = keyExpr(columns, e.args[0] as AstExpr);
    // MySQL-style format → strptime: %i minutes, %s seconds, %h 12-hour.
    const fmt = stringArg(e.args[1]).replace(/%i/g, '%M').replace(/%s/g, '%S').replace(/%h/g, '%I');
    return {
      column: inner.column,
      sql: `CAST(try_strptime(${inner.sql}, ${qs(fmt)}) AS DATE)`,
      type: { kind: 'date' },
    };
  }
  if (fn === 'from_unixtime' || fn === 'from_unixtime_ms') {
    const inner = keyExpr(columns, e.args[0] as AstExpr);
    const div = fn === 'from_unixtime_ms' ? ' / 1000' : '';
    const sql = `CAST(make_timestamp(CAST(${inner.sql}${div} AS BIGINT) * 1000000) AS TIMESTAMP)`;
    return { column: inner.column, sql, type: { kind: 'datetime' } };
  }
  if (fn === 'mod' && e.args[1]?.kind === 'number') {
    // Integer remainder with the dividend's sign (StarRocks and DuckDB agree); NULL stays NULL.
    const inner = keyExpr(columns, e.args[0] as AstExpr);
    return { column: inner.column, sql: `(${inner.sql} % ${e.args[1].text})`, type: inner.type };
  }
  if (fn === 'substr' || fn === 'substring') {
    const inner = keyExpr(columns, e.args[0] as AstExpr);
    const from = e.args[1]?.kind === 'number' ? e.args[1].text : '1';
    const len = e.args[2]?.kind === 'number' ? `, ${e.args[2].text}` : '';
    return { column: inner.column, sql: `substring(${inner.sql}, ${from}${len})`, type: inner.type };
  }
  throw analysis(`Unsupported partition function ${fn}`);
}

/** The scheme of a table, or null for an unpartitioned table. */
export function schemeOf(
  partition: AstPartitionDesc | undefined,
  columns: readonly ColumnDescriptor[],
): PartitionScheme | null {
  if (partition === undefined) return null;
  const keys = partition.exprs.map((e) => keyExpr(columns, e));
  const granularity = keys.length === 1 ? keys[0]?.granularity : undefined;
  let generated = 0;
  const multi = partition.kind === 'expr' && partition.exprs.length > 1;
  const keyNames = partition.exprs.map((e, i) =>
    multi && e.kind !== 'column'
      ? `__generated_partition_column_${generated++}`
      : (keys[i]?.column.name ?? ''),
  );
  const base = {
    columns: keys.map((k) => k.column.name),
    keyNames,
    keyTypes: keys.map((k) => k.type),
    keySql: keys.map((k) => k.sql),
  };
  if (partition.kind === 'list') return { kind: 'list', ...base, auto: false };
  if (partition.kind === 'range')
    return {
      kind: 'range',
      ...base,
      auto: granularity !== undefined,
      ...(granularity ? { granularity } : {}),
    };
  // Expression partitioning: a time function makes day/month/… ranges, plain columns make lists.
  if (granularity !== undefined) return { kind: 'range', ...base, auto: true, granularity };
  return { kind: 'list', ...base, auto: true };
}
