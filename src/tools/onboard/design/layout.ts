/**
 * Physical layout rules: time partitioning and TTL (R-P1…R-P4), bucket key and count
 * (R-B1…R-B4), sort key (R-K1, R-K2). Pure functions over the table spec and its queries.
 */
import { typeInfo } from '../form/column-type.js';
import type { Column, Form, TableSpec } from '../form/model.js';
import { formatBytes, formatCount, formatNumber } from '../form/units.js';
import { ceil, GiB } from './notes.js';
import type { PartitionDesign, PartitionUnit, QueryInfo } from './types.js';

/** How the typical SQL filters one column of one table. */
export interface ColumnUse {
  readonly column: string;
  /** Σ QPS of queries filtering it (1 per query when QPS is unknown). */
  readonly weight: number;
  readonly equality: boolean;
  readonly range: boolean;
  /** Equality filter of a point-lookup query (R-K2). */
  readonly point: boolean;
}

/** Filter usage of a table's columns in the typical SQL. */
export function columnUses(spec: TableSpec, queries: readonly QueryInfo[]): ColumnUse[] {
  const uses = new Map<string, { weight: number; equality: boolean; range: boolean; point: boolean }>();
  const names = new Set(spec.columns.map((c) => c.name));
  for (const q of queries) {
    for (const f of q.shape.filters) {
      if (!names.has(f.column) || f.op === 'like' || f.op === 'other') continue;
      const u = uses.get(f.column) ?? { weight: 0, equality: false, range: false, point: false };
      u.weight += q.qps;
      if (f.op === 'eq' || f.op === 'in') u.equality = true;
      if (f.op === 'range') u.range = true;
      if (f.op === 'eq' && q.cls === 'point') u.point = true;
      uses.set(f.column, u);
    }
  }
  return [...uses.entries()].map(([column, u]) => ({ column, ...u }));
}

/** R-B1: FE's automatic bucket factor for n backends. */
export function backendFactor(n: number): number {
  if (n <= 12) return 2 * n;
  if (n <= 24) return Math.floor(1.5 * n);
  if (n <= 36) return 36;
  return Math.min(n, 48);
}

/** R-B2 with the TEAM POLICY clamp; returns the count and the reasoning. */
export function bucketCount(
  partitionBytes: number,
  nBe: number,
  latencyCritical: boolean,
): { buckets: number; why: string } {
  const bf = backendFactor(nBe);
  const byData = ceil(partitionBytes / (3 * GiB));
  let buckets = Math.max(bf, byData, 1);
  let why = `max(backend factor ${bf} for ${nBe} BEs, ⌈${formatBytes(partitionBytes)} / 3 GB⌉ = ${byData}) = ${buckets}`;
  if (!latencyCritical && partitionBytes / buckets < GiB) {
    const clamped = Math.max(Math.min(buckets, ceil(partitionBytes / GiB)), Math.min(nBe, buckets), 1);
    if (clamped < buckets) {
      why += `; tablets < 1 GB and no query SLA on the table → reduced to ${clamped} (not below ${Math.min(nBe, buckets)})`;
      buckets = clamped;
    }
  }
  return { buckets, why: `${why} → ${formatBytes(partitionBytes / buckets)} compressed per tablet` };
}

const UNIT_DAYS: Readonly<Record<PartitionUnit, number>> = { hour: 1 / 24, day: 1, month: 30 };

