/**
 * ALTER TABLE: column changes (add/drop/modify/rename/reorder), rename, SWAP WITH, COMMENT, SET
 * properties, ORDER BY, DISTRIBUTED BY, indexes/rollups as metadata, and partition actions
 * (exec-partition.ts). Each statement is one catalog change: metadata rows, DuckDB storage DDL
 * and the finished job row (SHOW ALTER TABLE …, jobs finish synchronously) commit together.
 */
import {
  nowText,
  partitions as P,
  type CatalogTx,
  type ColumnDescriptor,
  type TableEntry,
} from '../catalog/index.js';
import {
  duckdbType,
  keyIndexSql,
  quoteIdent,
  quoteQualified,
  quoteString,
  wantsKeyIndex,
} from '../codegen/index.js';
import type { EngineConnection } from '../engine/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import type {
  AstAlterAction,
  AstAlterTable,
  AstColumnDef,
  AstColumnPosition,
  AstDistribution,
} from '../sql/index.js';
import type { OkResult } from './api.js';
import { checkColumnActions } from './alter-check.js';
import { checkNotTemporaryAlter } from './exec-temp-table.js';
import { alterPartition, isPartitionAction } from './exec-partition.js';
import { resolveName } from './exec-query.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';
import { columnDescriptors } from './table-def.js';
import { checkBloomIndexes, checkIndexCacheExpire } from './table-validate.js';

function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function columnIndex(entry: TableEntry, name: string): number {
  const i = entry.columns.findIndex((c) => same(c.name, name));
  if (i < 0) throw analysis(`Column[${name}] does not exists`);
  return i;
}

function storageOf(entry: TableEntry): string {
  const st = entry.storage;
  if (st === undefined)
    throw new SqlError('wrong-object', { db: entry.db, name: entry.name, what: 'OLAP TABLE' });
  return quoteQualified(st.schema, st.table);
}

/**
 * Tables whose key index was dropped for a storage change; re-created after the change commits
 * (DuckDB cannot re-create an index name dropped in the same transaction, and cannot ALTER a
 * table that has an index). Until then the writer falls back to its index-free MERGE path.
 */
const reindex = new Set<number>();

/** Run storage DDL with the table's DuckDB indexes dropped (re-created after commit). */
async function withoutIndexes(
  conn: EngineConnection,
  before: TableEntry,
  after: () => TableEntry,
  fn: () => Promise<void>,
): Promise<void> {
  const st = before.storage;
  if (st === undefined) return fn();
  const { rows } = await conn.queryAll(
    'SELECT index_name FROM duckdb_indexes() WHERE schema_name = $1 AND table_name = $2 AND database_name = current_database()',
    [st.schema, st.table],
  );
  for (const r of rows) await conn.execute(`DROP INDEX ${quoteIdent(st.schema)}.${quoteIdent(String(r[0]))}`);
  await fn();
  void after;
  if (rows.length > 0) reindex.add(before.id);
}

async function recreateKeyIndex(
  s: SessionImpl,
  catalog: string,
  db: string,
  name: string,
  id: number,
): Promise<void> {
  if (!reindex.delete(id)) return;
  const e = s.db.catalog.getEntry(catalog, db, name);
  if (e?.storage === undefined || e.id !== id || !wantsKeyIndex(e.keysType, e.columns)) return;
  const st = e.storage;
  await s.db.engine.execute(
    keyIndexSql(
      st,
      e.columns.filter((c) => c.isKey).map((c) => c.name),
    ),
  );
}

function place(
  columns: ColumnDescriptor[],
  c: ColumnDescriptor,
  pos: AstColumnPosition | undefined,
  fallback: number,
): ColumnDescriptor[] {
  const out = [...columns];
  if (pos?.kind === 'first') out.unshift(c);
  else if (pos?.kind === 'after') {
    const i = out.findIndex((x) => same(x.name, pos.column));
    if (i < 0) throw analysis(`Column[${pos.column}] does not exists`);
    out.splice(i + 1, 0, c);
  } else out.splice(fallback, 0, c);
  return out;
}

function descriptorOf(entry: TableEntry, def: AstColumnDef, isKey: boolean): ColumnDescriptor {
  const keys = { type: entry.keysType ?? 'duplicate', columns: isKey ? [def.name] : [] };
  const [c] = columnDescriptors([def], keys);
  if (c === undefined) throw new SqlError('internal-error', { message: 'no column' });
  if (entry.keysType === 'aggregate' && !isKey && c.aggType === undefined)
    return { ...c, aggType: 'replace' };
  return c;
}

