/**
 * Table design: model (R-T1…R-T6), then layout (partition, buckets, sort key), column order,
 * properties and size figures with the tablet guards (R-B6).
 */
import { typeInfo } from '../form/column-type.js';
import type { Form, TableSpec } from '../form/model.js';
import { formatBytes, formatCount } from '../form/units.js';
import { compressionRatios, horizonDays, storedAfter } from './assess.js';
import {
  bucketCount,
  chooseBucketKey,
  choosePartition,
  chooseSortKey,
  columnUses,
  highestNdv,
  type ColumnUse,
} from './layout.js';
import { ceil, GiB, type Notes } from './notes.js';
import { checkRowWidth, primaryKeyMemory, tableRows } from './pk.js';
import type { DesignColumn, Distribution, QueryInfo, TableDesign, TableModel } from './types.js';

const SYNC_AGGS = new Set(['sum', 'min', 'max', 'count']);

/** R-T1…R-T4. */
function chooseModel(form: Form, spec: TableSpec, queries: readonly QueryInfo[], notes: Notes): TableModel {
  const cdc = spec.from.some((f) =>
    ['mysql', 'postgresql', 'oracle'].includes(form.sources.find((s) => s.name === f)?.kind ?? ''),
  );
  if (spec.updates !== 'none' || cdc) {
    const why = cdc
      ? 'fed by a CDC source'
      : `updates: ${spec.updates}${spec.updates === 'partial' ? ' (columns filled by several streams)' : ''}`;
    notes.decide('R-T1', spec.name, 'PRIMARY KEY table', `${why}; key (${(spec.key ?? []).join(', ')})`);
    return 'PRIMARY';
  }
  const aggOnly =
    !spec.keepDetail &&
    queries.length > 0 &&
    queries.every((q) => q.cls === 'aggregation' && q.shape.aggregates.every((a) => SYNC_AGGS.has(a.fn)));
  if (aggOnly && metricColumns(spec, queries).size > 0) {
    notes.decide(
      'R-T2',
      spec.name,
      'AGGREGATE KEY table',
      'keep_detail: false and every typical query is a SUM/MIN/MAX/COUNT aggregation',
    );
    return 'AGGREGATE';
  }
  notes.decide(
    'R-T3',
    spec.name,
    'DUPLICATE KEY table',
    spec.keepDetail
      ? 'append-only rows, raw detail kept'
      : 'aggregate-only use, but the queries need more than SUM/MIN/MAX/COUNT',
  );
  return 'DUPLICATE';
}

/** Columns aggregated by the typical SQL → their aggregate function (for AGGREGATE tables). */
function metricColumns(spec: TableSpec, queries: readonly QueryInfo[]): Map<string, 'SUM' | 'MIN' | 'MAX'> {
  const out = new Map<string, 'SUM' | 'MIN' | 'MAX'>();
  for (const q of queries) {
    for (const a of q.shape.aggregates) {
      const col = a.arg.split('.').pop()?.toLowerCase() ?? '';
      if (!spec.columns.some((c) => c.name === col) || a.fn === 'count') continue;
      const fn = a.fn === 'min' ? 'MIN' : a.fn === 'max' ? 'MAX' : 'SUM';
      if (!out.has(col)) out.set(col, fn);
    }
  }
  return out;
}

