/**
 * Partition bound values as normalised text (dates `YYYY-MM-DD`, datetimes `YYYY-MM-DD HH:MM:SS`,
 * integers in decimal, strings as written) with ordering, StarRocks' MINVALUE/MAXVALUE renderings,
 * time arithmetic for EVERY/auto partitions and StarRocks' partition names (p20230101 …).
 */
import { SqlError } from '../../errors/index.js';
import type { AstLiteral, AstPartitionValue } from '../../sql/ast/index.js';
import type { SqlType } from '../../types/index.js';
import type { TimeUnit } from './scheme.js';

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

const INT_RANGE: Record<string, readonly [bigint, bigint]> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
  largeint: [-(2n ** 127n), 2n ** 127n - 1n],
};

function isInt(t: SqlType): boolean {
  return t.kind in INT_RANGE;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Normalise a literal for a key of type `t`; null stays null (list partitions may hold NULL). */
export function normalizeValue(t: SqlType, lit: AstLiteral | string | null): string | null {
  if (lit === null) return null;
  let text: string;
  if (typeof lit === 'string') text = lit;
  else if (lit.kind === 'null') return null;
  else if (lit.kind === 'string' || lit.kind === 'typed-string') text = lit.value;
  else if (lit.kind === 'number') text = lit.text;
  else if (lit.kind === 'bool') text = lit.value ? 'true' : 'false';
  else throw analysis('Invalid partition value');
  if (t.kind === 'date' || t.kind === 'datetime') {
    const m = /^(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?/.exec(text.trim());
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
    const p = m ?? (compact ? [compact[0], compact[1], compact[2], compact[3]] : null);
    if (p === null) throw analysis(`Invalid date value: ${text}`);
    const date = `${pad(Number(p[1]), 4)}-${pad(Number(p[2]))}-${pad(Number(p[3]))}`;
    if (t.kind === 'date') return date;
    return `${date} ${pad(Number(p[4] ?? 0))}:${pad(Number(p[5] ?? 0))}:${pad(Number(p[6] ?? 0))}`;
  }
  if (isInt(t)) {
    if (!/^\s*-?\d+\s*$/.test(text)) throw analysis(`Invalid number format: ${text}`);
    const v = BigInt(text.trim());
    const range = INT_RANGE[t.kind] as readonly [bigint, bigint];
    if (v < range[0] || v > range[1])
      throw analysis(`Number out of range[${text}]. type: ${t.kind.toUpperCase()}`);
    return v.toString();
  }
  return text;
}

/** Bound of a range partition: text, or null meaning MINVALUE (lower) / MAXVALUE (upper). */
export function boundValue(t: SqlType, v: AstPartitionValue): string | null {
  return v.kind === 'maxvalue' ? null : normalizeValue(t, v);
}

/** Order two normalised values of type t. */
export function compareValue(t: SqlType, a: string, b: string): number {
  if (isInt(t)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lexicographic order of bound tuples; `missing` says how a null (MIN/MAX) entry sorts. */
export function compareTuple(
  types: readonly SqlType[],
  a: readonly (string | null)[],
  b: readonly (string | null)[],
  missing: 'min' | 'max',
): number {
  for (let i = 0; i < types.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === null && y === null) continue;
    if (x === null) return missing === 'min' ? -1 : 1;
    if (y === null) return missing === 'min' ? 1 : -1;
    const c = compareValue(types[i] as SqlType, x, y);
    if (c !== 0) return c;
  }
  return 0;
}

/** StarRocks' printed MINVALUE/MAXVALUE for a key type (SHOW PARTITIONS Range). */
export function extremeText(t: SqlType, which: 'min' | 'max'): string {
  if (t.kind === 'date') return which === 'min' ? '0000-01-01' : '9999-12-31';
  if (t.kind === 'datetime') return which === 'min' ? '0000-01-01 00:00:00' : '9999-12-31 23:59:59';
  const r = INT_RANGE[t.kind];
  if (r !== undefined) return (which === 'min' ? r[0] : r[1]).toString();
  return which === 'min' ? '' : 'MAXVALUE';
}

/** StarRocks' type name in a Range rendering. */
export function rangeTypeName(t: SqlType): string {
  return t.kind === 'string' ? 'VARCHAR' : t.kind.toUpperCase();
}

function toDate(v: string): Date {
  const [d, tm] = v.split(' ');
  const [y, mo, da] = (d ?? '').split('-').map(Number);
  const [h, mi, s] = (tm ?? '0:0:0').split(':').map(Number);
  const out = new Date(Date.UTC(2000, (mo ?? 1) - 1, da ?? 1, h ?? 0, mi ?? 0, s ?? 0));
  out.setUTCFullYear(y ?? 0); // Date.UTC maps years 0–99 to 1900–1999
  return out;
}

function fromDate(d: Date, t: SqlType): string {
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (t.kind === 'date') return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `v + n units` for a date/datetime key. */
export function addUnits(t: SqlType, v: string, unit: TimeUnit, n: number): string {
  const d = toDate(v);
  switch (unit) {
    case 'year':
      d.setUTCFullYear(d.getUTCFullYear() + n);
      break;
    case 'quarter':
      d.setUTCMonth(d.getUTCMonth() + 3 * n);
      break;
    case 'month':
      d.setUTCMonth(d.getUTCMonth() + n);
      break;
    case 'week':
      d.setUTCDate(d.getUTCDate() + 7 * n);
      break;
    case 'day':
      d.setUTCDate(d.getUTCDate() + n);
      break;
    case 'hour':
      d.setUTCHours(d.getUTCHours() + n);
      break;
    case 'minute':
      d.setUTCMinutes(d.getUTCMinutes() + n);
      break;
    case 'second':
      d.setUTCSeconds(d.getUTCSeconds() + n);
      break;
  }
  return fromDate(d, t);
}

/** Truncate a date/datetime value to its unit (week: Monday, as date_trunc does). */
export function truncUnit(t: SqlType, v: string, unit: TimeUnit): string {
  const d = toDate(v);
  const set = (mo: number, da: number, h = 0, mi = 0, s = 0): Date =>
    new Date(Date.UTC(d.getUTCFullYear(), mo, da, h, mi, s));
  switch (unit) {
    case 'year':
      return fromDate(set(0, 1), t);
    case 'quarter':
      return fromDate(set(d.getUTCMonth() - (d.getUTCMonth() % 3), 1), t);
    case 'month':
      return fromDate(set(d.getUTCMonth(), 1), t);
    case 'week':
      return fromDate(set(d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)), t);
    case 'day':
      return fromDate(set(d.getUTCMonth(), d.getUTCDate()), t);
    case 'hour':
      return fromDate(set(d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()), t);
    case 'minute':
      return fromDate(set(d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()), t);
    case 'second':
      return fromDate(d, t);
  }
}

/** StarRocks' name of a time partition starting at `v` (p2023, p202301, p20230101, p2023010100 …). */
export function timePartitionName(prefix: string, v: string, unit: TimeUnit): string {
  const digits = v.replace(/[-: ]/g, '');
  switch (unit) {
    case 'year':
      return prefix + digits.slice(0, 4);
    case 'quarter':
    case 'month':
      return prefix + digits.slice(0, 6);
    case 'week': {
      const d = toDate(v);
      const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
      const week = Math.floor((d.getTime() - jan1) / (7 * 86400000)) + 1;
      return `${prefix}${digits.slice(0, 4)}_${pad(week)}`;
    }
    case 'day':
      return prefix + digits.slice(0, 8);
    case 'hour':
      return prefix + digits.slice(0, 10);
    case 'minute':
      return prefix + digits.slice(0, 12);
    case 'second':
      return prefix + digits.slice(0, 14);
  }
}

/** Name of an automatically created list partition: `p` + values joined by `_`, safe characters only. */
export function listPartitionName(values: readonly (string | null)[]): string {
  const parts = values.map((v) => (v === null ? 'NULL' : v.replace(/[^A-Za-z0-9_]/g, '')));
  return `p${parts.join('_')}`;
}
