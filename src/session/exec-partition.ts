/**
 * Partition statements: the INSERT step (OVERWRITE, PARTITION (…) targets, range check),
 * SHOW [TEMPORARY] PARTITIONS, SHOW DYNAMIC PARTITION TABLES, TRUNCATE TABLE … PARTITION and the
 * ALTER TABLE partition actions. Data and partition rows change in one DuckDB transaction under
 * the table's exclusive partition lock (src/catalog/partitions).
 */
import { DEFAULT_CATALOG, partitions as P, type TableDescriptor, type TableEntry } from '../catalog/index.js';
import type { EngineConnection } from '../engine/index.js';
import { SqlError } from '../errors/index.js';
import type { AstAlterAction, AstExpr, AstInsert, AstShow, AstTruncateTable } from '../sql/index.js';
import { T, type Value } from '../types/index.js';
import type { OkResult, RowsResult } from './api.js';
import { resolveName } from './exec-query.js';
import { col, okResult, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { filterLike, filterWhere } from './show-filter.js';
import {
  addTemporaryPartition,
  dropTemporaryPartitions,
  insertIntoTemporary,
  replaceWithTemporary,
  temporaryRowCounts,
} from './exec-temp-partition.js';
import { partitionsMatching } from './partition-where.js';
import { showDb, showTarget } from './show-meta.js';

export const withPartitionedWrite = P.withPartitionedWrite;

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** The INSERT's partition step (inside its transaction): returns the source to write. */
export async function partitionInsertSource(
  conn: EngineConnection,
  target: TableDescriptor,
  source: string,
  insert: AstInsert,
  strict: boolean,
): Promise<string> {
  if (!('definition' in target)) return source;
  const entry = target as TableEntry;
  if (insert.partitionValues !== undefined) {
    const values = new Map(insert.partitionValues.map((pv) => [pv.column, literalText(pv.value)]));
    const name = await P.partitionOfValues(conn, entry, values);
    return P.preparePartitionedWrite(conn, entry, source, {
      overwrite: insert.overwrite,
      partitions: [name],
      strict,
    });
  }
  if (insert.temporaryPartitions === true)
    return insertIntoTemporary(conn, entry, source, insert.partitions ?? [], insert.overwrite);
  if (!insert.overwrite && insert.partitions === undefined && entry.definition.partition === undefined)
    return source;
  return P.preparePartitionedWrite(conn, entry, source, {
    overwrite: insert.overwrite,
    partitions: insert.partitions ?? null,
    strict,
  });
}

/** The text of a partition value literal (`PARTITION (dt = '2023-07-01')`). */
function literalText(e: AstExpr): string | null {
  if (e.kind === 'null') return null;
  if (e.kind === 'string' || e.kind === 'typed-string') return e.value;
  if (e.kind === 'number') return e.text;
  if (e.kind === 'bool') return e.value ? 'true' : 'false';
  throw analysis('Partition value must be a literal');
}

function tableEntry(s: SessionImpl, t: TableDescriptor): TableEntry {
  const entry = s.db.catalog.getEntry(t.catalog, t.db, t.name);
  if (entry === null || entry.kind !== 'table' || entry.storage === undefined)
    throw new SqlError('wrong-object', { db: t.db, name: t.name, what: 'OLAP TABLE' });
  return entry;
}

function storageOf(entry: TableEntry): string {
  const st = entry.storage;
  if (st === undefined) throw new SqlError('internal-error', { message: 'table without storage' });
  return `${P.qi(st.schema)}.${P.qi(st.table)}`;
}

const PARTITION_COLUMNS = [
  'PartitionId',
  'PartitionName',
  'VisibleVersion',
  'VisibleVersionTime',
  'VisibleVersionHash',
  'State',
  'PartitionKey',
  'Range',
  'DistributionKey',
  'Buckets',
  'ReplicationNum',
  'StorageMedium',
  'CooldownTime',
  'LastConsistencyCheckTime',
  'DataSize',
  'StorageSize',
  'IsInMemory',
  'RowCount',
  'DataVersion',
  'VersionEpoch',
  'VersionTxnType',
];

function prop(entry: TableEntry, key: string): string | undefined {
  return entry.definition.properties.find((p) => p.key.toLowerCase() === key)?.value;
}

/** Rows per partition in one scan (count FILTER per partition predicate). */
async function rowCounts(
  s: SessionImpl,
  entry: TableEntry,
  scheme: P.PartitionScheme | null,
  parts: readonly P.PartitionRow[],
): Promise<number[]> {
  if (scheme === null) {
    const { rows } = await s.db.engine.queryAll(`SELECT count(*) FROM ${storageOf(entry)}`);
    return [Number(rows[0]?.[0] ?? 0)];
  }
  if (parts.length === 0) return [];
  const items = parts.map((p) => `count(*) FILTER (WHERE ${P.partitionPredicate(scheme, p)})`);
  const { rows } = await s.db.engine.queryAll(`SELECT ${items.join(', ')} FROM ${storageOf(entry)}`);
  return parts.map((_, i) => Number(rows[0]?.[i] ?? 0));
}

export async function showPartitions(
  s: SessionImpl,
  stmt: AstShow,
  signal: AbortSignal,
): Promise<RowsResult> {
  if (stmt.target === undefined)
    throw new SqlError('parse-error', { message: 'SHOW PARTITIONS needs a table' });
  const entry = tableEntry(s, showTarget(s, stmt.target, stmt.from));
  const temporary = stmt.what === 'temporary partitions';
  const scheme = P.schemeOf(entry.definition.partition, entry.columns);
  const all = await s.db.engine.withConnection((conn) => P.listPartitions(conn, entry.id));
  const parts = all.filter((p) => p.temp === temporary);
  const counts = temporary
    ? await s.db.engine.withConnection((conn) => temporaryRowCounts(conn, entry, parts))
    : await rowCounts(s, entry, scheme, parts);
  const dist = entry.definition.distribution;
  const distKey = dist?.kind === 'hash' ? dist.columns.join(', ') : 'ALL-KEY';
  const buckets = String(dist?.buckets ?? 1);
  // A partition's own bucket count (ALTER TABLE … PARTITIONS (…) DISTRIBUTED BY), 0: the table's.
  const common = (rowCount: number, own = 0): Value[] => [
    distKey,
    own > 0 ? String(own) : buckets,
    prop(entry, 'replication_num') ?? '3',
    'HDD',
    '9999-12-31 23:59:59',
    'NULL',
    '0B',
    '0B',
    'false',
    String(rowCount),
  ];
  let rows: Value[][];
  if (scheme === null) {
    rows = temporary
      ? []
      : [
          [
            String(entry.id),
            entry.name,
            '1',
            entry.createTime,
            '0',
            'NORMAL',
            '',
            '',
            ...common(counts[0] ?? 0),
            '1',
            '0',
            'TXN_NORMAL',
          ],
        ];
  } else {
    rows = parts.map((p, i) => [
      String(p.id),
      p.name,
      String(p.version),
      p.versionTime,
      '0',
      'NORMAL',
      p.partitionKey,
      p.rangeText,
      ...common(counts[i] ?? 0, p.buckets),
      String(p.version),
      '0',
      'TXN_NORMAL',
    ]);
  }
  const columns = PARTITION_COLUMNS.map((n) =>
    col(
      n,
      n === 'PartitionId' || n === 'VisibleVersion' || n === 'RowCount' ? T.varchar(64) : T.varchar(1024),
    ),
  );
  const filtered = await filterWhere(s, columns, filterLike(rows, 1, stmt.like, false), stmt.where, signal);
  return rowsResult(columns, applyLimit(filtered, stmt));
}

function applyLimit(rows: (readonly Value[])[], stmt: AstShow): (readonly Value[])[] {
  const lim = stmt.limit;
  if (lim === undefined) return rows;
  const n = lim.count?.kind === 'number' ? Number(lim.count.text) : rows.length;
  const off = lim.offset?.kind === 'number' ? Number(lim.offset.text) : 0;
  return rows.slice(off, off + n);
}

export async function showDynamicPartitionTables(
  s: SessionImpl,
  stmt: AstShow,
  signal: AbortSignal,
): Promise<RowsResult> {
  const db = showDb(s, stmt.from);
  const names = [
    'TableName',
    'Enable',
    'TimeUnit',
    'Start',
    'End',
    'Prefix',
    'Buckets',
    'ReplicationNum',
    'StartOf',
    'LastUpdateTime',
    'LastSchedulerTime',
    'State',
    'LastCreatePartitionMsg',
    'LastDropPartitionMsg',
    'InScheduler',
  ];
  const rows: Value[][] = [];
  for (const t of s.db.catalog.listEntries(DEFAULT_CATALOG, db)) {
    const cfg = t.kind === 'table' ? P.dynamicConfig(t.definition.properties) : null;
    if (cfg === null) continue;
    rows.push([
      t.name,
      String(cfg.enable),
      cfg.timeUnit.toUpperCase(),
      String(cfg.start),
      String(cfg.end),
      cfg.prefix,
      String(cfg.buckets ?? t.definition.distribution?.buckets ?? 0),
      prop(t, 'replication_num') ?? '3',
      cfg.timeUnit === 'week' ? 'MONDAY' : cfg.timeUnit === 'month' ? '1st' : 'NULL',
      'NULL',
      'NULL',
      'NORMAL',
      'NULL',
      'NULL',
      String(cfg.enable),
    ]);
  }
  const columns = names.map((n) => col(n));
  return rowsResult(
    columns,
    await filterWhere(s, columns, filterLike(rows, 0, stmt.like, true), stmt.where, signal),
  );
}

function findPartition(
  parts: readonly P.PartitionRow[],
  name: string,
  temp: boolean,
): P.PartitionRow | undefined {
  return parts.find((p) => p.temp === temp && p.name.toLowerCase() === name.toLowerCase());
}

function noSuchPartition(name: string): SqlError {
  return analysis(`Partition '${name}' does not exist`);
}

/** Delete the rows of named partitions (TRUNCATE … PARTITION); bumps their version. */
async function truncateNamed(
  conn: EngineConnection,
  entry: TableEntry,
  names: readonly string[],
): Promise<void> {
  const scheme = P.schemeOf(entry.definition.partition, entry.columns);
  if (scheme === null) {
    for (const n of names) if (n !== entry.name) throw noSuchPartition(n);
    await conn.execute(`DELETE FROM ${storageOf(entry)}`);
    return;
  }
  const parts = await P.listPartitions(conn, entry.id);
  const chosen = names.map(
    (n) =>
      findPartition(parts, n, false) ??
      (() => {
        throw noSuchPartition(n);
      })(),
  );
  await conn.execute(`DELETE FROM ${storageOf(entry)} WHERE ${P.membershipSql(scheme, chosen)}`);
  await P.bumpVersion(
    conn,
    entry.id,
    chosen.map((p) => p.id),
  );
}

/** Run a partition change on a table: exclusive partition lock, one transaction. */
function partitionChange<T>(
  s: SessionImpl,
  entry: TableEntry,
  fn: (conn: EngineConnection) => Promise<T>,
): Promise<T> {
  return P.withTableLock(entry.id, true, () => s.db.engine.transaction(fn));
}

export async function truncatePartitions(s: SessionImpl, stmt: AstTruncateTable): Promise<OkResult> {
  const { catalog, db, table } = resolveName(s, stmt.name);
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
  const t = s.db.catalog.getEntry(catalog, db, table);
  if (t === null) throw new SqlError('unknown-table', { table });
  const entry = tableEntry(s, t);
  await partitionChange(s, entry, (conn) => truncateNamed(conn, entry, stmt.partitions ?? []));
  return okResult();
}

type PartitionAction = Extract<
  AstAlterAction,
  {
    kind:
      | 'add-partition'
      | 'drop-partition'
      | 'truncate-partition'
      | 'replace-partition'
      | 'rename-partition'
      | 'modify-partition';
  }
>;

export function isPartitionAction(a: AstAlterAction): a is PartitionAction {
  return [
    'add-partition',
    'drop-partition',
    'truncate-partition',
    'replace-partition',
    'rename-partition',
    'modify-partition',
  ].includes(a.kind);
}

function partitionedScheme(entry: TableEntry): P.PartitionScheme {
  const scheme = P.schemeOf(entry.definition.partition, entry.columns);
  if (scheme === null) throw analysis(`Table[${entry.name}] is not a partitioned table`);
  return scheme;
}

/** One ALTER TABLE partition action. */
export async function alterPartition(s: SessionImpl, entry: TableEntry, a: PartitionAction): Promise<void> {
  await partitionChange(s, entry, async (conn) => {
    const parts = await P.listPartitions(conn, entry.id);
    switch (a.kind) {
      case 'add-partition': {
        if (a.temporary) return addTemporaryPartition(conn, entry, a.partition);
        const scheme = partitionedScheme(entry);
        const def = a.partition;
        if (scheme.kind === 'list' && def.kind !== 'list')
          throw analysis('List partition table only support list partition desc');
        if (scheme.kind === 'range' && def.kind === 'list')
          throw analysis('Range partition table only support range partition desc');
        if (
          scheme.auto &&
          scheme.kind === 'range' &&
          entry.definition.partition?.kind === 'expr' &&
          def.kind !== 'batch'
        )
          throw analysis(
            'Currently, you cannot manually add a single range partition to a table that is automatically partition',
          );
        if (
          scheme.auto &&
          def.kind === 'batch' &&
          !(
            def.every.kind === 'interval' &&
            def.every.value.kind === 'number' &&
            def.every.value.text === '1'
          )
        )
          throw analysis('The step of the auto-partitioned table should be 1');
        if (def.kind === 'batch') P.checkAutoBatch(scheme, def);
        await P.insertPartitions(conn, P.partitionsFromDefs(scheme, entry.id, [def], parts, false));
        return;
      }
      case 'drop-partition': {
        if (a.all === true) {
          const temps = parts.filter((p) => p.temp).map((p) => p.name);
          return dropTemporaryPartitions(conn, entry, temps, true);
        }
        const scheme = partitionedScheme(entry);
        const names = a.where === undefined ? a.names : await partitionsMatching(s, conn, entry, a.where);
        if (a.temporary) return dropTemporaryPartitions(conn, entry, names, a.ifExists);
        for (const n of names) {
          const p = findPartition(parts, n, false);
          if (p === undefined) {
            if (a.ifExists) continue;
            throw noSuchPartition(n);
          }
          await P.dropPartitionRows(conn, entry, scheme, p);
        }
        return;
      }
      case 'truncate-partition':
        await truncateNamed(conn, entry, a.names);
        return;
      case 'rename-partition': {
        partitionedScheme(entry);
        const p = findPartition(parts, a.from, false);
        if (p === undefined) throw noSuchPartition(a.from);
        if (findPartition(parts, a.to, false) !== undefined)
          throw analysis(`Partition name[${a.to}] is already used`);
        await P.renamePartition(conn, entry.id, p.id, a.to);
        return;
      }
      case 'modify-partition':
        // Storage properties (storage_medium, replication_num …) have nothing to change here.
        return;
      case 'replace-partition':
        return replaceWithTemporary(conn, entry, a);
    }
  });
}