/** Design one table. */
export function designTable(
  form: Form,
  spec: TableSpec,
  queries: readonly QueryInfo[],
  nBe: number,
  notes: Notes,
): TableDesign {
  const model = chooseModel(form, spec, queries, notes);
  const cr = compressionRatios(form, spec);
  const dailyCompressed = spec.volume.dailyBytes / cr.daily;
  const storedBytes = storedAfter(form, spec, horizonDays(spec));
  const partition = choosePartition(
    form,
    spec,
    dailyCompressed,
    (rule, decision, why) => notes.decide(rule, spec.name, decision, why),
    (level, text) => notes.risk(level, spec.name, text, 'R-P2'),
  );
  const uses = columnUses(spec, queries);
  const key = [...(spec.key ?? [])];
  if (model === 'PRIMARY' && partition !== null && !key.includes(partition.column)) {
    key.push(partition.column);
    notes.decide(
      'R-T5',
      spec.name,
      `primary key extended with ${partition.column}`,
      'the PK must contain the partition column',
    );
    notes.risk(
      'medium',
      spec.name,
      `${partition.column} joins the primary key: it must never change for a row, or upserts create duplicates`,
      'R-T5',
    );
  }
  const sort = chooseSortKey(spec.columns, uses, partition?.column ?? null, (c) => {
    const t = typeInfo(c.type);
    return t !== undefined && (model === 'PRIMARY' ? t.canBePrimaryKey : t.canBeKey);
  });
  const partitionBytes =
    partition === null
      ? storedBytes
      : dailyCompressed * (partition.unit === 'month' ? 30 : partition.unit === 'hour' ? 1 / 24 : 1);
  const rawFactor = partition === null ? cr.stock : cr.daily;
  const distribution = chooseDistribution(
    spec,
    model,
    uses,
    key,
    partitionBytes,
    rawFactor,
    nBe,
    queries.length > 0,
    notes,
  );
  if (model === 'PRIMARY') {
    for (const col of distribution.kind === 'hash' ? distribution.columns : [])
      if (!key.includes(col)) key.push(col);
  }
  const { keyColumns, orderBy, metrics } = chooseKeys(spec, model, key, sort, queries, notes);
  const columns = orderColumns(spec, model, keyColumns, metrics, queries);
  const pkMemory =
    model === 'PRIMARY' ? primaryKeyMemory(form, spec, key, partition !== null, nBe, notes) : null;
  const properties: Array<[string, string]> = [['replication_num', String(form.cluster.replication)]];
  if (model === 'PRIMARY') properties.push(['enable_persistent_index', 'true']);
  if (partition?.ttl) properties.push([partition.ttl.property, partition.ttl.value]);
  if (distribution.kind === 'random' && distribution.bucketSize !== null)
    properties.push(['bucket_size', String(distribution.bucketSize)]);
  const partitions =
    partition === null
      ? 1
      : (partition.count ??
        ceil(horizonDays(spec) / (partition.unit === 'month' ? 30 : partition.unit === 'hour' ? 1 / 24 : 1)));
  const buckets = distribution.buckets ?? Math.max(1, ceil(partitionBytes / (4 * GiB)));
  const tabletReplicas = partitions * buckets * form.cluster.replication;
  guardSizes(spec, buckets * form.cluster.replication, partitionBytes, partition === null, notes);
  checkRowWidth(spec, notes);
  return {
    spec,
    name: spec.name,
    model,
    columns,
    keyColumns,
    orderBy,
    partition,
    distribution,
    properties,
    sizes: {
      crDaily: cr.daily,
      crStock: cr.stock,
      storedBytes,
      dailyCompressed,
      partitionBytes,
      partitions,
      tabletBytes: partitionBytes / buckets,
      tabletReplicas,
      rows: tableRows(spec),
    },
    pkMemory,
  };
}

function fallbackSortColumn(spec: TableSpec): string {
  const c = spec.columns.find((x) => typeInfo(x.type)?.canBeKey === true);
  return c?.name ?? spec.columns[0]?.name ?? 'id';
}

function chooseDistribution(
  spec: TableSpec,
  model: TableModel,
  uses: readonly ColumnUse[],
  key: readonly string[],
  partitionBytes: number,
  rawFactor: number,
  nBe: number,
  latencyCritical: boolean,
  notes: Notes,
): Distribution {
  const restrict = model === 'PRIMARY' ? key : null;
  const pick = chooseBucketKey(spec.columns, uses, nBe, restrict);
  const count = bucketCount(partitionBytes, nBe, latencyCritical);
  const explicit = partitionBytes * rawFactor > 100 * GiB;
  const rejected = pick.rejected.length > 0 ? `; rejected ${pick.rejected.join('; ')}` : '';
  if (pick.column !== null) {
    notes.decide(
      'R-B4',
      spec.name,
      `DISTRIBUTED BY HASH(${pick.column})`,
      `equality-filter column with the highest NDV${pick.unknownNdv ? ' (NDV unknown, id-like name)' : ''}${rejected}`,
    );
    if (pick.unknownNdv)
      notes.ask(
        `${spec.name}.${pick.column}: how many distinct values? (bucket key needs ≥ 1000 × ${nBe} BEs, R-B4)`,
      );
  } else if (model === 'DUPLICATE') {
    const bucketSize = partitionBytes < 10 * GiB ? GiB : 4 * GiB;
    notes.decide(
      'R-B4',
      spec.name,
      explicit
        ? `DISTRIBUTED BY RANDOM BUCKETS ${count.buckets}`
        : `DISTRIBUTED BY RANDOM (bucket_size ${formatBytes(bucketSize)})`,
      `no high-cardinality equality-filter column${rejected}`,
    );
    if (explicit)
      notes.decide(
        'R-B3',
        spec.name,
        `explicit BUCKETS ${count.buckets}`,
        `partition raw ≈ ${formatBytes(partitionBytes * rawFactor)} > 100 GB; ${count.why}`,
      );
    return explicit
      ? { kind: 'random', buckets: count.buckets, bucketSize: null }
      : { kind: 'random', buckets: null, bucketSize };
  }
  const column =
    pick.column ??
    highestNdv(spec.columns, restrict ?? spec.columns.map((c) => c.name)) ??
    key[0] ??
    spec.columns[0]?.name ??
    'id';
  if (pick.column === null) {
    notes.decide(
      'R-B4',
      spec.name,
      `DISTRIBUTED BY HASH(${column})`,
      `no usable equality-filter column${rejected}; highest-NDV ${model === 'PRIMARY' ? 'primary-key ' : ''}column instead`,
    );
    notes.risk(
      'low',
      spec.name,
      `bucket key ${column} is not filtered by the typical SQL: no bucket pruning`,
      'R-B4',
    );
  }
  notes.decide('R-B2', spec.name, `BUCKETS ${count.buckets}`, count.why);
  if (explicit)
    notes.decide(
      'R-B3',
      spec.name,
      'explicit BUCKETS',
      `partition raw ≈ ${formatBytes(partitionBytes * rawFactor)} > 100 GB`,
    );
  return { kind: 'hash', columns: [column], buckets: count.buckets };
}

