/**
 * The one full-scan profile per side: COUNT(*), the row-hash sum, key MIN/MAX and per-column
 * aggregates (non-NULL count; exact SUM of scaled integers for numbers; byte-length sum for text;
 * MIN/MAX of the normalised text for dates). Cheap to compare, and they name the columns that
 * differ before bisection names the rows.
 */
import type { PairedColumn } from './columns.js';
import { hashSum, normExpr, rowMd5, where, type Side } from './sql.js';

/** (COUNT, Σhash) of one segment. */
export interface SegmentStats {
  readonly count: bigint;
  readonly hash: string;
}

/** One side's profile: totals, column aggregates and the first bisection level's segments. */
export interface Profile {
  readonly count: bigint;
  readonly hash: string;
  /** Per column: aggregate name → value text. */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string | null>>;
  /** First-level segment id → stats (id 'null' = rows whose key is NULL). */
  readonly children: ReadonlyMap<string, SegmentStats>;
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

/**
 * The profile query for one side, grouped by the first bisection level (`bucket`), so the one
 * full scan also yields the first level of segment checksums.
 */
export function profileSql(
  side: Side,
  key: PairedColumn,
  columns: readonly PairedColumn[],
  withAggregates: boolean,
  bucket: string,
): string {
  const items = [`${bucket} AS s`, `COUNT(*) AS n`, `${hashSum(side, rowMd5(side, key, columns))} AS h`];
  if (withAggregates) {
    columns.forEach((c, i) => {
      aggregateExprs(side, c).forEach(([name, expr], j) =>
        items.push(`${expr} AS a_${i}_${j}_${name.replace(/-/g, '_')}`),
      );
    });
  }
  return `SELECT ${items.join(', ')} FROM ${side.from}${where(side.filter)} GROUP BY ${bucket}`;
}

/** Merge two values of one aggregate from different segments. */
function mergeAggregate(name: string, a: string | null, b: string | null, float: boolean): string | null {
  if (a === null) return b;
  if (b === null) return a;
  if (name === 'min') return a < b ? a : b;
  if (name === 'max') return a > b ? a : b;
  if (float) return String(Number(a) + Number(b));
  try {
    return (BigInt(canonicalInt(a)) + BigInt(canonicalInt(b))).toString();
  } catch {
    return String(Number(a) + Number(b));
  }
}

/** Decode and merge the per-segment rows of {@link profileSql}. */
export function readProfile(
  rows: readonly Record<string, unknown>[],
  columns: readonly PairedColumn[],
): Profile {
  const perColumn = new Map<string, Map<string, string | null>>();
  const children = new Map<string, SegmentStats>();
  let count = 0n;
  let hash = 0n;
  for (const row of rows) {
    const n = BigInt(String(row['n'] ?? '0'));
    const h = canonicalInt(row['h'] === null || row['h'] === undefined ? '0' : String(row['h']));
    children.set(row['s'] === null || row['s'] === undefined ? 'null' : String(row['s']), {
      count: n,
      hash: h,
    });
    count += n;
    hash += BigInt(h);
    for (const [alias, value] of Object.entries(row)) {
      const m = /^a_(\d+)_\d+_(.+)$/.exec(alias);
      const col = m === null ? undefined : columns[Number(m[1])];
      if (m === null || col === undefined) continue;
      const name = (m[2] ?? '').replace(/_/g, '-');
      const agg = perColumn.get(col.name) ?? new Map<string, string | null>();
      const v = value === null || value === undefined ? null : String(value);
      agg.set(
        name,
        agg.has(name) ? mergeAggregate(name, agg.get(name) ?? null, v, col.norm.kind === 'float') : v,
      );
      perColumn.set(col.name, agg);
    }
  }
  return { count, hash: hash.toString(), columns: perColumn, children };
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