function withoutAgg(c: ColumnDescriptor): ColumnDescriptor {
  const out = { ...c };
  delete out.aggType;
  return out;
}

function defaultSql(c: ColumnDescriptor): string | null {
  if (c.defaultValue === null || /^current_timestamp/i.test(c.defaultValue)) return null;
  return `CAST(${quoteString(c.defaultValue)} AS ${duckdbType(c.type)})`;
}

async function addColumn(
  tx: CatalogTx,
  entry: TableEntry,
  def: AstColumnDef,
  pos?: AstColumnPosition,
): Promise<TableEntry> {
  if (entry.columns.some((c) => same(c.name, def.name)))
    throw new SqlError('duplicate-column', { column: def.name });
  const isKey =
    pos !== undefined &&
    entry.keysType !== 'primary' &&
    def.aggType === undefined &&
    (pos.kind === 'first' || entry.columns.find((c) => same(c.name, pos.column))?.isKey === true) &&
    entry.keysType !== 'duplicate';
  const c = descriptorOf(entry, def, isKey);
  const firstValue = entry.columns.findIndex((x) => !x.isKey);
  const fallback = isKey ? (firstValue < 0 ? entry.columns.length : firstValue) : entry.columns.length;
  const next = { ...entry, columns: place([...entry.columns], c, pos, fallback) };
  const d = defaultSql(c);
  await withoutIndexes(
    tx.conn,
    entry,
    () => next,
    async () => {
      await tx.conn.execute(
        `ALTER TABLE ${storageOf(entry)} ADD COLUMN ${quoteIdent(c.name)} ${duckdbType(c.type)}`,
      );
      // Existing rows take the default (storage keeps no DEFAULT: the write path supplies them).
      if (d !== null) await tx.conn.execute(`UPDATE ${storageOf(entry)} SET ${quoteIdent(c.name)} = ${d}`);
    },
  );
  return next;
}

function usedBy(entry: TableEntry, name: string): string | null {
  const d = entry.definition;
  const partitionCols = P.schemeOf(d.partition, entry.columns)?.columns ?? [];
  if (partitionCols.some((c) => same(c, name))) return 'partition';
  if (d.distribution?.kind === 'hash' && d.distribution.columns.some((c) => same(c, name)))
    return 'distribution';
  return null;
}

async function dropColumn(tx: CatalogTx, entry: TableEntry, name: string): Promise<TableEntry> {
  const i = columnIndex(entry, name);
  const c = entry.columns[i] as ColumnDescriptor;
  if (c.isKey && entry.keysType !== 'duplicate')
    throw analysis(
      `Can not drop key column in ${entry.keysType === 'primary' ? 'primary' : entry.keysType === 'unique' ? 'Unique' : 'aggregate'} data model table`,
    );
  const use = usedBy(entry, name);
  if (use === 'partition')
    throw new SqlError('runtime-error', {
      message: `Partition column[${c.name}] cannot be dropped. index[${entry.name}]`,
    });
  if (use === 'distribution')
    throw new SqlError('runtime-error', {
      message: `Distribution column[${c.name}] cannot be dropped. index[${entry.name}]`,
    });
  if (entry.columns.length === 1) throw analysis('Can not drop all columns');
  const ids = { ...entry.definition.columnIds };
  delete ids[c.name.toLowerCase()];
  const next = {
    ...entry,
    columns: entry.columns.filter((_, j) => j !== i),
    definition: { ...entry.definition, columnIds: ids },
  };
  await withoutIndexes(
    tx.conn,
    entry,
    () => next,
    () =>
      tx.conn
        .execute(`ALTER TABLE ${storageOf(entry)} DROP COLUMN ${quoteIdent(c.name)}`)
        .then(() => undefined),
  );
  return next;
}

