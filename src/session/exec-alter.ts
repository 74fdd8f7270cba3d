/**
 * ALTER TABLE: column changes (alter-columns.ts), rename, SWAP WITH, COMMENT, SET properties,
 * DISTRIBUTED BY, indexes/rollups as metadata, and partition actions (exec-partition.ts). Each
 * statement is one catalog change: metadata rows, DuckDB storage DDL and the finished job row
 * (SHOW ALTER TABLE …, jobs finish synchronously) commit together.
 */
import { nowText, partitions as P, type CatalogTx, type TableEntry } from '../catalog/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import type { AstAlterAction, AstAlterTable, AstDistribution } from '../sql/index.js';
import type { OkResult } from './api.js';
import { checkColumnActions } from './alter-check.js';
import {
  addColumn,
  analysis,
  dropColumn,
  forgetReindex,
  modifyColumn,
  orderBy,
  recreateKeyIndex,
  renameColumn,
  reorder,
  same,
} from './alter-columns.js';
import { checkNotTemporaryAlter } from './exec-temp-table.js';
import { alterPartition, isPartitionAction } from './exec-partition.js';
import { resolveName } from './exec-query.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';
import { checkBloomIndexes, checkIndexCacheExpire } from './table-validate.js';

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

/** Apply the non-partition actions in one catalog change; returns the table's final name. */
function applyActions(
  s: SessionImpl,
  catalog: string,
  db: string,
  table: string,
  rest: readonly AstAlterAction[],
): Promise<string> {
  return s.db.catalog.change(async (tx) => {
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
  });
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
  await P.withTableLock(found.id, true, async () => {
    const name = await applyActions(s, catalog, db, table, rest).catch((error: unknown) => {
      forgetReindex(found.id);
      throw error;
    });
    // The key index comes back before the lock is released. A later ALTER must see (and drop) it:
    // otherwise the WAL holds that ALTER after this CREATE INDEX and cannot be replayed.
    await recreateKeyIndex(s, catalog, db, name, found.id);
  });
  return okResult();
}
