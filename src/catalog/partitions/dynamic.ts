/**
 * Dynamic partitions (`dynamic_partition.*` properties) and `partition_live_number`: validation
 * with StarRocks' messages, and one scheduling step for one table — create partitions from
 * `start`/history up to `end` units ahead, drop those entirely before `start`, keep only the
 * newest `partition_live_number`. The step runs in the caller's transaction with the clock's
 * "now" (local time text `YYYY-MM-DD HH:MM:SS`), so tests drive it with a fake clock.
 */
import { SqlError } from '../../errors/index.js';
import type { EngineConnection } from '../../engine/index.js';
import type { AstProperties } from '../../sql/ast/index.js';
import type { SqlType } from '../../types/index.js';
import type { TableEntry } from '../model.js';
import { addUnits, compareTuple, normalizeValue, timePartitionName, truncUnit } from './bounds.js';
import { partitionPredicate, partitionsFromDefs } from './layout.js';
import { qi, schemeOf, type PartitionScheme, type TimeUnit } from './scheme.js';
import { deletePartition, insertPartitions, listPartitions, type PartitionRow } from './store.js';

export interface DynamicConfig {
  readonly enable: boolean;
  readonly timeUnit: TimeUnit;
  readonly start: number;
  readonly end: number;
  readonly prefix: string;
  readonly buckets: number | null;
  readonly historyPartitionNum: number;
}

const MIN_INT = -2147483648;
const UNITS: Record<string, TimeUnit> = {
  HOUR: 'hour',
  DAY: 'day',
  WEEK: 'week',
  MONTH: 'month',
  YEAR: 'year',
};

function bad(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

function prop(props: AstProperties, key: string): string | undefined {
  return props.find((p) => p.key.toLowerCase() === key)?.value;
}

function intProp(props: AstProperties, key: string, fallback: number): number {
  const v = prop(props, key);
  if (v === undefined) return fallback;
  if (!/^\s*-?\d+\s*$/.test(v)) throw bad(`Invalid properties: ${key}`);
  return Number(v);
}

/** The table's dynamic partition settings (validated), or null when it has none. */
export function dynamicConfig(props: AstProperties): DynamicConfig | null {
  if (!props.some((p) => p.key.toLowerCase().startsWith('dynamic_partition.'))) return null;
  const enableText = prop(props, 'dynamic_partition.enable') ?? 'true';
  if (!/^(true|false)$/i.test(enableText))
    throw bad(`Invalid dynamic_partition.enable value: ${enableText}. It should be TRUE or FALSE`);
  const unitText = prop(props, 'dynamic_partition.time_unit');
  if (unitText === undefined) throw bad('Must assign dynamic_partition.time_unit properties');
  const timeUnit = UNITS[unitText.toUpperCase()];
  if (timeUnit === undefined)
    throw bad(`Unsupported time unit ${unitText}. Expect HOUR DAY WEEK MONTH YEAR.`);
  if (prop(props, 'dynamic_partition.end') === undefined)
    throw bad('Must assign dynamic_partition.end properties');
  const start = intProp(props, 'dynamic_partition.start', MIN_INT);
  const end = intProp(props, 'dynamic_partition.end', 0);
  if (start >= 0) throw bad('Dynamic partition start must less than 0');
  if (end <= 0) throw bad('Dynamic partition end must greater than 0');
  const prefix = prop(props, 'dynamic_partition.prefix') ?? 'p';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(prefix)) throw bad(`Invalid dynamic partition prefix: ${prefix}.`);
  const buckets = prop(props, 'dynamic_partition.buckets');
  return {
    enable: enableText.toLowerCase() === 'true',
    timeUnit,
    start,
    end,
    prefix,
    buckets: buckets === undefined ? null : intProp(props, 'dynamic_partition.buckets', 0),
    historyPartitionNum: intProp(props, 'dynamic_partition.history_partition_num', 0),
  };
}