/** DDL column order: key columns first (StarRocks requires it), then the rest as in the form. */
function orderColumns(
  spec: TableSpec,
  model: TableModel,
  keyColumns: readonly string[],
  metrics: ReadonlyMap<string, 'SUM' | 'MIN' | 'MAX'>,
  queries: readonly QueryInfo[],
): DesignColumn[] {
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const keys: DesignColumn[] = keyColumns.map((name) => {
    const c = byName.get(name);
    if (c === undefined) return { name, type: 'BIGINT', nullable: false, isKey: true };
    return { ...c, nullable: model === 'PRIMARY' ? false : c.nullable, isKey: true };
  });
  const rest: DesignColumn[] = spec.columns
    .filter((c) => !keyColumns.includes(c.name))
    .map((c) => {
      if (model !== 'AGGREGATE') return { ...c, isKey: false };
      return { ...c, isKey: false, agg: metrics.get(c.name) ?? 'REPLACE' };
    });
  if (model === 'AGGREGATE' && queries.some((q) => q.shape.aggregates.some((a) => a.fn === 'count'))) {
    rest.push({
      name: 'row_count',
      type: 'BIGINT',
      nullable: false,
      isKey: false,
      agg: 'SUM',
      defaultValue: '1',
      comment: 'rows merged; count(*) becomes sum(row_count)',
    });
  }
  return [...keys, ...rest];
}

/** Key columns and sort order per model (R-K1), key columns first as StarRocks requires. */
function chooseKeys(
  spec: TableSpec,
  model: TableModel,
  key: string[],
  sort: { columns: string[]; why: string },
  queries: readonly QueryInfo[],
  notes: Notes,
): { keyColumns: string[]; orderBy: string[] | null; metrics: Map<string, 'SUM' | 'MIN' | 'MAX'> } {
  let keyColumns: string[];
  let orderBy: string[] | null = null;
  const metrics =
    model === 'AGGREGATE' ? metricColumns(spec, queries) : new Map<string, 'SUM' | 'MIN' | 'MAX'>();
  if (model === 'PRIMARY') {
    keyColumns = key;
    if (sort.columns.length > 0 && sort.columns.join() !== key.slice(0, sort.columns.length).join())
      orderBy = sort.columns;
    notes.decide(
      'R-K1',
      spec.name,
      orderBy === null ? `sort by the primary key (${key.join(', ')})` : `ORDER BY (${orderBy.join(', ')})`,
      sort.why,
    );
  } else if (model === 'AGGREGATE') {
    const dims = spec.columns
      .filter((c) => !metrics.has(c.name) && typeInfo(c.type)?.canBeKey === true)
      .map((c) => c.name);
    keyColumns = [
      ...sort.columns.filter((c) => dims.includes(c)),
      ...dims.filter((c) => !sort.columns.includes(c)),
    ];
    notes.decide(
      'R-K1',
      spec.name,
      `AGGREGATE KEY(${keyColumns.join(', ')}) (sort key = key columns)`,
      sort.why,
    );
  } else {
    keyColumns = sort.columns.length > 0 ? sort.columns : [fallbackSortColumn(spec)];
    notes.decide(
      'R-K1',
      spec.name,
      `DUPLICATE KEY(${keyColumns.join(', ')})`,
      sort.columns.length > 0 ? sort.why : `${sort.why}; leading column`,
    );
  }
  return { keyColumns, orderBy, metrics };
}

/** R-B6 guards on one partition. */
function guardSizes(
  spec: TableSpec,
  replicasPerPartition: number,
  partitionBytes: number,
  unpartitioned: boolean,
  notes: Notes,
): void {
  if (replicasPerPartition > 20_000) {
    notes.risk(
      'high',
      spec.name,
      `${formatCount(replicasPerPartition)} tablet replicas in one partition (> 20 000)`,
      'R-B6',
    );
  }
  if (partitionBytes > 100 * GiB) {
    notes.risk(
      'medium',
      spec.name,
      `${formatBytes(partitionBytes)} in one partition (> 100 GB per partition)${unpartitioned ? ': consider a range partition on the key' : ''}`,
      'R-B6',
    );
  }
}
