/**
 * The SQL validate sends, built per side so both sides render equal logical rows to equal bytes:
 * a normalised text per column, a self-delimiting row encoding (length-prefixed values, 'N' for
 * NULL, so NULL ≠ '' and no separator can collide), and a 60-bit row hash (first 15 hex digits of
 * MD5) summed exactly (MySQL: SUM of BIGINT UNSIGNED is an exact DECIMAL; StarRocks: SUM over
 * LARGEINT) next to COUNT(*).
 */
import { quoteIdent, type Dialect } from '../common/index.js';
import type { Norm, PairedColumn } from './columns.js';

/** What one side reads: dialect, FROM clause and the row filter (watermark, --where). */
export interface Side {
  readonly dialect: Dialect;
  /** `db`.`t` or `(SELECT …) AS q`. */
  readonly from: string;
  /** SQL condition or '' (no filter). */
  readonly filter: string;
  /** Column names on this side, by paired column name. */
  readonly names: ReadonlyMap<string, string>;
  /** Paired names that are BIT on this side. */
  readonly bits: ReadonlySet<string>;
}

function intCast(dialect: Dialect, expr: string, unsigned = false): string {
  if (dialect === 'mysql') return `CAST(${expr} AS ${unsigned ? 'UNSIGNED' : 'SIGNED'})`;
  return `CAST(${expr} AS BIGINT)`;
}

/** The column's value rendered as text under `norm` (NULL stays NULL). */
export function normExpr(side: Side, column: PairedColumn | { name: string; norm: Norm }): string {
  const name = side.names.get(column.name) ?? column.name;
  const c = side.bits.has(column.name) ? `(${quoteIdent(name)} + 0)` : quoteIdent(name);
  const d = side.dialect;
  const n = column.norm;
  switch (n.kind) {
    case 'int':
    case 'bit':
      return n.kind === 'int' && n.bool && d === 'starrocks' ? `CAST(${c} AS TINYINT)` : `${c}`;
    case 'decimal': {
      // Scale to an integer so neither side's DECIMAL rendering (trailing zeros) matters.
      const factor = n.scale === 0 ? '' : ` * 1${'0'.repeat(n.scale)}`;
      return `CAST(${c}${factor} AS DECIMAL(${d === 'mysql' ? 65 : 38}, 0))`;
    }
    case 'float': {
      // Significant digits as "<mantissa>e<exponent>"; boundary cases that round apart are
      // settled by the tolerant row-level comparison.
      const e = `FLOOR(LOG10(ABS(${c})))`;
      const mant = `ROUND(${c} / POW(10, ${e} - ${n.digits - 1}))`;
      return `CASE WHEN ${c} IS NULL THEN NULL WHEN ${c} = 0 THEN '0' ELSE CONCAT(${intCast(d, mant)}, 'e', ${intCast(d, e)}) END`;
    }
    case 'string': {
      const s = d === 'mysql' ? `CONVERT(${c} USING utf8mb4)` : c;
      return n.rtrim ? `RTRIM(${s})` : s;
    }
    case 'date':
      return `DATE_FORMAT(${c}, '%Y-%m-%d')`;
    case 'datetime':
      return n.fsp === 0
        ? `DATE_FORMAT(${c}, '%Y-%m-%d %H:%i:%s')`
        : `SUBSTRING(DATE_FORMAT(${c}, '%Y-%m-%d %H:%i:%s.%f'), 1, ${20 + n.fsp})`;
    case 'binary':
      return `HEX(${c})`;
    case 'text':
      return d === 'mysql' ? `CONVERT(CAST(${c} AS CHAR) USING utf8mb4)` : `CAST(${c} AS VARCHAR)`;
  }
}

/** Self-delimiting encoding of one value: '<bytes>:<text>' or 'N' for NULL. */
function encode(text: string): string {
  return `COALESCE(CONCAT(LENGTH(${text}), ':', ${text}), 'N')`;
}

/** MD5 hex of the row encoding (key first, then the compared columns). */
export function rowMd5(side: Side, key: PairedColumn, columns: readonly PairedColumn[]): string {
  const parts = [key, ...columns].map((c) => encode(normExpr(side, c)));
  return `MD5(CONCAT(${parts.join(', ')}))`;
}

/** SUM of the 60-bit row hash, exact on both dialects. */
export function hashSum(side: Side, md5: string): string {
  const h = `CONV(SUBSTRING(${md5}, 1, 15), 16, 10)`;
  return side.dialect === 'mysql' ? `SUM(CAST(${h} AS UNSIGNED))` : `SUM(CAST(${h} AS LARGEINT))`;
}

/** `WHERE a AND b …` from non-empty conditions, or ''. */
export function where(...conditions: readonly string[]): string {
  const cs = conditions.filter((c) => c.trim() !== '');
  return cs.length === 0 ? '' : ` WHERE ${cs.map((c) => `(${c})`).join(' AND ')}`;
}

/** A hash bucket 0..fanout-1 of the key at bisection level `level` (for non-integer keys). */
export function hashBucket(side: Side, key: PairedColumn, level: number, fanout: number): string {
  const k = encode(normExpr(side, key));
  const digits = `CONV(SUBSTRING(MD5(${k}), ${1 + 2 * level}, 2), 16, 10)`;
  return `(${intCast(side.dialect, digits)} % ${fanout})`;
}

/** Integer-range segment number of the key within [lo, …] of `width`-wide slices. */
export function rangeBucket(side: Side, key: PairedColumn, lo: bigint, width: bigint): string {
  const k = quoteIdent(side.names.get(key.name) ?? key.name);
  return `((${k} - (${lo.toString()})) DIV ${width.toString()})`;
}

/** `k BETWEEN lo AND hi` for integer keys. */
export function rangeFilter(side: Side, key: PairedColumn, lo: bigint, hi: bigint): string {
  const k = quoteIdent(side.names.get(key.name) ?? key.name);
  return `${k} BETWEEN ${lo.toString()} AND ${hi.toString()}`;
}