/** Check a table's partition-related properties against its scheme (CREATE / ALTER SET). */
export function validatePartitionProperties(scheme: PartitionScheme | null, props: AstProperties): void {
  const dyn = dynamicConfig(props);
  if (dyn !== null) {
    if (scheme === null || scheme.kind !== 'range' || scheme.auto)
      throw bad('Only support dynamic partition properties on range partition table');
    if (scheme.keyTypes.length !== 1 || !['date', 'datetime'].includes((scheme.keyTypes[0] as SqlType).kind))
      throw bad('Dynamic partition only support DATE or DATETIME partition column');
  }
  const live = prop(props, 'partition_live_number');
  if (live !== undefined && !/^\s*-?\d+\s*$/.test(live))
    throw bad(`Invalid properties: partition_live_number`);
}

/** Partitions of `entry` that a scheduling step at `now` creates and drops (row delete included). */
export async function dynamicStep(
  conn: EngineConnection,
  entry: TableEntry,
  now: string,
): Promise<{ created: number; dropped: number }> {
  const scheme = schemeOf(entry.definition.partition, entry.columns);
  if (scheme === null || scheme.kind !== 'range') return { created: 0, dropped: 0 };
  const props = entry.definition.properties;
  const dyn = dynamicConfig(props);
  const live = Number(prop(props, 'partition_live_number') ?? '-1');
  let parts = await listPartitions(conn, entry.id);
  let created = 0;
  const drop: PartitionRow[] = [];
  const t = scheme.keyTypes[0] as SqlType;
  if (dyn !== null && dyn.enable) {
    const base = truncUnit(t, normalizeValue(t, now) as string, dyn.timeUnit);
    const from = dyn.historyPartitionNum > 0 ? -dyn.historyPartitionNum : 0;
    const defs = [];
    for (let i = Math.max(from, dyn.start); i <= dyn.end; i++) {
      const lower = addUnits(t, base, dyn.timeUnit, i);
      const upper = addUnits(t, base, dyn.timeUnit, i + 1);
      const name = timePartitionName(dyn.prefix, lower, dyn.timeUnit);
      const clash = parts.some(
        (p) =>
          !p.temp &&
          (p.name.toLowerCase() === name.toLowerCase() ||
            (compareTuple([t], p.lower ?? [], [upper], 'min') < 0 &&
              compareTuple([t], [lower], p.upper ?? [], 'min') < 0)),
      );
      if (clash) continue;
      defs.push({
        kind: 'fixed-range' as const,
        name,
        ifNotExists: true,
        lower: [{ kind: 'string' as const, value: lower }],
        upper: [{ kind: 'string' as const, value: upper }],
        properties: [],
      });
    }
    const fresh = partitionsFromDefs(scheme, entry.id, defs, parts, false);
    parts = [...parts, ...(await insertPartitions(conn, fresh))];
    created = fresh.length;
    if (dyn.start !== MIN_INT) {
      const limit = addUnits(t, base, dyn.timeUnit, dyn.start);
      for (const p of parts)
        if (!p.temp && p.upper?.[0] != null && compareTuple([t], p.upper, [limit], 'max') <= 0) drop.push(p);
    }
  }
  if (live > 0) {
    const normal = parts
      .filter((p) => !p.temp)
      .sort((a, b) => compareTuple([t], b.lower ?? [], a.lower ?? [], 'min'));
    for (const p of normal.slice(live)) if (!drop.includes(p)) drop.push(p);
  }
  for (const p of drop) await dropPartitionRows(conn, entry, scheme, p);
  return { created, dropped: drop.length };
}

/** Delete a partition's rows and its metadata row (DROP PARTITION, retention). */
export async function dropPartitionRows(
  conn: EngineConnection,
  entry: TableEntry,
  scheme: PartitionScheme,
  p: PartitionRow,
): Promise<void> {
  const s = entry.storage;
  if (s !== undefined)
    await conn.execute(`DELETE FROM ${qi(s.schema)}.${qi(s.table)} WHERE ${partitionPredicate(scheme, p)}`);
  await deletePartition(conn, entry.id, p.id);
}