async function modifyColumn(
  tx: CatalogTx,
  entry: TableEntry,
  def: AstColumnDef,
  pos?: AstColumnPosition,
): Promise<TableEntry> {
  const i = columnIndex(entry, def.name);
  const old = entry.columns[i] as ColumnDescriptor;
  if (entry.keysType === 'primary' && (entry.definition.orderBy ?? []).some((n) => same(n, old.name)))
    throw new SqlError('runtime-error', {
      message: 'Can not modify sort column in primary data model table',
    });
  let c = descriptorOf(entry, def, old.isKey);
  if (old.aggType !== undefined && def.aggType === undefined) c = { ...c, aggType: old.aggType };
  if (old.isKey && entry.keysType === 'primary') c = { ...c, nullable: false };
  // A PRIMARY KEY table accepts (and ignores) an aggregate function on MODIFY.
  if (entry.keysType === 'primary' && c.aggType !== undefined) c = withoutAgg(c);
  const rest = entry.columns.filter((_, j) => j !== i);
  const next = {
    ...entry,
    columns: pos === undefined ? entry.columns.map((x, j) => (j === i ? c : x)) : place(rest, c, pos, i),
  };
  const t = storageOf(entry);
  await withoutIndexes(
    tx.conn,
    entry,
    () => next,
    async () => {
      if (duckdbType(old.type) !== duckdbType(c.type))
        await tx.conn.execute(
          `ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(old.name)} SET DATA TYPE ${duckdbType(c.type)}`,
        );
      if (old.nullable !== c.nullable)
        await tx.conn.execute(
          `ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(old.name)} ${c.nullable ? 'DROP' : 'SET'} NOT NULL`,
        );
    },
  );
  return next;
}

/** Rename a column in the stored clauses (keys, distribution, sort key, partition expressions). */
function renameInDefinition(entry: TableEntry, from: string, to: string): TableEntry['definition'] {
  const r = (n: string): string => (same(n, from) ? to : n);
  const d = entry.definition;
  const partition =
    d.partition === undefined
      ? undefined
      : (JSON.parse(JSON.stringify(d.partition), (k, v: unknown) =>
          k === 'parts' && Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? r(x) : x)) : v,
        ) as typeof d.partition);
  const ids: Record<string, string> = { ...d.columnIds };
  ids[to.toLowerCase()] = ids[from.toLowerCase()] ?? from;
  if (from.toLowerCase() !== to.toLowerCase()) delete ids[from.toLowerCase()];
  // bloom_filter_columns names the column too.
  const properties = d.properties.map((p) =>
    p.key.toLowerCase() === 'bloom_filter_columns'
      ? {
          ...p,
          value: p.value
            .split(',')
            .map((n) => r(n.trim()))
            .join(','),
        }
      : p,
  );
  return {
    ...d,
    properties,
    columnIds: ids,
    ...(d.keys ? { keys: { ...d.keys, columns: d.keys.columns.map(r) } } : {}),
    ...(partition ? { partition } : {}),
    ...(d.distribution?.kind === 'hash'
      ? { distribution: { ...d.distribution, columns: d.distribution.columns.map(r) } }
      : {}),
    ...(d.orderBy ? { orderBy: d.orderBy.map(r) } : {}),
  };
}

async function renameColumn(tx: CatalogTx, entry: TableEntry, from: string, to: string): Promise<TableEntry> {
  const i = columnIndex(entry, from);
  if (entry.columns.some((c) => same(c.name, to))) throw new SqlError('duplicate-column', { column: to });
  const old = entry.columns[i] as ColumnDescriptor;
  const next = {
    ...entry,
    columns: entry.columns.map((c, j) => (j === i ? { ...c, name: to } : c)),
    definition: renameInDefinition(entry, old.name, to),
  };
  await withoutIndexes(
    tx.conn,
    entry,
    () => next,
    () =>
      tx.conn
        .execute(`ALTER TABLE ${storageOf(entry)} RENAME COLUMN ${quoteIdent(old.name)} TO ${quoteIdent(to)}`)
        .then(() => undefined),
  );
  return next;
}

function reorder(entry: TableEntry, names: readonly string[]): TableEntry {
  if (
    names.length !== entry.columns.length ||
    new Set(names.map((n) => n.toLowerCase())).size !== names.length
  )
    throw analysis('Reorder stmt should contains all columns');
  return { ...entry, columns: names.map((n) => entry.columns[columnIndex(entry, n)] as ColumnDescriptor) };
}

function orderBy(entry: TableEntry, names: readonly string[]): TableEntry {
  for (const n of names) {
    const c = entry.columns[columnIndex(entry, n)] as ColumnDescriptor;
    if (entry.keysType === 'primary' && (c.type.kind === 'float' || c.type.kind === 'double'))
      throw new SqlError('runtime-error', {
        message: `Sort key column[${c.name}] type not supported: ${c.type.kind.toUpperCase()} in PrimaryKey table`,
      });
  }
  const all = names.length === entry.columns.length && entry.keysType !== 'primary';
  if (all && entry.keysType === 'duplicate') return reorder(entry, names);
  return { ...entry, definition: { ...entry.definition, orderBy: names } };
}

