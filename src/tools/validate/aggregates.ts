/**
 * The one full-scan profile per side: COUNT(*), the row-hash sum, key MIN/MAX and per-column
 * aggregates (non-NULL count; exact SUM of scaled integers for numbers; byte-length sum for text;
 * MIN/MAX of the normalised text for dates). Cheap to compare, and they name the columns that
 * differ before bisection names the rows.
 */
import type { PairedColumn } from './columns.js';
import { hashSum, normExpr, rowMd5, where, type Side } from './sql.js';

/** One side's profile. */
export interface Profile {
  readonly count: bigint;
  readonly hash: string;
  readonly keyMin: string | null;
  readonly keyMax: string | null;
  /** Per column: aggregate name → value text. */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string | null>>;
}

function aggregateExprs(side: Side, col: PairedColumn): [string, string][] {
  const v = normExpr(side, col);
  const raw = side.names.get(col.name) ?? col.name;
  const q = `\`${raw.replace(/`/g, '``')}\``;
  const list: [string, string][] = [['non-null', `COUNT(${q})`]];
  switch (col.norm.kind) {
    case 'int':
    case 'bit':
    case 'decimal':
      list.push([
        'sum',
        `SUM(${col.norm.kind === 'decimal' ? v : `CAST(${v} AS DECIMAL(${side.dialect === 'mysql' ? 65 : 38}, 0))`})`,
      ]);
      break;
    case 'float':
      list.push(['sum', `SUM(${q})`]);
      break;
    case 'date':
    case 'datetime':
      list.push(['min', `MIN(${v})`], ['max', `MAX(${v})`]);
      break;
    case 'string':
    case 'text':
    case 'binary':
      list.push(['bytes', `SUM(LENGTH(${v}))`]);
      break;
  }
  return list;
}

/** The profile query for one side. */
export function profileSql(
  side: Side,
  key: PairedColumn,
  columns: readonly PairedColumn[],
  withAggregates: boolean,
  intKey: boolean,
): string {
  const k = `\`${(side.names.get(key.name) ?? key.name).replace(/`/g, '``')}\``;
  const items = [`COUNT(*) AS n`, `${hashSum(side, rowMd5(side, key, columns))} AS h`];
  items.push(intKey ? `MIN(${k}) AS kmin, MAX(${k}) AS kmax` : `NULL AS kmin, NULL AS kmax`);
  if (withAggregates) {
    columns.forEach((c, i) => {
      aggregateExprs(side, c).forEach(([name, expr], j) =>
        items.push(`${expr} AS a_${i}_${j}_${name.replace(/-/g, '_')}`),
      );
    });
  }
  return `SELECT ${items.join(', ')} FROM ${side.from}${where(side.filter)}`;
}

/** Decode the single result row of {@link profileSql}. */
export function readProfile(row: Record<string, unknown>, columns: readonly PairedColumn[]): Profile {
  const perColumn = new Map<string, Map<string, string | null>>();
  for (const [alias, value] of Object.entries(row)) {
    const m = /^a_(\d+)_\d+_(.+)$/.exec(alias);
    if (m === null) continue;
    const col = columns[Number(m[1])];
    if (col === undefined) continue;
    const agg = perColumn.get(col.name) ?? new Map<string, string | null>();
    agg.set((m[2] ?? '').replace(/_/g, '-'), value === null || value === undefined ? null : String(value));
    perColumn.set(col.name, agg);
  }
  const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    count: BigInt(String(row['n'] ?? '0')),
    hash: canonicalInt(text(row['h']) ?? '0'),
    keyMin: text(row['kmin']),
    keyMax: text(row['kmax']),
    columns: perColumn,
  };
}

/** Exact integer text without sign noise or a '.0000' tail ('00' → '0', '12.000' → '12'). */
export function canonicalInt(text: string): string {
  const t = text.trim().replace(/\.0*$/, '');
  try {
    return BigInt(t).toString();
  } catch {
    return t;
  }
}

/** One column aggregate that differs between the sides. */
export interface AggregateDiff {
  readonly column: string;
  readonly aggregate: string;
  readonly source: string | null;
  readonly target: string | null;
}

/** Compare two profiles' column aggregates; floats with a relative tolerance. */
export function compareAggregates(
  source: Profile,
  target: Profile,
  columns: readonly PairedColumn[],
  floatTolerance: number,
): AggregateDiff[] {
  const diffs: AggregateDiff[] = [];
  for (const col of columns) {
    const s = source.columns.get(col.name);
    const t = target.columns.get(col.name);
    if (s === undefined || t === undefined) continue;
    for (const [agg, sv] of s) {
      const tv = t.get(agg) ?? null;
      if (sameAggregate(sv, tv, col.norm.kind === 'float' && agg === 'sum', floatTolerance)) continue;
      diffs.push({ column: col.name, aggregate: agg, source: sv, target: tv });
    }
  }
  return diffs;
}

function sameAggregate(a: string | null, b: string | null, float: boolean, tol: number): boolean {
  if (a === null || b === null) return a === b;
  if (float) {
    const x = Number(a);
    const y = Number(b);
    return Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y)) + Number.MIN_VALUE;
  }
  return /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)
    ? canonicalInt(a) === canonicalInt(b)
    : a === b;
}