/** R-P1…R-P4 for a table with a time column; null when it should not be partitioned. */
export function choosePartition(
  form: Form,
  spec: TableSpec,
  dailyCompressed: number,
  decide: (rule: 'R-P1' | 'R-P2' | 'R-P3' | 'R-P4', decision: string, why: string) => void,
  risk: (level: 'high' | 'medium' | 'low', text: string) => void,
): PartitionDesign | null {
  if (spec.timeColumn === undefined) {
    decide('R-P1', 'no partitioning', 'no time column: lifecycle by key, hash distribution only');
    return null;
  }
  const col = spec.columns.find((c) => c.name === spec.timeColumn);
  const isDatetime = col !== undefined && typeInfo(col.type)?.base === 'DATETIME';
  let unit: PartitionUnit;
  let why: string;
  const dayC = formatBytes(dailyCompressed);
  const retention = spec.retentionDays;
  if (dailyCompressed * 30 < 3 * GiB && (retention === null || retention >= 365)) {
    unit = 'month';
    why = `${dayC}/day compressed: a month (${formatBytes(dailyCompressed * 30)}) fits in one 3 GB tablet`;
  } else if (dailyCompressed <= 100 * GiB) {
    unit = 'day';
    why = `${dayC}/day compressed ≤ 100 GB per partition`;
    if (dailyCompressed * 30 < 3 * GiB)
      why += ` (month would fit, but retention ${retention} days is kept at day precision)`;
  } else if (isDatetime) {
    unit = 'hour';
    why = `${dayC}/day compressed > 100 GB per partition`;
  } else {
    unit = 'day';
    why = `${dayC}/day compressed > 100 GB, but ${spec.timeColumn} is a DATE: day partitions with more buckets`;
    risk(
      'medium',
      `day partitions of ${dayC} exceed 100 GB; make ${spec.timeColumn} a DATETIME to partition by hour`,
    );
  }
  decide('R-P2', `PARTITION BY date_trunc('${unit}', ${spec.timeColumn})`, why);
  const count = retention === null ? null : ceil(retention / UNIT_DAYS[unit]);
  if (count !== null && count >= 100_000)
    risk('high', `${formatCount(count)} partitions ≥ 100 000 (FE limit)`);
  else if (count !== null && count > 10_000)
    risk('medium', `${formatCount(count)} partitions > 10 000 per table`);
  decide(
    'R-P3',
    `${count === null ? 'unbounded' : formatCount(count)} partitions`,
    retention === null
      ? 'kept forever'
      : `${retention} days / ${formatNumber(UNIT_DAYS[unit])} day(s) per partition`,
  );
  let ttl: PartitionDesign['ttl'] = null;
  if (retention !== null) {
    if (versionAtLeast(form.cluster.version, 3, 5)) {
      ttl = {
        property: 'partition_retention_condition',
        value: `${spec.timeColumn} >= CURRENT_DATE() - INTERVAL ${retention} DAY`,
      };
    } else {
      ttl = { property: 'partition_live_number', value: String(count) };
    }
    decide(
      'R-P4',
      `${ttl.property} = "${ttl.value}"`,
      `retention ${retention} days on StarRocks ${form.cluster.version}` +
        (ttl.property === 'partition_live_number' ? ' (partition_retention_condition needs 3.4.1+/3.5)' : ''),
    );
  }
  decide(
    'R-P1',
    `expression partitioning on ${spec.timeColumn}`,
    `time column with ${retention === null ? 'no' : 'finite'} retention`,
  );
  return { column: spec.timeColumn, unit, count, ttl };
}