function setProperties(entry: TableEntry, props: readonly { key: string; value: string }[]): TableEntry {
  checkIndexCacheExpire(props, true);
  const merged = [...entry.definition.properties.filter((p) => !props.some((q) => same(q.key, p.key)))];
  // primary_index_cache_expire_sec = 0 turns the expiry off: StarRocks no longer shows it.
  merged.push(
    ...props.filter((p) => !(same(p.key, 'primary_index_cache_expire_sec') && p.value.trim() === '0')),
  );
  P.validatePartitionProperties(P.schemeOf(entry.definition.partition, entry.columns), merged);
  return { ...entry, definition: { ...entry.definition, properties: merged } };
}

/** `PARTITIONS (…) DISTRIBUTED BY … BUCKETS n`: those partitions' bucket count (metadata only). */
async function partitionBuckets(
  tx: CatalogTx,
  entry: TableEntry,
  names: readonly string[],
  dist: AstDistribution,
): Promise<TableEntry> {
  const parts = (await P.listPartitions(tx.conn, entry.id)).filter((p) => !p.temp);
  const ids = names.map((n) => {
    const p = parts.find((x) => same(x.name, n));
    if (p === undefined) throw analysis(`Partition does not exist: ${n}`);
    return p.id;
  });
  const buckets = dist.buckets ?? parts.find((p) => p.id === ids[0])?.buckets ?? 1;
  await P.setPartitionBuckets(tx.conn, entry.id, [...new Set(ids)], buckets);
  return entry;
}

/** A table-wide DISTRIBUTED BY change applies to every partition again. */
async function resetPartitionBuckets(tx: CatalogTx, entry: TableEntry): Promise<void> {
  const ids = (await P.listPartitions(tx.conn, entry.id)).filter((p) => p.buckets !== 0).map((p) => p.id);
  await P.setPartitionBuckets(tx.conn, entry.id, ids, 0);
}

const COLUMN_JOBS = new Set([
  'add-column',
  'add-columns',
  'drop-column',
  'modify-column',
  'reorder-columns',
  'order-by',
]);

/** Apply one non-partition action inside the change; returns the new entry. */
async function applyAction(tx: CatalogTx, entry: TableEntry, a: AstAlterAction): Promise<TableEntry> {
  if (COLUMN_JOBS.has(a.kind) || a.kind === 'rename-column') {
    // The side storage of temporary partitions keeps the old schema (StarRocks refuses too).
    if ((await P.listPartitions(tx.conn, entry.id)).some((p) => p.temp))
      throw analysis('Can not alter table when there are temp partitions in table');
  }
  switch (a.kind) {
    case 'add-column':
      return addColumn(tx, entry, a.column, a.position);
    case 'add-columns': {
      let e = entry;
      for (const c of a.columns) e = await addColumn(tx, e, c);
      return e;
    }
    case 'drop-column':
      return dropColumn(tx, entry, a.column);
    case 'modify-column':
      return modifyColumn(tx, entry, a.column, a.position);
    case 'rename-column':
      return renameColumn(tx, entry, a.from, a.to);
    case 'reorder-columns':
      return reorder(entry, a.columns);
    case 'order-by':
      return orderBy(entry, a.columns);
    case 'comment':
      return { ...entry, comment: a.comment };
    case 'set-properties':
      return setProperties(entry, a.properties);
    case 'distribution':
      if (a.partitions !== undefined) return partitionBuckets(tx, entry, a.partitions, a.distribution);
      await resetPartitionBuckets(tx, entry);
      return { ...entry, definition: { ...entry.definition, distribution: a.distribution } };
    case 'add-index':
      if (entry.definition.indexes.some((i) => same(i.name, a.index.name)))
        throw analysis(`index \`${a.index.name}\` already exist.`);
      checkBloomIndexes([a.index], entry.definition.properties);
      return {
        ...entry,
        definition: { ...entry.definition, indexes: [...entry.definition.indexes, a.index] },
      };
    case 'drop-index':
      if (!entry.definition.indexes.some((i) => same(i.name, a.name)))
        throw analysis(`index ${a.name} does not exist`);
      return {
        ...entry,
        definition: {
          ...entry.definition,
          indexes: entry.definition.indexes.filter((i) => !same(i.name, a.name)),
        },
      };
    case 'add-rollup':
      return {
        ...entry,
        definition: {
          ...entry.definition,
          rollups: [...entry.definition.rollups, { name: a.name, columns: a.columns }],
        },
      };
    case 'drop-rollup':
      return {
        ...entry,
        definition: {
          ...entry.definition,
          rollups: entry.definition.rollups.filter((r) => !same(r.name, a.name)),
        },
      };
    case 'compact':
      return entry;
    default:
      throw notSupported(`ALTER TABLE ${a.kind.replace(/-/g, ' ').toUpperCase()}`);
  }
}

