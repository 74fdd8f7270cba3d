/**
 * ALTER TABLE's column actions (add/drop/modify/rename/reorder, ORDER BY) on a table entry and its
 * DuckDB storage, inside the caller's catalog change. Storage DDL runs with the table's key index
 * dropped; recreateKeyIndex puts it back once the change has committed.
 */
import {
  DEFAULT_CATALOG,
  partitions as P,
  type Catalog,
  type CatalogTx,
  type ColumnDescriptor,
  type TableEntry,
} from '../catalog/index.js';
import {
  duckdbType,
  keyIndexName,
  keyIndexSql,
  quoteIdent,
  quoteQualified,
  quoteString,
  wantsKeyIndex,
} from '../codegen/index.js';
import type { Engine, EngineConnection } from '../engine/index.js';
import { SqlError } from '../errors/index.js';
import type { AstColumnDef, AstColumnPosition } from '../sql/index.js';
import type { SessionImpl } from './session.js';
import { columnDescriptors } from './table-def.js';

export function analysis(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

export function same(a: string, b: string): boolean {
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
  if (rows.length > 0) reindex.add(before.id);
}

export async function recreateKeyIndex(
  s: SessionImpl,
  catalog: string,
  db: string,
  name: string,
  id: number,
): Promise<void> {
  if (!reindex.delete(id)) return;
  const e = s.db.catalog.getEntry(catalog, db, name);
  const sql = e?.id === id ? keyIndexOf(e) : null;
  if (sql !== null) await s.db.engine.execute(sql);
}

/** The CREATE INDEX of a table's key index, or null when its model keeps none. */
function keyIndexOf(e: TableEntry): string | null {
  if (e.storage === undefined || !wantsKeyIndex(e.keysType, e.columns)) return null;
  return keyIndexSql(
    e.storage,
    e.columns.filter((c) => c.isKey).map((c) => c.name),
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

export async function addColumn(
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
  await withoutIndexes(tx.conn, entry, async () => {
    await tx.conn.execute(
      `ALTER TABLE ${storageOf(entry)} ADD COLUMN ${quoteIdent(c.name)} ${duckdbType(c.type)}`,
    );
    // Existing rows take the default (storage keeps no DEFAULT: the write path supplies them).
    if (d !== null) await tx.conn.execute(`UPDATE ${storageOf(entry)} SET ${quoteIdent(c.name)} = ${d}`);
  });
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

export async function dropColumn(tx: CatalogTx, entry: TableEntry, name: string): Promise<TableEntry> {
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
  await withoutIndexes(tx.conn, entry, () =>
    tx.conn
      .execute(`ALTER TABLE ${storageOf(entry)} DROP COLUMN ${quoteIdent(c.name)}`)
      .then(() => undefined),
  );
  return next;
}

export async function modifyColumn(
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
  await withoutIndexes(tx.conn, entry, async () => {
    if (duckdbType(old.type) !== duckdbType(c.type))
      await tx.conn.execute(
        `ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(old.name)} SET DATA TYPE ${duckdbType(c.type)}`,
      );
    if (old.nullable !== c.nullable)
      await tx.conn.execute(
        `ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(old.name)} ${c.nullable ? 'DROP' : 'SET'} NOT NULL`,
      );
  });
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

export async function renameColumn(
  tx: CatalogTx,
  entry: TableEntry,
  from: string,
  to: string,
): Promise<TableEntry> {
  const i = columnIndex(entry, from);
  if (entry.columns.some((c) => same(c.name, to))) throw new SqlError('duplicate-column', { column: to });
  const old = entry.columns[i] as ColumnDescriptor;
  const next = {
    ...entry,
    columns: entry.columns.map((c, j) => (j === i ? { ...c, name: to } : c)),
    definition: renameInDefinition(entry, old.name, to),
  };
  await withoutIndexes(tx.conn, entry, () =>
    tx.conn
      .execute(`ALTER TABLE ${storageOf(entry)} RENAME COLUMN ${quoteIdent(old.name)} TO ${quoteIdent(to)}`)
      .then(() => undefined),
  );
  return next;
}

export function reorder(entry: TableEntry, names: readonly string[]): TableEntry {
  if (
    names.length !== entry.columns.length ||
    new Set(names.map((n) => n.toLowerCase())).size !== names.length
  )
    throw analysis('Reorder stmt should contains all columns');
  return { ...entry, columns: names.map((n) => entry.columns[columnIndex(entry, n)] as ColumnDescriptor) };
}

export function orderBy(entry: TableEntry, names: readonly string[]): TableEntry {
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

/** Forget a pending key-index re-creation (the change that dropped the index rolled back). */
export function forgetReindex(id: number): void {
  reindex.delete(id);
}

/**
 * Start-up: a key index dropped by a schema change whose process died before re-creating it comes
 * back (the table was correct without it — the writer falls back to MERGE — only slower).
 */
export async function restoreKeyIndexes(catalog: Catalog, engine: Engine): Promise<void> {
  const { rows } = await engine.queryAll(
    'SELECT schema_name, index_name FROM duckdb_indexes() WHERE database_name = current_database()',
  );
  const present = new Set(rows.map((r) => `${String(r[0])}.${String(r[1])}`));
  for (const db of catalog.listDatabases(DEFAULT_CATALOG))
    for (const e of catalog.listEntries(DEFAULT_CATALOG, db)) {
      const sql = keyIndexOf(e);
      if (
        sql !== null &&
        e.storage !== undefined &&
        !present.has(`${e.storage.schema}.${keyIndexName(e.storage)}`)
      )
        await engine.execute(sql);
    }
}