/** `major.minor[.patch]` ≥ major.minor[.patch]. */
export function versionAtLeast(version: string, major: number, minor: number, patch = 0): boolean {
  const [a = 0, b = 0, c = 0] = version.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

/** Does a column name look like an identifier (used when its NDV is unknown)? */
export function idLike(name: string): boolean {
  return /(^id$|_id$|^uid$|_key$|_no$|_code$|^sn$|_sn$)/i.test(name);
}

/**
 * R-B4: the bucket key — the highest-NDV equality-filter column with NDV ≥ 1000 × BEs (unknown
 * NDV accepted for id-like names). `restrict` limits candidates (PK tables: PK columns).
 */
export function chooseBucketKey(
  columns: readonly Column[],
  uses: readonly ColumnUse[],
  nBe: number,
  restrict: readonly string[] | null,
): { column: string | null; rejected: string[]; unknownNdv: boolean } {
  const rejected: string[] = [];
  const need = 1000 * nBe;
  const candidates = uses
    .filter((u) => {
      if (!u.equality) return false;
      if (restrict !== null && !restrict.includes(u.column)) {
        rejected.push(`${u.column}: not a primary-key column (PK tables bucket by PK columns)`);
        return false;
      }
      return true;
    })
    .map((u) => columns.find((c) => c.name === u.column))
    .filter((c): c is Column => c !== undefined)
    .filter((c) => {
      const t = typeInfo(c.type);
      if (t === undefined || !t.canBeKey || t.isTime) {
        rejected.push(`${c.name}: ${c.type} cannot be a bucket key`);
        return false;
      }
      if (c.ndv !== undefined && c.ndv < need) {
        rejected.push(`${c.name}: NDV ${formatCount(c.ndv)} < 1000 × ${nBe} BEs`);
        return false;
      }
      if (c.ndv === undefined && !idLike(c.name)) {
        rejected.push(`${c.name}: NDV unknown and not an id`);
        return false;
      }
      return true;
    })
    .sort((a, b) => (b.ndv ?? need) - (a.ndv ?? need));
  const best = candidates[0];
  return { column: best?.name ?? null, rejected, unknownNdv: best !== undefined && best.ndv === undefined };
}

/** Highest-NDV key-able, non-time column among `names` (fallback bucket key). */
export function highestNdv(columns: readonly Column[], names: readonly string[]): string | null {
  const list = names
    .map((n) => columns.find((c) => c.name === n))
    .filter((c): c is Column => c !== undefined)
    .filter((c) => {
      const t = typeInfo(c.type);
      return t !== undefined && t.canBeKey && !t.isTime;
    })
    .sort((a, b) => (b.ndv ?? (idLike(b.name) ? 1e12 : 0)) - (a.ndv ?? (idLike(a.name) ? 1e12 : 0)));
  return list[0]?.name ?? null;
}

/**
 * R-K1/R-K2: sort columns from the filters — point-lookup columns first, then by filter weight,
 * ties lower NDV first; fixed-width before the one string column; ≤ 3 columns and 36 bytes;
 * the partition time column is appended when room remains and no string ends the prefix.
 */
export function chooseSortKey(
  columns: readonly Column[],
  uses: readonly ColumnUse[],
  timeColumn: string | null,
  allowed: (c: Column) => boolean,
): { columns: string[]; why: string } {
  const byName = (n: string): Column | undefined => columns.find((c) => c.name === n);
  const ordered = [...uses]
    .filter((u) => {
      const c = byName(u.column);
      return c !== undefined && allowed(c);
    })
    .sort(
      (a, b) =>
        Number(b.point) - Number(a.point) ||
        b.weight - a.weight ||
        (byName(a.column)?.ndv ?? 0) - (byName(b.column)?.ndv ?? 0),
    );
  const out: string[] = [];
  let bytes = 0;
  let stringCol: string | null = null;
  for (const u of ordered) {
    const t = typeInfo(byName(u.column)?.type ?? '');
    if (t === undefined || out.length >= 3) continue;
    if (t.isString) {
      if (stringCol === null && out.length === 0 && u.point) {
        out.push(u.column); // a string point-lookup column still leads (R-K2); the prefix ends there
        stringCol = u.column;
        bytes = 36;
      } else if (stringCol === null) stringCol = u.column;
      continue;
    }
    if (bytes + t.keyBytes > 36 || stringCol === out[0]) continue;
    out.push(u.column);
    bytes += t.keyBytes;
  }
  if (
    timeColumn !== null &&
    !out.includes(timeColumn) &&
    out.length < 3 &&
    bytes + 8 <= 36 &&
    stringCol !== out[0]
  ) {
    const c = byName(timeColumn);
    if (c !== undefined && allowed(c)) {
      out.push(timeColumn);
    }
  }
  if (stringCol !== null && !out.includes(stringCol) && out.length < 3) out.push(stringCol);
  const why =
    ordered.length === 0
      ? 'no filters in the typical SQL'
      : `filters: ${ordered.map((u) => `${u.column} (${u.point ? 'point lookup, ' : ''}${u.equality ? 'equality' : 'range'}, ${formatNumber(u.weight)} QPS)`).join(', ')}`;
  return { columns: out, why };
}