async function renameTable(tx: CatalogTx, entry: TableEntry, to: string): Promise<void> {
  if (tx.getTable(entry.catalog, entry.db, to) !== null) throw new SqlError('table-exists', { table: to });
  await tx.replaceTable(entry, { ...entry, name: to });
}

async function swapTables(tx: CatalogTx, entry: TableEntry, other: string): Promise<void> {
  const b = tx.getEntry(entry.catalog, entry.db, other);
  if (b === null) throw new SqlError('unknown-table', { table: other });
  if (b.kind !== 'table') throw analysis(`Table ${other} is not OLAP table`);
  const tmp = `__rockling_swap_${entry.id}`;
  await tx.replaceTable(entry, { ...entry, name: tmp });
  await tx.replaceTable(b, { ...b, name: entry.name });
  const moved = tx.getEntry(entry.catalog, entry.db, tmp) as TableEntry;
  await tx.replaceTable(moved, { ...moved, name: b.name });
}

function jobKind(a: AstAlterAction): 'column' | 'rollup' | 'optimize' | null {
  if (COLUMN_JOBS.has(a.kind)) return 'column';
  if (a.kind === 'add-rollup') return 'rollup';
  if (a.kind === 'distribution') return 'optimize';
  return null;
}

export async function alterTable(s: SessionImpl, stmt: AstAlterTable): Promise<OkResult> {
  const { catalog, db, table } = resolveName(s, stmt.name);
  checkNotTemporaryAlter(table);
  if (!s.db.catalog.databaseExists(catalog, db)) throw new SqlError('unknown-database', { db });
  const found = s.db.catalog.getEntry(catalog, db, table);
  if (found === null) throw new SqlError('unknown-table', { table });
  if (found.kind !== 'table') throw new SqlError('wrong-object', { db, name: table, what: 'OLAP TABLE' });
  const partitionActions = stmt.actions.filter(isPartitionAction);
  for (const a of partitionActions) await alterPartition(s, found, a);
  const rest = stmt.actions.filter((a) => !isPartitionAction(a));
  if (rest.length === 0) return okResult();
  await P.withTableLock(found.id, true, () =>
    s.db.catalog.change(async (tx) => {
      let entry = tx.getEntry(catalog, db, table);
      if (entry === null) throw new SqlError('unknown-table', { table });
      const dbEntry = tx.getDatabase(catalog, db);
      checkColumnActions(entry, rest);
      for (const a of rest) {
        if (a.kind === 'rename-table') {
          await renameTable(tx, entry, a.to);
          entry = tx.getEntry(catalog, db, a.to) as TableEntry;
          continue;
        }
        if (a.kind === 'swap-with') {
          await swapTables(tx, entry, a.other);
          continue;
        }
        const next = await applyAction(tx, entry, a);
        await tx.replaceTable(entry, next);
        entry = tx.getEntry(catalog, db, next.name) as TableEntry;
        if (a.kind === 'set-properties')
          await P.dynamicStep(tx.conn, entry, s.db.scheduler?.now() ?? nowText());
        const kind = jobKind(a);
        if (kind !== null && dbEntry !== null)
          await P.recordAlterJob(tx.conn, {
            dbId: dbEntry.id,
            tableName: entry.name,
            kind,
            detail: a.kind === 'add-rollup' ? a.name : entry.name,
            state: 'FINISHED',
            msg: '',
          });
      }
      return entry.name;
    }),
  ).then(
    (name) => recreateKeyIndex(s, catalog, db, name, found.id),
    (error: unknown) => {
      reindex.delete(found.id);
      throw error;
    },
  );
  return okResult();
}
